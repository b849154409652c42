// Links to an incident's after-action report: the printable page, the timeline as CSV and the JSON export. They are
// plain links (the browser opens them with the sign-in cookie), so the report can be printed or saved as it is.
import { incidents } from "../api/endpoints";
import { localizeAttribute, tx } from "../i18n/i18n";
import { h } from "./dom";

export function reportLinks(incidentId: string): HTMLElement {
  const link = (format: "html" | "csv" | "json", key: "report.html" | "report.csv" | "report.json") => {
    const anchor = h("a", { class: "report-link", attrs: { "data-report": format } }, tx(key));
    anchor.href = incidents.reportUrl(incidentId, format);
    if (format === "html") {
      anchor.target = "_blank";
      anchor.rel = "noopener";
    } else anchor.setAttribute("download", "");
    return h("li", null, anchor);
  };
  const nav = h("nav", { class: "report-links", attrs: { "data-testid": "report-links" } },
    h("span", { class: "report-links-label" }, tx("report.label")),
    h("ul", null, link("html", "report.html"), link("csv", "report.csv"), link("json", "report.json")));
  localizeAttribute(nav, "aria-label", "report.label");
  return nav;
}
