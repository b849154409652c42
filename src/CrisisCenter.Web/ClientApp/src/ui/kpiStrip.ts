// The incident's measures: time to the first public statement, approval turnaround, open rumours.
import { incidents } from "../api/endpoints";
import type { IncidentKpis } from "../api/types";
import { formatDuration, parseTimeSpan } from "../i18n/format";
import { localizeAttribute, t, tx, txt, type MessageKey } from "../i18n/i18n";
import { h, replaceChildren } from "./dom";

export interface KpiStrip { element: HTMLElement; refresh(): Promise<void> }

export function kpiStrip(incidentId: string, signal: AbortSignal): KpiStrip {
  const element = h("section", { class: "kpi-strip", attrs: { "data-testid": "kpis" } });
  localizeAttribute(element, "aria-label", "kpi.label");
  const tile = (key: MessageKey, value: () => string, note?: () => string, name?: string) =>
    h("div", { class: "kpi", attrs: { "data-kpi": name } },
      h("div", { class: "kpi-label" }, tx(key)),
      h("div", { class: "kpi-value" }, txt(value)),
      note ? h("div", { class: "kpi-note" }, txt(note)) : null);
  const render = (kpis: IncidentKpis) => {
    const first = parseTimeSpan(kpis.timeToFirstPublicStatement);
    const median = parseTimeSpan(kpis.approvalTurnaround.median);
    const p90 = parseTimeSpan(kpis.approvalTurnaround.p90);
    replaceChildren(element,
      tile("kpi.firstStatement", () => (first === null ? t("kpi.notYet") : formatDuration(first)), undefined, "first-statement"),
      tile("kpi.approvalTurnaround", () => (median === null ? t("kpi.notYet") : formatDuration(median)),
        () => (p90 === null ? t("kpi.approvals", { count: kpis.approvalTurnaround.count }) : t("kpi.p90", { value: formatDuration(p90), count: kpis.approvalTurnaround.count })), "approval-turnaround"),
      tile("kpi.openRumors", () => String(kpis.openRumors), () => t("kpi.rumorsLogged", { count: kpis.rumorsLogged }), "open-rumors"));
  };
  const refresh = async () => {
    try {
      render(await incidents.kpis(incidentId, signal));
    } catch {
      replaceChildren(element, h("p", { class: "muted" }, tx("kpi.unavailable")));
    }
  };
  return { element, refresh };
}
