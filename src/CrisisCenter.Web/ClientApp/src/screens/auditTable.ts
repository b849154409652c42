// The audit as a table: time, who (agency, roles, session), command, event type, position and a one-line summary.
import type { AuditEntry } from "../api/audit";
import { dateTimeText } from "../i18n/format";
import { tx } from "../i18n/i18n";
import { h } from "../ui/dom";

export interface AuditTable {
  element: HTMLElement;
  add(entries: readonly AuditEntry[]): void;
  clear(): void;
}

/** The first characters of an id: enough to tell sessions and commands apart; the full id is the title. */
const short = (id: string | null) => (id ? h("span", { attrs: { title: id } }, id.slice(0, 8)) : "—");

export function auditTable(): AuditTable {
  const body = h("tbody");
  const table = h("table", { class: "board-table audit-table", attrs: { "data-testid": "audit" } },
    h("thead", null, h("tr", null,
      h("th", { attrs: { scope: "col" } }, tx("audit.time")),
      h("th", { attrs: { scope: "col" } }, tx("audit.who")),
      h("th", { attrs: { scope: "col" } }, tx("audit.agency")),
      h("th", { attrs: { scope: "col" } }, tx("audit.roles")),
      h("th", { attrs: { scope: "col" } }, tx("audit.session")),
      h("th", { attrs: { scope: "col" } }, tx("audit.command")),
      h("th", { attrs: { scope: "col" } }, tx("audit.event")),
      h("th", { attrs: { scope: "col" } }, tx("audit.position")),
      h("th", { attrs: { scope: "col" } }, tx("audit.summary")))),
    body);
  return {
    element: h("div", { class: "table-wrap", attrs: { tabindex: "0", role: "region" } }, table),
    add: (entries) => {
      for (const e of entries) {
        body.appendChild(h("tr", { attrs: { "data-position": e.position } },
          h("td", null, dateTimeText(e.recordedAt)),
          h("td", null, e.actorName || e.actorId || "—"),
          h("td", null, e.agencyCode ?? "—"),
          h("td", null, e.roles.join(", ") || "—"),
          h("td", null, short(e.sessionId)),
          h("td", null, short(e.commandId)),
          h("td", null, h("code", null, e.type)),
          h("td", null, e.position),
          h("td", null, e.summary)));
      }
    },
    clear: () => body.replaceChildren(),
  };
}
