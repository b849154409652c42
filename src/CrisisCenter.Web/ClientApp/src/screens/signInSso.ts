// "Sign in with SSO" on the sign-in screen, when the server has an OpenID Connect provider configured; and the
// message after a refused single sign-on (the server sends the browser back to /?sso=failed).
import { audit } from "../api/audit";
import { tx } from "../i18n/i18n";
import { h } from "../ui/dom";

export function ssoSignIn(): HTMLElement {
  const box = h("div", { class: "sso-sign-in" });
  if (new URLSearchParams(location.search).get("sso") === "failed")
    box.appendChild(h("p", { class: "alert alert-error", attrs: { role: "alert" } }, tx("signIn.ssoFailed")));
  void audit.providers().then((providers) => {
    if (providers.sso && providers.ssoLoginPath)
      box.appendChild(h("p", null, h("a", { class: "button button-secondary", attrs: { href: providers.ssoLoginPath, "data-action": "sso" } }, tx("signIn.sso"))));
  }).catch(() => {});
  return box;
}
