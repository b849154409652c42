// Sign-in: user name and password; the server sets the dashboard cookie.
import { auth } from "../api/endpoints";
import { ApiError } from "../api/http";
import type { Me } from "../api/types";
import { t, tx } from "../i18n/i18n";
import { h } from "../ui/dom";
import { FormView, isBlank, submitButton, textInput } from "../ui/forms";
import type { Screen } from "./screen";
import { ssoSignIn } from "./signInSso";

export function signInScreen(onSignedIn: (user: Me) => void): Screen {
  const userName = textInput({ autocomplete: "username", maxLength: 64 });
  const password = textInput({ type: "password", autocomplete: "current-password", maxLength: 256 });
  const form: FormView = new FormView(async () => {
    if (isBlank(userName.value)) return form.showFieldProblem("userName", "validation.required");
    if (!password.value) return form.showFieldProblem("password", "validation.required");
    let user: Me;
    try {
      user = await auth.signIn(userName.value.trim(), password.value);
    } catch (error) {
      // A refused sign-in is a wrong name or password, not an ended session.
      if (error instanceof ApiError && error.status === 401) throw new ApiError(401, "", t("signIn.failed"), {}, null);
      throw error;
    }
    password.value = "";
    onSignedIn(user);
  }, { class: "sign-in-form" });
  form.add(
    form.field("userName", "signIn.userName", userName, { required: true }),
    form.field("password", "signIn.password", password, { required: true }),
    h("div", { class: "form-actions" }, submitButton("signIn.submit")),
  );
  const element = h("section", { class: "screen sign-in", attrs: { "aria-labelledby": "sign-in-title" } },
    h("div", { class: "sign-in-card" },
      h("h1", { attrs: { id: "sign-in-title" } }, tx("signIn.title")),
      h("p", { class: "lead" }, tx("signIn.intro")),
      form.element,
      ssoSignIn(),
    ),
  );
  queueMicrotask(() => userName.focus());
  return { element, title: () => t("signIn.title"), dispose: () => {} };
}
