// The incident board: every incident the user may see, filtered, newest activity first, kept live from the hub.
import { board, type BoardFilter } from "../api/endpoints";
import { incidentStatuses, severities, type IncidentSummary, type IncidentStatus, type Severity } from "../api/types";
import { agencyName, allAgencies, allRegions, regionName } from "../app/reference";
import { navigate, routes } from "../app/router";
import { session } from "../app/session";
import { dateTimeText } from "../i18n/format";
import { localName, localizeAttribute, t, tx, txt, type MessageKey } from "../i18n/i18n";
import type { Feed, TimelineHub } from "../live/timelineHub";
import { severityBadge, statusBadge } from "../ui/badges";
import { appLink, h, replaceChildren, uniqueId, type Child } from "../ui/dom";
import { feedStatus } from "../ui/feedStatus";
import { keepingFocus } from "../ui/focus";
import { alertBox, select, textInput } from "../ui/forms";
import { declareIncidentForm } from "./declareForm";
import { isAbort, ScreenScope, type Screen } from "./screen";

const pageSize = 50;
// Filters survive leaving the board and coming back.
let savedFilter: BoardFilter = {};

export function boardScreen(hub: TimelineHub): Screen {
  const scope = new ScreenScope();
  const rows = new Map<string, IncidentSummary>();
  let filter: BoardFilter = { ...savedFilter };
  let page = 1;
  let totalCount = 0;
  let feed: Feed | null = null;
  const fresh = new Set<string>();

  const status = feedStatus(hub);
  scope.add(status.dispose);
  const problem = h("div");
  const tableBody = h("tbody");
  const summaryLine = h("p", { class: "result-count", attrs: { "aria-live": "polite" } });
  const pager = h("div", { class: "pager" });
  const tableCaption = h("caption", { class: "visually-hidden" }, tx("board.caption"));
  const table = h("table", { class: "board-table", attrs: { "data-testid": "board" } },
    tableCaption,
    h("thead", null, h("tr", null,
      th("board.code"), th("incident.title"), th("incident.status"), th("incident.severity"), th("incident.regions", "col-regions"),
      th("incident.leadAgency", "col-agency"), th("board.lastActivity"), th("board.awaiting", "col-count"), th("board.openRumors", "col-count"))),
    tableBody);

  const matches = (s: IncidentSummary): boolean =>
    (!filter.status || s.status === filter.status)
    && (!filter.severity || s.severity === filter.severity)
    && (!filter.region || s.regions.includes(filter.region))
    && (!filter.agency || s.leadAgency === filter.agency || s.participatingAgencies.includes(filter.agency))
    && (!filter.q || s.code.toLowerCase().includes(filter.q.trim().toLowerCase()) || s.title.toLowerCase().includes(filter.q.trim().toLowerCase()));

  // Rows are kept per incident and only redrawn when their incident changed, so a keyboard user's focus on a row
  // survives live updates of the others (and moves to the redrawn row when it was its own).
  const rowElements = new Map<string, { position: number; tr: HTMLTableRowElement }>();
  const emptyRow = h("tr", null, h("td", { attrs: { colspan: 9 }, class: "empty" }, tx("board.empty")));
  const render = () => keepingFocus(() => {
    const sorted = [...rows.values()].sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt));
    const focusedRowId = (document.activeElement?.closest("tr[data-incident-id]") as HTMLElement | null)?.dataset["incidentId"];
    let refocus: HTMLElement | null = null;
    for (const [id, known] of rowElements) {
      if (!rows.has(id)) {
        known.tr.remove();
        rowElements.delete(id);
      }
    }
    sorted.forEach((summary, index) => {
      let known = rowElements.get(summary.id);
      if (!known || known.position !== summary.lastPosition) {
        const tr = row(summary);
        if (known) known.tr.replaceWith(tr);
        if (summary.id === focusedRowId && known) refocus = tr.querySelector("a");
        known = { position: summary.lastPosition, tr };
        rowElements.set(summary.id, known);
      }
      const atIndex = tableBody.children[index];
      if (atIndex !== known.tr) tableBody.insertBefore(known.tr, atIndex ?? null);
    });
    if (sorted.length === 0) tableBody.replaceChildren(emptyRow);
    else emptyRow.remove();
    (refocus as HTMLElement | null)?.focus({ preventScroll: true });
    replaceChildren(summaryLine, txt(() => t("board.count", { count: totalCount })));
    renderPager();
  });

  // Each cell names its field and carries its column's heading (data-label), so on a phone the row reads as a card
  // with every fact the wide table has, each labelled.
  const cell = (field: string, labelKey: MessageKey | null, className: string | null, ...children: Child[]) => {
    const td = h("td", { class: className, attrs: { "data-field": field } }, ...children);
    if (labelKey) localizeAttribute(td, "data-label", labelKey);
    return td;
  };
  const row = (s: IncidentSummary) => h("tr", { class: fresh.has(s.id) ? "fresh" : null, attrs: { "data-incident-id": s.id, "data-code": s.code } },
    cell("code", null, "code", s.code),
    cell("title", null, "col-title", appLink(routes.incident(s.id), { class: "incident-link" }, s.title),
      s.isPublicWarning ? h("span", { class: "badge badge-warning" }, tx("incident.publicWarningShort")) : null,
      s.visibility === "Restricted" ? h("span", { class: "badge badge-restricted" }, tx("visibility.Restricted")) : null),
    cell("status", null, "col-badge", statusBadge(s.status)),
    cell("severity", null, "col-badge", severityBadge(s.severity)),
    cell("regions", "incident.regions", "col-regions", txt(() => s.regions.map(regionName).join(", "))),
    cell("agency", "incident.leadAgency", "col-agency", txt(() => agencyName(s.leadAgency))),
    cell("updated", "board.lastActivity", "col-updated", dateTimeText(s.lastActivityAt)),
    cell("awaiting", "board.awaiting", "col-count", String(s.statementsAwaitingApproval)),
    cell("rumors", "board.openRumors", "col-count", String(s.openRumors)));

  const renderPager = () => {
    const pages = Math.max(1, Math.ceil(totalCount / pageSize));
    const previous = h("button", { class: "button button-secondary", attrs: { type: "button", disabled: page <= 1 }, on: { click: () => void load(page - 1) } }, tx("pager.previous"));
    const next = h("button", { class: "button button-secondary", attrs: { type: "button", disabled: page >= pages }, on: { click: () => void load(page + 1) } }, tx("pager.next"));
    replaceChildren(pager, pages > 1 ? [previous, h("span", null, txt(() => t("pager.page", { page, pages }))), next] : null);
  };

  const load = async (nextPage = 1) => {
    try {
      const result = await board.list(filter, nextPage, pageSize, scope.signal);
      page = nextPage;
      totalCount = result.totalCount;
      rows.clear();
      for (const item of result.items) rows.set(item.id, item);
      problem.replaceChildren();
      render();
      if (!feed) {
        const after = result.items.reduce<number | null>((max, s) => (max === null || s.lastPosition > max ? s.lastPosition : max), null);
        feed = hub.followBoard(after, { onItem: upsert, onState: (state, error) => status.update(state, error) });
        scope.add(() => feed?.close());
      }
    } catch (error) {
      if (isAbort(error)) return;
      replaceChildren(problem, alertBox(error));
    }
  };

  // A pushed row replaces an older one; rows that stop matching the filters leave; new ones appear on page 1.
  const upsert = (summary: IncidentSummary) => {
    const known = rows.get(summary.id);
    if (known && known.lastPosition >= summary.lastPosition) return;
    if (!matches(summary)) {
      if (known) {
        rows.delete(summary.id);
        totalCount = Math.max(0, totalCount - 1);
      }
    } else if (known || page === 1) {
      if (!known) totalCount += 1;
      rows.set(summary.id, summary);
      fresh.add(summary.id);
      window.setTimeout(() => {
        fresh.delete(summary.id);
        tableBody.querySelector(`tr[data-incident-id="${CSS.escape(summary.id)}"]`)?.classList.remove("fresh");
      }, 4000);
    }
    render();
  };

  const filters = filterForm(filter, (next) => {
    filter = next;
    savedFilter = { ...next };
    void load(1);
  });

  const declare = session.isPressOfficer ? declareSection() : null;
  const headingId = uniqueId("board-title");
  const element = h("section", { class: "screen board", attrs: { "aria-labelledby": headingId } },
    h("div", { class: "screen-header" },
      h("h1", { attrs: { id: headingId } }, tx("board.title")),
      status.element),
    declare,
    filters,
    problem,
    summaryLine,
    h("div", { class: "table-wrap", attrs: { tabindex: "0", role: "region", "aria-labelledby": headingId } }, table),
    pager);

  void load(1);
  return { element, title: () => t("board.title"), dispose: () => scope.dispose() };
}

function th(key: MessageKey, className?: string): HTMLTableCellElement {
  return h("th", { class: className, attrs: { scope: "col" } }, tx(key));
}

function declareSection(): HTMLElement {
  const details = h("details", { class: "declare" },
    h("summary", { class: "button button-primary", attrs: { "data-action": "open-declare" } }, tx("declare.open")));
  let built = false;
  details.addEventListener("toggle", () => {
    if (!details.open || built) return;
    built = true;
    details.appendChild(declareIncidentForm((id) => navigate(routes.incident(id))));
    details.querySelector<HTMLInputElement>("input")?.focus();
  });
  return details;
}

function filterForm(initial: BoardFilter, onChange: (filter: BoardFilter) => void): HTMLElement {
  const any = { value: "", label: () => t("filter.any") };
  const status = select([any, ...incidentStatuses.map((s) => ({ value: s, label: () => t(`incidentStatus.${s}` as MessageKey) }))], initial.status ?? "");
  const severity = select([any, ...severities.map((s) => ({ value: s, label: () => t(`severity.${s}` as MessageKey) }))], initial.severity ?? "");
  const region = select([any, ...allRegions().map((r) => ({ value: r.code, label: () => localName(r) }))], initial.region ?? "");
  const agency = select([any, ...allAgencies().map((a) => ({ value: a.code, label: () => localName(a) }))], initial.agency ?? "");
  const text = textInput({ value: initial.q ?? "", type: "search", maxLength: 100 });
  localizeAttribute(text, "placeholder", "filter.searchPlaceholder");
  const current = (): BoardFilter => ({
    status: status.value as IncidentStatus | "", severity: severity.value as Severity | "", region: region.value, agency: agency.value, q: text.value.trim(),
  });
  let timer: number | undefined;
  for (const control of [status, severity, region, agency]) control.addEventListener("change", () => onChange(current()));
  text.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => onChange(current()), 300);
  });
  const labelled = (key: MessageKey, control: HTMLElement) => {
    control.id = uniqueId("filter");
    return h("div", { class: "field" }, h("label", { attrs: { for: control.id } }, tx(key)), control);
  };
  const form = h("form", { class: "filters", attrs: { role: "search" } },
    labelled("filter.search", text), labelled("incident.status", status), labelled("incident.severity", severity),
    labelled("incident.region", region), labelled("incident.agency", agency));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onChange(current());
  });
  localizeAttribute(form, "aria-label", "filter.label");
  return form;
}
