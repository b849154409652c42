// The heading every incident screen shares: code, title, status, severity, where, who leads, and the
// incident's own navigation (timeline, rumour ledger).
import type { IncidentDetail } from "../api/types";
import { agencyName, regionName } from "../app/reference";
import { routes } from "../app/router";
import { dateTimeText } from "../i18n/format";
import { localizeAttribute, t, tx, txt, type MessageKey } from "../i18n/i18n";
import { severityBadge, statusBadge } from "./badges";
import { appLink, h, type Child } from "./dom";

export function incidentHeader(detail: IncidentDetail, current: "incident" | "rumors" | "statement", headingId: string, extra: Child = null): HTMLElement {
  const fact = (key: MessageKey, value: Child) => [h("dt", null, tx(key)), h("dd", null, value)];
  const nav = h("nav", { class: "incident-nav" },
    h("ul", null,
      h("li", null, navLink(routes.incident(detail.id), "incident.nav.timeline", current === "incident")),
      h("li", null, navLink(routes.rumors(detail.id), "incident.nav.rumors", current === "rumors"))));
  localizeAttribute(nav, "aria-label", "incident.nav.label");
  return h("header", { class: "incident-header" },
    h("p", { class: "breadcrumb" }, appLink(routes.board(), null, tx("nav.board")), " / ", h("span", { class: "code" }, detail.code)),
    h("div", { class: "incident-title-row" },
      h("h1", { attrs: { id: headingId } }, h("span", { class: "code" }, detail.code), " ", detail.title),
      h("div", { class: "badges" }, statusBadge(detail.status), severityBadge(detail.severity),
        detail.isPublicWarning ? h("span", { class: "badge badge-warning" }, tx("incident.publicWarningShort")) : null,
        detail.visibility === "Restricted" ? h("span", { class: "badge badge-restricted" }, tx("visibility.Restricted")) : null),
      extra),
    h("dl", { class: "facts" },
      fact("incident.regions", txt(() => detail.regions.map(regionName).join(", "))),
      fact("incident.leadAgency", txt(() => agencyName(detail.leadAgency))),
      detail.participatingAgencies.length ? fact("incident.participatingAgencies", txt(() => detail.participatingAgencies.map(agencyName).join(", "))) : null,
      fact("incident.category", txt(() => t(`category.${detail.category}` as MessageKey))),
      fact("incident.declaredAt", dateTimeText(detail.declaredAt)),
      fact("incident.requiredLanguages", detail.requiredLanguages.map((l) => l.toUpperCase()).join(", ")),
      fact("incident.approvalsRequired", String(detail.approvalsRequired))),
    detail.description ? h("p", { class: "incident-description" }, detail.description) : null,
    nav);
}

function navLink(route: string, key: MessageKey, current: boolean): HTMLAnchorElement {
  const link = appLink(route, { class: "tab-link" }, tx(key));
  if (current) link.setAttribute("aria-current", "page");
  return link;
}
