// The frame around every screen: skip link, header with navigation, live connection state, interface
// language and time zone, the signed-in user; and <main> where screens go.
import type { Language } from "../api/types";
import { languages } from "../api/types";
import { currentLanguage, currentTimeZone, localizeAttribute, officeTimeZone, onLocaleChange, setLanguage, setTimeZone, t, tx } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages";
import type { ConnectionState, TimelineHub } from "../live/timelineHub";
import { approvals } from "../api/endpoints";
import { approvalsChangedEvent } from "../screens/approvals";
import { appLink, h, uniqueId } from "../ui/dom";
import { agencyName } from "./reference";
import { routes } from "./router";
import { session } from "./session";

export interface Shell {
  element: HTMLElement;
  main: HTMLElement;
  /** Re-draws the header for the signed-in user (or none). */
  setUser(): void;
  setActive(name: string): void;
}

const otherTimeZones = ["Asia/Oral", "Asia/Aqtau", "Asia/Aqtobe", "Asia/Atyrau", "Asia/Qyzylorda", "Asia/Qostanay", "UTC", "Europe/Moscow"];

export function createShell(hub: TimelineHub, onSignOut: () => void): Shell {
  const main = h("main", { attrs: { id: "main", tabindex: "-1" } });
  const nav = h("nav", { class: "app-nav" });
  localizeAttribute(nav, "aria-label", "nav.label");
  const userBox = h("div", { class: "user-box" });
  const connection = connectionIndicator(hub);
  const header = h("header", { class: "app-header" },
    h("div", { class: "brand" }, h("span", { class: "brand-mark", attrs: { "aria-hidden": "true" } }, "CC"), h("span", { class: "brand-name" }, tx("app.name"))),
    nav,
    h("div", { class: "header-tools" }, connection, languageSwitch(), timeZoneSelect(), userBox),
  );
  const skip = h("a", { class: "skip-link", attrs: { href: "#main" } }, tx("nav.skip"));
  skip.addEventListener("click", (event) => {
    event.preventDefault();
    main.focus();
  });
  const element = h("div", { class: "app" }, skip, header, main);
  let active = "";

  const navLinks: { name: string; route: string; key: MessageKey; show: () => boolean }[] = [
    { name: "board", route: routes.board(), key: "nav.board", show: () => true },
    { name: "approvals", route: routes.approvals(), key: "nav.approvals", show: () => session.isApprover },
    { name: "kpis", route: routes.kpis(), key: "nav.kpis", show: () => true },
    { name: "channels", route: routes.channels(), key: "nav.channels", show: () => session.has("Admin") },
    { name: "user-audit", route: routes.userAudit(), key: "nav.audit", show: () => session.has("Admin") },
  ];

  const renderNav = () => {
    nav.replaceChildren();
    if (!session.user) return;
    const list = h("ul");
    for (const link of navLinks.filter((l) => l.show())) {
      const anchor = appLink(link.route, { class: "nav-link", attrs: { "data-nav": link.name } }, tx(link.key),
        link.name === "approvals" ? pendingBadge : null);
      if (link.name === active) anchor.setAttribute("aria-current", "page");
      list.appendChild(h("li", null, anchor));
    }
    nav.appendChild(list);
  };

  const renderUser = () => {
    userBox.replaceChildren();
    const user = session.user;
    connection.hidden = !user;
    if (!user) return;
    const roles = user.roles.map((role) => t(`role.${role}` as MessageKey)).join(", ");
    const signOut = h("button", { class: "button button-link", attrs: { type: "button", "data-action": "sign-out" }, on: { click: onSignOut } }, tx("nav.signOut"));
    userBox.append(
      h("div", { class: "user-who" },
        h("span", { class: "user-name" }, user.displayName),
        h("span", { class: "user-meta", attrs: { title: agencyName(user.agencyCode) } }, `${roles} · ${agencyName(user.agencyCode)}`)),
      signOut,
    );
  };

  // The approver's pending count on the Approvals menu: read at sign-in, on every screen change, after their own
  // approve/reject, and every half minute, so they see work waiting wherever they are.
  const pendingBadge = h("span", { class: "nav-count", attrs: { "data-testid": "pending-approvals", hidden: true } });
  let pending = 0;
  const renderPending = () => {
    pendingBadge.hidden = pending === 0;
    pendingBadge.textContent = String(pending);
    pendingBadge.title = t("nav.pendingApprovals", { count: pending });
  };
  const refreshPending = async () => {
    if (!session.isApprover) return;
    try {
      pending = (await approvals.queue()).length;
    } catch {
      return; // the next refresh tries again
    }
    renderPending();
  };
  window.addEventListener(approvalsChangedEvent, () => void refreshPending());
  window.setInterval(() => void refreshPending(), 30_000);

  onLocaleChange(() => {
    renderUser();
    renderNav();
    renderPending();
  });

  return {
    element,
    main,
    setUser() {
      renderUser();
      renderNav();
      void refreshPending();
    },
    setActive(name) {
      active = name;
      renderNav();
      void refreshPending();
    },
  };
}

function connectionIndicator(hub: TimelineHub): HTMLElement {
  const label = h("span", { class: "connection-label" });
  const retry = h("button", { class: "button button-link", attrs: { type: "button", hidden: true }, on: { click: () => hub.reconnectNow() } }, tx("connection.retry"));
  const element = h("div", { class: "connection", attrs: { role: "status", "aria-live": "polite", "data-connection": hub.state } },
    h("span", { class: "connection-dot", attrs: { "aria-hidden": "true" } }), label, retry);
  const keys: Record<ConnectionState, MessageKey> = {
    connecting: "connection.connecting", live: "connection.live", reconnecting: "connection.reconnecting", offline: "connection.offline",
  };
  let state: ConnectionState = hub.state;
  const render = () => {
    element.dataset["connection"] = state;
    label.textContent = t(keys[state]);
    retry.hidden = state !== "offline";
  };
  hub.onStateChange((next) => {
    state = next;
    render();
  });
  onLocaleChange(render);
  return element;
}

function languageSwitch(): HTMLElement {
  const names: Record<Language, string> = { kk: "Қазақша", ru: "Русский", en: "English" };
  const labelId = uniqueId("language-label");
  const group = h("div", { class: "language-switch", attrs: { role: "group", "aria-labelledby": labelId } },
    h("span", { class: "visually-hidden", attrs: { id: labelId } }, tx("settings.language")));
  const buttons = languages.map((language) => {
    const button = h("button", {
      class: "language-button",
      attrs: { type: "button", lang: language, "data-language": language, title: names[language] },
      on: { click: () => setLanguage(language) },
    }, language.toUpperCase());
    button.setAttribute("aria-label", names[language]);
    return button;
  });
  const render = () => {
    for (const button of buttons) button.setAttribute("aria-pressed", String(button.dataset["language"] === currentLanguage()));
  };
  group.append(...buttons);
  render();
  onLocaleChange(render);
  return group;
}

function timeZoneSelect(): HTMLElement {
  const select = h("select", { class: "time-zone", attrs: { id: uniqueId("time-zone") } });
  // The office's zone comes first; it is known only after sign-in (reference data), so the list follows changes.
  const fill = () => {
    const zones = [...new Set([officeTimeZone(), currentTimeZone(), ...otherTimeZones])];
    select.replaceChildren(...zones.map((zone) => h("option", { attrs: { value: zone } }, zone)));
    select.value = currentTimeZone();
  };
  fill();
  onLocaleChange(fill);
  select.addEventListener("change", () => setTimeZone(select.value));
  const label = h("label", { class: "visually-hidden", attrs: { for: select.id } }, tx("settings.timeZone"));
  localizeAttribute(select, "title", "settings.timeZone");
  return h("div", { class: "time-zone-box" }, label, select);
}
