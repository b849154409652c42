// "What was public at <time>" on the incident page: a time slider from the declaration to now; away from now the
// panel replays the incident's events up to that moment on the server (/as-of) and shows the statements that were
// public (revision, languages), the channel posts, the open rumours and the status then. The page is marked as a
// historical view until the user goes back to live.
import { incidents } from "../api/endpoints";
import type { Language, PublicRecord, PublicStatement, StatementContent } from "../api/types";
import type { LiveIncident } from "../app/liveIncident";
import { dateTimeText, formatDateTime, formatDateTimeSeconds, zoneLabel } from "../i18n/format";
import { channelName, currentLanguage, t, tx, txt, type MessageKey } from "../i18n/i18n";
import { languageBadge, rumorStatusBadge, severityBadge, statementStatusBadge, statusBadge } from "../ui/badges";
import { h, replaceChildren, uniqueId } from "../ui/dom";
import { timeSlider } from "../ui/timeSlider";
import { isAbort, type ScreenScope } from "./screen";

export interface PointInTimePanel {
  element: HTMLElement;
}

/** The slider panel; `page` (the incident screen) gets the class `as-of-mode` while a past moment is shown. */
export function pointInTimePanel(live: LiveIncident, declaredAt: string, scope: ScreenScope, page: HTMLElement): PointInTimePanel {
  const slider = timeSlider(declaredAt, "asOf.slider");
  scope.add(slider.dispose);
  slider.addTicks(live.entries.map((e) => e.at));
  live.onEntry((entry) => slider.addTicks([entry.at]));

  const headingId = uniqueId("as-of-title");
  const modeBadge = h("span", { class: "mode-badge", attrs: { "data-testid": "as-of-mode" } });
  const backToLive = h("button", { class: "button button-secondary", attrs: { type: "button", "data-action": "back-to-live" }, on: { click: () => slider.set(null) } },
    tx("asOf.backToLive"));
  const result = h("div", { class: "as-of-result", attrs: { "aria-live": "polite", "data-testid": "as-of-result" } });
  const element = h("section", { class: "panel point-in-time", attrs: { "aria-labelledby": headingId, "data-testid": "point-in-time", "data-mode": "live" } },
    h("div", { class: "panel-header" },
      h("h2", { attrs: { id: headingId } }, tx("asOf.title")),
      h("div", { class: "mode-tools" }, modeBadge, backToLive)),
    slider.element,
    result);

  let request: AbortController | null = null;
  let sequence = 0;
  scope.add(() => request?.abort());

  const showMode = () => {
    const moment = slider.moment;
    const asOf = moment !== null;
    element.dataset["mode"] = asOf ? "as-of" : "live";
    page.classList.toggle("as-of-mode", asOf);
    backToLive.hidden = !asOf;
    replaceChildren(modeBadge, asOf ? txt(() => t("asOf.mode", { time: `${formatDateTimeSeconds(moment.toISOString())} (${zoneLabel()})` })) : tx("asOf.live"));
    modeBadge.classList.toggle("is-as-of", asOf);
  };

  const load = async () => {
    const moment = slider.moment;
    if (!moment) return;
    request?.abort();
    request = new AbortController();
    const mine = ++sequence;
    result.setAttribute("aria-busy", "true");
    try {
      const record = await incidents.asOf(live.incidentId, moment.toISOString(), request.signal);
      if (mine !== sequence || !slider.moment) return;
      replaceChildren(result, recordView(record));
      element.dataset["at"] = record.at;
    } catch (error) {
      if (isAbort(error) || mine !== sequence) return;
      replaceChildren(result, h("p", { class: "form-problem", attrs: { role: "alert" } }, tx("asOf.failed")));
    } finally {
      if (mine === sequence) result.removeAttribute("aria-busy");
    }
  };
  const loadSoon = scope.debounce(() => void load(), 250);

  const showLive = () => replaceChildren(result, h("p", { class: "muted as-of-live-note" }, tx("asOf.liveNote")));

  slider.onChange((moment) => {
    showMode();
    if (moment === null) {
      request?.abort();
      sequence++;
      delete element.dataset["at"];
      showLive();
      return;
    }
    if (!result.querySelector(".as-of-record")) replaceChildren(result, h("p", { class: "loading" }, tx("asOf.loading")));
    loadSoon();
  });
  showMode();
  showLive();
  return { element };
}

function recordView(record: PublicRecord): HTMLElement {
  const at = record.at;
  const view = h("div", { class: "as-of-record", attrs: { "data-declared": String(record.declared), "data-status": record.status } },
    h("p", { class: "as-of-banner" }, tx("asOf.historical")),
    h("h3", null, txt(() => t("asOf.heading", { time: `${formatDateTimeSeconds(at)} (${zoneLabel()})` }))));
  if (!record.declared) {
    view.append(h("p", { class: "muted", attrs: { "data-testid": "as-of-not-declared" } }, tx("asOf.notDeclared")));
    return view;
  }
  view.append(
    h("p", { class: "as-of-status" }, h("span", { class: "as-of-status-label" }, tx("asOf.status")), " ", statusBadge(record.status), severityBadge(record.severity),
      h("span", { class: "muted" }, " · ", tx("asOf.events", { count: record.eventsFolded }))),
    h("h4", null, tx("asOf.statements")),
    record.statements.length
      ? h("ul", { class: "as-of-statements" }, [...record.statements].reverse().map(statementView))
      : h("p", { class: "muted", attrs: { "data-testid": "as-of-no-statements" } }, tx("asOf.noStatements")),
    h("h4", null, tx("asOf.channels")),
    record.channelPosts.length ? postsTable(record) : h("p", { class: "muted" }, tx("asOf.noPosts")),
    h("h4", null, tx("asOf.rumors")),
    record.openRumors.length
      ? h("ul", { class: "as-of-rumors" }, record.openRumors.map((r) => h("li", { attrs: { "data-rumor-id": r.rumorId } },
          rumorStatusBadge(r.status), r.verdict ? h("span", { class: ["badge", `verdict-${r.verdict.toLowerCase()}`] }, tx(`verdict.${r.verdict}` as MessageKey)) : null,
          " ", h("span", { class: "rumor-claim" }, r.claim), " ", h("span", { class: "muted" }, "· ", r.whereSeen, " · ", dateTimeText(r.loggedAt)))))
      : h("p", { class: "muted" }, tx("asOf.noRumors")));
  return view;
}

function statementView(s: PublicStatement): HTMLElement {
  const text = pick(s.content, s.languages);
  return h("li", { class: "as-of-statement", attrs: { "data-testid": "as-of-statement", "data-statement-id": s.statementId, "data-revision": s.revision, "data-status": s.status } },
    h("div", { class: "statement-meta" },
      h("strong", null, tx(`statementKind.${s.kind}` as MessageKey)), " ", statementStatusBadge(s.status),
      h("span", { class: "as-of-revision" }, tx("asOf.revision", { n: s.revision })), " · ",
      s.languages.map((l) => languageBadge(l)), " · ",
      txt(() => t("asOf.publishedAt", { time: formatDateTime(s.publishedAt) }))),
    text ? [
      h("p", { class: "revision-headline", attrs: { lang: text.language } }, text.headline),
      h("p", { class: "as-of-body", attrs: { lang: text.language } }, text.body),
    ] : null);
}

/** The text in the interface language when the statement has it, else its first language. */
function pick(content: StatementContent, languages: readonly Language[]): { language: Language; headline: string; body: string } | null {
  const language = content[currentLanguage()] ? currentLanguage() : languages.find((l) => content[l]);
  const text = language ? content[language] : undefined;
  return language && text ? { language, headline: text.headline, body: text.body } : null;
}

function postsTable(record: PublicRecord): HTMLElement {
  const th = (key: MessageKey) => h("th", { attrs: { scope: "col" } }, tx(key));
  return h("div", { class: "table-wrap" },
    h("table", { class: "board-table as-of-posts" },
      h("thead", null, h("tr", null, th("asOf.channel"), th("common.language"), th("asOf.revisionColumn"), th("asOf.postStatus"), th("asOf.attempts"))),
      h("tbody", null, record.channelPosts.map((p) => h("tr", { attrs: { "data-post-id": p.postId, "data-status": p.status } },
        h("td", null, txt(() => channelName(p.channel))),
        h("td", null, languageBadge(p.language)),
        h("td", null, String(p.revision)),
        h("td", null, tx(`postStatus.${p.status}` as MessageKey)),
        h("td", null, String(p.attempts)))))));
}
