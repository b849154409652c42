// "Sign in with SSO" on the sign-in screen, when the server has an OpenID Connect provider configured; and why a
// single sign-on was refused (the server sends the browser back to /?sso=failed&reason=...): a person the provider
// knows but who has no CrisisCenter role or agency is told so and whom to ask, not shown a bare error.
import { audit } from "../api/audit";
import { hasMessage, tx } from "../i18n/i18n";
import { h } from "../ui/dom";

export function ssoSignIn(): HTMLElement {
  const box = h("div", { class: "sso-sign-in" });
  const query = new URLSearchParams(location.search);
  if (query.get("sso") === "failed") {
    const reason = query.get("reason") ?? "failed";
    const key = `signIn.ssoRefused.${reason}`;
    box.appendChild(h("div", { class: "alert alert-error", attrs: { role: "alert", "data-testid": "sso-refused", "data-reason": reason } },
      h("strong", null, tx("signIn.ssoRefused.title")),
      h("p", null, hasMessage(key) ? tx(key) : tx("signIn.ssoFailed"))));
  }
  void audit.providers().then((providers) => {
    if (providers.sso && providers.ssoLoginPath)
      box.appendChild(h("p", null, h("a", { class: "button button-secondary", attrs: { href: providers.ssoLoginPath, "data-action": "sso" } }, tx("signIn.sso"))));
  }).catch(() => {});
  return box;
}
