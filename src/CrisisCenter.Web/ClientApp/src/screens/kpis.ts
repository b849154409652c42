// The KPI screen: an agency's measures over a period (/api/kpis), as charts and, for every figure, an accessible table:
// declaration to first public statement, approval turnaround, rumour to rebuttal (median and p90), statements,
// corrections and retractions, and per channel delivery latency and failure rate.
import { kpis } from "../api/endpoints";
import type { AgencyKpis, DurationStats } from "../api/types";
import { agencyName, allAgencies } from "../app/reference";
import { session } from "../app/session";
import { formatDuration, parseTimeSpan, parseWallTime, utcToZonedWallTime, zonedWallTimeToUtc } from "../i18n/format";
import { channelName, currentTimeZone, t, tx, txt, type MessageKey } from "../i18n/i18n";
import { barChart, chartColors, durationScale, wrapLabel, type BarChart } from "../ui/charts";
import { h, replaceChildren, uniqueId } from "../ui/dom";
import { dateEntry } from "../ui/dateEntry";
import { alertBox, FormView, select, submitButton } from "../ui/forms";
import { isAbort, ScreenScope, type Screen } from "./screen";

const day = 86_400_000;

export function kpisScreen(initial: { agency: string | null; from: string | null; to: string | null }): Screen {
  const scope = new ScreenScope();
  const headingId = uniqueId("kpis-title");
  const own = session.user?.agencyCode ?? "";
  const agencyCodes = [...new Set([own, ...allAgencies().map((a) => a.code)])].filter(Boolean);
  const agency = select(agencyCodes.map((code) => ({ value: code, label: () => agencyName(code) })), initial.agency ?? own);
  // The route may name the period as yyyy-MM-dd days; the fields show them the office's way (dd.MM.yyyy).
  const dayOf = (wall: string | null, fallback: Date) => {
    const parsed = wall ? parseWallTime(wall, false) : null;
    return parsed ? zonedWallTimeToUtc(parsed, currentTimeZone()) : fallback;
  };
  const from = dateEntry("date", { "data-testid": "kpis-from" });
  const to = dateEntry("date", { "data-testid": "kpis-to" });
  from.show(dayOf(initial.from, new Date(Date.now() - 30 * day)));
  to.show(dayOf(initial.to, new Date()));
  const results = h("div", { class: "kpi-results", attrs: { "aria-live": "polite", "data-testid": "kpi-results" } });
  let charts: BarChart[] = [];
  const clearCharts = () => {
    for (const chart of charts.splice(0)) chart.dispose();
  };
  scope.add(clearCharts);

  const form: FormView = new FormView(async () => {
    // The period is whole days in the chosen time zone: [start of "from", start of the day after "to").
    const since = from.instant();
    const untilDay = to.instant();
    if (!since) return form.showFieldProblem("from", since === null ? "validation.required" : from.problem);
    if (!untilDay) return form.showFieldProblem("to", untilDay === null ? "validation.required" : to.problem);
    const until = dayAfter(untilDay);
    try {
      results.setAttribute("aria-busy", "true");
      const report = await kpis.agency({ agency: agency.value, from: since.toISOString(), to: until.toISOString() }, scope.signal);
      clearCharts();
      replaceChildren(results, reportView(report, (chart) => charts.push(chart)));
    } catch (error) {
      if (isAbort(error)) return;
      clearCharts();
      replaceChildren(results, alertBox(error));
    } finally {
      results.removeAttribute("aria-busy");
    }
  }, { class: "panel kpi-filter" });
  form.element.dataset["testid"] = "kpi-filter";
  form.add(h("div", { class: "field-row" },
    form.field("agency", "kpis.agency", agency),
    form.field("from", "kpis.from", from.input, { labelSuffix: h("span", { class: "field-format" }, from.format) }),
    form.field("to", "kpis.to", to.input, { labelSuffix: h("span", { class: "field-format" }, to.format) }),
    h("div", { class: "form-actions" }, submitButton("kpis.show"))));

  const element = h("section", { class: "screen kpis", attrs: { "aria-labelledby": headingId } },
    h("div", { class: "screen-header" }, h("h1", { attrs: { id: headingId } }, tx("kpis.title"))),
    h("p", { class: "lead" }, tx("kpis.intro")),
    form.element,
    results);
  // A form submits only once it is in the document: the router attaches the screen right after building it.
  queueMicrotask(() => form.element.requestSubmit());
  return { element, title: () => t("kpis.title"), dispose: () => scope.dispose() };
}

/** The start of the next day in the chosen zone (not +24 h: a day can be 23 or 25 hours where clocks change). */
function dayAfter(dayStart: Date): Date {
  const next = new Date(Date.parse(utcToZonedWallTime(dayStart, currentTimeZone()).slice(0, 10) + "T00:00:00Z") + day);
  return zonedWallTimeToUtc(next.toISOString().slice(0, 16), currentTimeZone()) ?? new Date(dayStart.getTime() + day);
}

const seconds = (value: string | null) => parseTimeSpan(value);
const durationText = (value: string | null) => {
  const s = seconds(value);
  return s === null ? t("kpis.dash") : formatDuration(s);
};

function reportView(report: AgencyKpis, keep: (chart: BarChart) => void): HTMLElement {
  const timings: { key: MessageKey; name: string; stats: DurationStats }[] = [
    { key: "kpis.firstStatement", name: "first-statement", stats: report.timeToFirstPublicStatement },
    { key: "kpis.approval", name: "approval-turnaround", stats: report.approvalTurnaround },
    { key: "kpis.rebuttal", name: "rumor-rebuttal", stats: report.rumorLoggedToRebutted },
  ];
  const chart = (c: BarChart) => (keep(c), c.element);
  const timingScale = durationScale(timings.flatMap((m) => [seconds(m.stats.median), seconds(m.stats.p90)]));
  const timingsChart = barChart({
    labelKey: "kpis.timingsChart", testId: "chart-timings",
    categories: () => timings.map((m) => wrapLabel(t(m.key), 22)),
    series: () => [
      { label: t("kpis.median"), values: timings.map((m) => timingScale.of(seconds(m.stats.median))), color: chartColors.median },
      { label: t("kpis.p90"), values: timings.map((m) => timingScale.of(seconds(m.stats.p90))), color: chartColors.p90 },
    ],
    unit: () => t(timingScale.unit),
  });
  const counts: { key: MessageKey; name: string; value: number }[] = [
    { key: "kpis.published", name: "published", value: report.publishedStatements },
    { key: "kpis.corrections", name: "corrections", value: report.correctionsPublished },
    { key: "kpis.retractions", name: "retractions", value: report.retractionsPublished },
    { key: "kpis.rumorsLogged", name: "rumors-logged", value: report.rumorsLogged },
  ];
  const countsChart = barChart({
    labelKey: "kpis.statementsChart", testId: "chart-statements",
    categories: () => counts.map((c) => wrapLabel(t(c.key), 16)),
    series: () => [{ label: t("kpis.count"), values: counts.map((c) => c.value), color: chartColors.neutral }],
  });

  const th = (key: MessageKey) => h("th", { attrs: { scope: "col" } }, tx(key));
  const timingsTable = h("table", { class: "board-table kpi-table", attrs: { "data-testid": "kpi-timings" } },
    h("caption", { class: "visually-hidden" }, tx("kpis.timings")),
    h("thead", null, h("tr", null, th("kpis.measure"), th("kpis.count"), th("kpis.median"), th("kpis.p90"))),
    h("tbody", null,
      timings.map((m) => h("tr", { attrs: { "data-kpi": m.name } },
        h("th", { attrs: { scope: "row" } }, tx(m.key)),
        h("td", { attrs: { "data-field": "count" } }, String(m.stats.count)),
        h("td", { attrs: { "data-field": "median", "data-timespan": m.stats.median ?? "" } }, txt(() => durationText(m.stats.median))),
        h("td", { attrs: { "data-field": "p90", "data-timespan": m.stats.p90 ?? "" } }, txt(() => durationText(m.stats.p90))))),
      counts.map((c) => h("tr", { attrs: { "data-kpi": c.name } },
        h("th", { attrs: { scope: "row" } }, tx(c.key)),
        h("td", { attrs: { "data-field": "count" } }, String(c.value)),
        h("td", null, ""), h("td", null, "")))));

  const channels = report.channels;
  const latencyScale = durationScale(channels.flatMap((c) => [seconds(c.deliveryLatency.median), seconds(c.deliveryLatency.p90)]));
  const delivery = channels.length
    ? [
        h("div", { class: "chart-pair" },
          chart(barChart({
            labelKey: "kpis.latencyChart", testId: "chart-latency",
            categories: () => channels.map((c) => channelName(c.channel)),
            series: () => [
              { label: t("kpis.median"), values: channels.map((c) => latencyScale.of(seconds(c.deliveryLatency.median))), color: chartColors.median },
              { label: t("kpis.p90"), values: channels.map((c) => latencyScale.of(seconds(c.deliveryLatency.p90))), color: chartColors.p90 },
            ],
            unit: () => t(latencyScale.unit),
          })),
          chart(barChart({
            labelKey: "kpis.failureChart", testId: "chart-failures",
            categories: () => channels.map((c) => channelName(c.channel)),
            series: () => [{ label: t("kpis.failureRate"), values: channels.map((c) => (c.attemptFailureRate === null ? null : Math.round(c.attemptFailureRate * 1000) / 10)), color: chartColors.danger }],
            unit: () => "%",
          }))),
        h("div", { class: "table-wrap" }, h("table", { class: "board-table kpi-table", attrs: { "data-testid": "kpi-channels" } },
          h("caption", { class: "visually-hidden" }, tx("kpis.delivery")),
          h("thead", null, h("tr", null, th("asOf.channel"), th("kpis.posts"), th("kpis.delivered"), th("kpis.failedAttempts"), th("kpis.undelivered"),
            th("kpis.failureRate"), th("kpis.latencyMedian"), th("kpis.latencyP90"))),
          h("tbody", null, channels.map((c) => h("tr", { attrs: { "data-channel": c.channel } },
            h("th", { attrs: { scope: "row" } }, txt(() => channelName(c.channel))),
            h("td", { attrs: { "data-field": "posts" } }, String(c.posts)),
            h("td", { attrs: { "data-field": "delivered" } }, String(c.delivered)),
            h("td", { attrs: { "data-field": "failedAttempts" } }, String(c.failedAttempts)),
            h("td", { attrs: { "data-field": "undelivered" } }, String(c.undeliveredPosts)),
            h("td", { attrs: { "data-field": "failureRate", "data-value": c.attemptFailureRate ?? "" } },
              c.attemptFailureRate === null ? t("kpis.dash") : `${(c.attemptFailureRate * 100).toFixed(1)} %`),
            h("td", { attrs: { "data-field": "latencyMedian", "data-timespan": c.deliveryLatency.median ?? "" } }, txt(() => durationText(c.deliveryLatency.median))),
            h("td", { attrs: { "data-field": "latencyP90", "data-timespan": c.deliveryLatency.p90 ?? "" } }, txt(() => durationText(c.deliveryLatency.p90)))))))),
      ]
    : h("p", { class: "muted" }, tx("kpis.noChannels"));

  return h("div", { class: "kpi-report", attrs: { "data-agency": report.agency, "data-incidents": report.incidents.length } },
    h("p", { class: "result-count" }, tx("kpis.incidents", { count: report.incidents.length })),
    report.incidents.length === 0 ? h("p", { class: "muted" }, tx("kpis.none")) : null,
    h("section", { class: "panel" },
      h("h2", null, tx("kpis.timings")),
      h("div", { class: "chart-pair" }, chart(timingsChart), chart(countsChart)),
      h("div", { class: "table-wrap" }, timingsTable)),
    h("section", { class: "panel" },
      h("h2", null, tx("kpis.delivery")),
      delivery));
}
