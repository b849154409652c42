// Audit screens: one incident's audit (admins and approvers of its agencies) and one user's (admins; everyone for
// themselves). The server decides who may read what; these screens only show what it answers.
import { audit, type AuditPage, type UserAuditFilter } from "../api/audit";
import { routes } from "../app/router";
import { session } from "../app/session";
import { t, tx } from "../i18n/i18n";
import { appLink, h, replaceChildren } from "../ui/dom";
import { dateEntry } from "../ui/dateEntry";
import { alertBox, button, select } from "../ui/forms";
import { auditTable } from "./auditTable";
import { isAbort, ScreenScope, type Screen } from "./screen";

/** Loads pages on demand: the first at once, the next when the user asks for more. */
function pagedAudit(scope: ScreenScope, load: (after: number | null) => Promise<AuditPage>) {
  const table = auditTable();
  const status = h("div", { attrs: { "aria-live": "polite" } });
  const more = h("div", { class: "form-actions" });
  let next: number | null = null;
  const loadPage = async (after: number | null) => {
    try {
      const page = await load(after);
      table.add(page.items);
      next = page.nextAfter;
      replaceChildren(status, page.items.length === 0 && after === null ? h("p", { class: "muted" }, tx("audit.none")) : null);
      replaceChildren(more, next !== null ? button("audit.more", () => void loadPage(next)) : null);
    } catch (error) {
      if (!isAbort(error)) replaceChildren(status, alertBox(error));
    }
  };
  const reload = () => {
    table.clear();
    void loadPage(null);
  };
  return { element: h("div", null, status, table.element, more), reload };
}

export function incidentAuditScreen(incidentId: string): Screen {
  const scope = new ScreenScope();
  const paged = pagedAudit(scope, (after) => audit.incident(incidentId, after, scope.signal));
  const element = h("section", { class: "screen audit", attrs: { "data-testid": "incident-audit" } },
    h("p", null, appLink(routes.incident(incidentId), null, tx("audit.backToIncident"))),
    h("h1", null, tx("audit.incidentTitle")),
    h("p", null, h("a", { class: "button", attrs: { href: audit.incidentCsv(incidentId), download: "" } }, tx("audit.csv"))),
    paged.element);
  paged.reload();
  return { element, title: () => t("audit.incidentTitle"), dispose: () => scope.dispose() };
}

/** A link to an incident's audit for those who may read it (the server checks again). */
export function incidentAuditLink(incidentId: string): HTMLElement | null {
  return session.has("Admin") || session.isApprover
    ? h("p", { class: "audit-link" }, appLink(routes.incidentAudit(incidentId), { attrs: { "data-action": "audit" } }, tx("audit.open")))
    : null;
}

export function userAuditScreen(userId: string | null): Screen {
  const scope = new ScreenScope();
  const own = session.user?.userId ?? "";
  const chosen = userId ?? own;
  const user = select([{ value: chosen, label: () => chosen }], chosen);
  // Meant in the chosen time zone (the office's), not the browser's: new Date("2026-05-01T14:30") would be the latter.
  const from = dateEntry("minutes", { "data-testid": "audit-from" });
  const to = dateEntry("minutes", { "data-testid": "audit-to" });
  const filter = (): UserAuditFilter => ({
    from: from.instant()?.toISOString(),
    to: to.instant()?.toISOString(),
  });
  const paged = pagedAudit(scope, (after) => audit.user(user.value, filter(), after, scope.signal));
  const csv = h("a", { class: "button", attrs: { download: "" } }, tx("audit.csv"));
  const show = () => {
    csv.setAttribute("href", audit.userCsv(user.value, filter()));
    paged.reload();
  };
  if (session.has("Admin")) {
    void audit.users(scope.signal).then((users) => {
      replaceChildren(user, ...users.map((u) => h("option", { attrs: { value: u.userId } }, `${u.displayName} (${u.userName}, ${u.agencyCode})`)));
      user.value = chosen;
    }).catch(() => {});
  }
  const element = h("section", { class: "screen audit", attrs: { "data-testid": "user-audit" } },
    h("h1", null, tx("audit.userTitle")),
    h("div", { class: "field-row" },
      h("label", null, tx("audit.user"), " ", user),
      h("label", null, tx("audit.from"), " ", h("span", { class: "field-format" }, from.format), " ", from.input),
      h("label", null, tx("audit.to"), " ", h("span", { class: "field-format" }, to.format), " ", to.input),
      button("audit.show", show, "primary"),
      csv),
    paged.element);
  show();
  return { element, title: () => t("audit.userTitle"), dispose: () => scope.dispose() };
}
