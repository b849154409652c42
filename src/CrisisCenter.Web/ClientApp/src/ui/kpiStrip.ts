// The incident's measures: time to the first public statement, approval turnaround, open rumours, corrections, and a
// small chart of the timings (median and p90).
import { incidents } from "../api/endpoints";
import type { IncidentKpis } from "../api/types";
import { formatDuration, parseTimeSpan } from "../i18n/format";
import { localizeAttribute, t, tx, txt, type MessageKey } from "../i18n/i18n";
import { barChart, chartColors, durationScale, type BarChart } from "./charts";
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
      tile("kpi.openRumors", () => String(kpis.openRumors), () => t("kpi.rumorsLogged", { count: kpis.rumorsLogged }), "open-rumors"),
      tile("kpis.corrections", () => String(kpis.correctionsPublished ?? 0), () => t("kpis.retractions") + ": " + String(kpis.retractionsPublished ?? 0), "corrections"),
      timingsChart(kpis));
  };
  let chart: BarChart | null = null;
  signal.addEventListener("abort", () => chart?.dispose());
  const timingsChart = (kpis: IncidentKpis) => {
    chart?.dispose();
    const measures: { key: MessageKey; stats: { median: string | null; p90: string | null } }[] = [
      { key: "kpi.short.firstStatement", stats: { median: kpis.timeToFirstPublicStatement, p90: null } },
      { key: "kpi.short.approval", stats: kpis.approvalTurnaround },
      { key: "kpi.short.rebuttal", stats: kpis.rumorLoggedToRebutted },
    ];
    const scale = durationScale(measures.flatMap((m) => [parseTimeSpan(m.stats.median), parseTimeSpan(m.stats.p90)]));
    chart = barChart({
      labelKey: "kpi.chartLabel", testId: "incident-kpi-chart", size: "small",
      categories: () => measures.map((m) => t(m.key)),
      series: () => [
        { label: t("kpis.median"), values: measures.map((m) => scale.of(parseTimeSpan(m.stats.median))), color: chartColors.median },
        { label: t("kpis.p90"), values: measures.map((m) => scale.of(parseTimeSpan(m.stats.p90))), color: chartColors.p90 },
      ],
      unit: () => t(scale.unit),
    });
    // Titled like the figures beside it (the canvas has the same text as its accessible name).
    return h("div", { class: "kpi kpi-chart" }, h("div", { class: "kpi-label", attrs: { "aria-hidden": "true" } }, tx("kpi.chartLabel")), chart.element);
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
