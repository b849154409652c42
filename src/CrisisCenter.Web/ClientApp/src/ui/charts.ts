// Bar charts drawn by Chart.js on a <canvas> (no inline style or script, so the strict CSP holds). A chart is a picture
// for sighted users: it carries an aria-label, and every screen that shows one also shows the numbers in a table.
// Labels follow the interface language.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { localizeAttribute, onLocaleChange, type MessageKey } from "../i18n/i18n";
import { h } from "./dom";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface BarSeries {
  label: string;
  values: readonly (number | null)[];
  color: string;
}

export interface BarChartOptions {
  /** What the chart shows, for assistive technology (and the canvas title). */
  labelKey: MessageKey;
  categories: () => (string | string[])[];
  series: () => BarSeries[];
  /** The value axis title. */
  unit?: () => string;
  size?: "normal" | "small";
  testId?: string;
}

export interface BarChart {
  element: HTMLElement;
  dispose(): void;
}

export const chartColors = { median: "#0b5cad", p90: "#b45309", neutral: "#0f6b3a", danger: "#b42318", muted: "#4a5361" } as const;

export function barChart(options: BarChartOptions): BarChart {
  const canvas = h("canvas", { attrs: { role: "img", "data-testid": options.testId } });
  localizeAttribute(canvas, "aria-label", options.labelKey);
  localizeAttribute(canvas, "title", options.labelKey);
  const element = h("div", { class: ["chart-box", options.size === "small" ? "chart-small" : null] }, canvas);
  const data = () => ({
    labels: options.categories(),
    datasets: options.series().map((s) => ({ label: s.label, data: [...s.values], backgroundColor: s.color, borderColor: s.color, borderWidth: 1, maxBarThickness: 48 })),
  });
  const small = options.size === "small";
  const chart = new Chart(canvas, {
    type: "bar",
    data: data(),
    options: {
      responsive: true,
      maintainAspectRatio: false,
      // Still pictures: nothing moves for users who asked for less motion, and screenshots are stable.
      animation: false,
      plugins: {
        legend: { position: "bottom", labels: small ? { boxWidth: 10, font: { size: 11 } } : {} },
        tooltip: { enabled: true },
      },
      scales: {
        x: { ticks: { autoSkip: false, maxRotation: 0, font: small ? { size: 11 } : {} } },
        y: { beginAtZero: true, title: { display: Boolean(options.unit), text: options.unit?.() ?? "" }, ticks: { maxTicksLimit: small ? 4 : 8 } },
      },
    },
  });
  const stop = onLocaleChange(() => {
    chart.data = data();
    const y = chart.options.scales?.["y"];
    if (y && "title" in y && y.title) y.title.text = options.unit?.() ?? "";
    chart.update();
  });
  return {
    element,
    dispose() {
      stop();
      chart.destroy();
    },
  };
}

/** Category labels wrapped at spaces so long names fit under their bars. */
export function wrapLabel(text: string, width = 18): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && (line + " " + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? line + " " + word : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A unit that makes durations (in seconds) readable as bar heights: seconds, minutes or hours by the largest one. */
export function durationScale(seconds: readonly (number | null)[]): { of: (value: number | null) => number | null; unit: "kpis.seconds" | "kpis.minutes" | "kpis.hours" } {
  const largest = Math.max(0, ...seconds.filter((s): s is number => s !== null));
  const [divisor, unit] = largest < 120 ? [1, "kpis.seconds" as const] : largest < 7200 ? [60, "kpis.minutes" as const] : [3600, "kpis.hours" as const];
  return { of: (value) => (value === null ? null : Math.round((value / divisor) * 10) / 10), unit };
}
