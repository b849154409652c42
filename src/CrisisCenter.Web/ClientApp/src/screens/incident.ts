// The incident page: live timeline, KPIs, statements, situation updates with the forms to log and correct them.
import { incidents } from "../api/endpoints";
import { languages, type IncidentDetail, type Language, type SituationUpdate } from "../api/types";
import { LiveIncident } from "../app/liveIncident";
import { regionName } from "../app/reference";
import { routes } from "../app/router";
import { session } from "../app/session";
import { dateTimeText } from "../i18n/format";
import { currentLanguage, follow, t, tx, txt, type MessageKey } from "../i18n/i18n";
import type { TimelineHub } from "../live/timelineHub";
import { languageBadge } from "../ui/badges";
import { appLink, h, replaceChildren, uniqueId } from "../ui/dom";
import { feedStatus } from "../ui/feedStatus";
import { keepingFocus } from "../ui/focus";
import { alertBox, button, checkbox, FormView, isBlank, select, submitButton, textArea, textInput } from "../ui/forms";
import { incidentHeader } from "../ui/incidentHeader";
import { kpiStrip } from "../ui/kpiStrip";
import { publicationPanel } from "../ui/publicationPanel";
import { statementListItem } from "../ui/statementSummary";
import { timelineList } from "../ui/timelineList";
import { reportLinks } from "../ui/reportLinks";
import { incidentAuditLink } from "./audit";
import { loadIncidentOrShowProblem } from "./incidentLoad";
import { pointInTimePanel } from "./pointInTime";
import { ScreenScope, type Screen } from "./screen";

export function incidentScreen(hub: TimelineHub, incidentId: string): Screen {
  const scope = new ScreenScope();
  const live = new LiveIncident(hub, incidentId, scope);
  const element = h("section", { class: "screen incident", attrs: { "aria-busy": "true" } }, h("p", { class: "loading" }, tx("common.loading")));
  let title = "";

  void (async () => {
    const detail = await loadIncidentOrShowProblem(live, element);
    if (!detail) return;
    title = `${detail.code} ${detail.title}`;
    document.title = `${title} — ${t("app.name")}`;
    const headingId = uniqueId("incident-title");
    element.setAttribute("aria-labelledby", headingId);
    const status = feedStatus(hub);
    scope.add(status.dispose);
    const header = h("div");
    const kpis = kpiStrip(incidentId, scope.signal);
    const timeline = timelineList(live.entries, live.kindOf, (id) => live.personName(id));
    const timelineProblem = live.timelineError ? alertBox(live.timelineError) : null;
    const timelineHeadingId = uniqueId("timeline-title");
    const timelineSection = h("section", { class: "panel timeline-panel", attrs: { "aria-labelledby": timelineHeadingId } },
      h("div", { class: "panel-header" }, h("h2", { attrs: { id: timelineHeadingId } }, tx("timeline.title")), status.element),
      timelineProblem, timeline.element);
    live.onFeedState((state, error) => {
      status.update(state, error);
      timelineSection.classList.toggle("stale", !live.isLive);
    });
    scope.add(hub.onStateChange(() => timelineSection.classList.toggle("stale", !live.isLive)));
    const statementsBox = h("div");
    const updatesBox = h("div");
    const correctionBox = h("div", { class: "correction-box" });

    // Logging an update is what people do most on the move: the form leads the side column, and a button at the top
    // of the page (the side column comes after the long timeline on a phone) takes them to it in one tap.
    const logUpdate = session.mayLogSituationUpdates ? logUpdateForm(incidentId, live.detail ?? detail, live) : null;
    const goToLogUpdate = logUpdate && detail.status !== "Closed"
      ? h("button", { class: "button button-primary go-log-update", attrs: { type: "button", "data-action": "go-log-update" }, on: { click: () => logUpdate.focus() } },
        tx("updates.logTitle"))
      : null;
    const renderDetail = (d: IncidentDetail) => keepingFocus(() => {
      replaceChildren(header, incidentHeader(d, "incident", headingId, goToLogUpdate));
      replaceChildren(statementsBox, statementsPanel(d));
      replaceChildren(updatesBox, updatesPanel(d, (update) => openCorrection(update)));
    });

    const openCorrection = (update: SituationUpdate) => {
      replaceChildren(correctionBox, correctionForm(incidentId, update, live, () => correctionBox.replaceChildren()));
      correctionBox.querySelector<HTMLTextAreaElement>("textarea")?.focus();
    };

    renderDetail(detail);
    live.onDetail(renderDetail);
    live.onEntry((entry) => {
      timeline.add(entry);
      if (entry.kind !== "channel-post") void kpis.refresh();
    });
    void kpis.refresh();

    const side = h("div", { class: "incident-side" },
      logUpdate?.element ?? null,
      incidentAuditLink(incidentId),
      statementsBox,
      publicationPanel(live, detail).element,
      correctionBox,
      updatesBox);
    const history = pointInTimePanel(live, detail.declaredAt, scope, element);
    replaceChildren(element, header, reportLinks(incidentId), kpis.element, history.element, h("div", { class: "incident-grid" }, timelineSection, side));
    element.removeAttribute("aria-busy");
  })();

  return { element, title: () => title || t("incident.pageTitle"), dispose: () => scope.dispose() };
}

function statementsPanel(detail: IncidentDetail): HTMLElement {
  const headingId = uniqueId("statements-title");
  const statements = [...detail.statements].reverse();
  return h("section", { class: "panel", attrs: { "aria-labelledby": headingId, "data-testid": "statements" } },
    h("div", { class: "panel-header" },
      h("h2", { attrs: { id: headingId } }, tx("statements.title")),
      session.isPressOfficer && detail.status !== "Closed"
        ? appLink(routes.newStatement(detail.id), { class: "button button-primary", attrs: { "data-action": "new-statement" } }, tx("statements.new"))
        : null),
    statements.length
      ? h("ul", { class: "statement-list" }, statements.map((s) => statementListItem(detail.id, s)))
      : h("p", { class: "muted" }, tx("statements.none")));
}

function updatesPanel(detail: IncidentDetail, onCorrect: (update: SituationUpdate) => void): HTMLElement {
  const headingId = uniqueId("updates-title");
  const updates = [...detail.situationUpdates].reverse();
  const byId = new Map(detail.situationUpdates.map((u) => [u.id, u]));
  return h("section", { class: "panel", attrs: { "aria-labelledby": headingId, "data-testid": "situation-updates" } },
    h("h2", { attrs: { id: headingId } }, tx("updates.title")),
    updates.length ? h("ul", { class: "update-list" }, updates.map((u) => h("li", { class: ["update", u.correctedByUpdateId ? "corrected" : null], attrs: { "data-update-id": u.id } },
      h("div", { class: "update-meta" }, dateTimeText(u.loggedAt), " · ", languageBadge(u.language), " · ", u.source,
        u.regionCode ? [" · ", txt(() => regionName(u.regionCode!))] : null, " · ",
        h("span", { class: u.verified ? "verified" : "unverified" }, tx(u.verified ? "updates.verified" : "updates.unverified"))),
      u.correctsUpdateId ? h("p", { class: "update-correction-note" }, tx("updates.corrects"), " ",
        h("q", null, byId.get(u.correctsUpdateId)?.text ?? ""), u.correctionReason ? [" — ", tx("updates.reason"), ": ", u.correctionReason] : null) : null,
      h("p", { class: "update-text", attrs: { lang: u.language } }, u.text),
      u.correctedByUpdateId ? h("p", { class: "update-corrected-note" }, tx("updates.correctedLater")) : null,
      mayCorrect(detail, u) && !u.correctedByUpdateId && detail.status !== "Closed"
        ? correctButton(u, () => onCorrect(u)) : null)))
      : h("p", { class: "muted" }, tx("updates.none")));
}

/**
 * Offered only where the server would accept it: press officers of the lead or a participating agency correct any
 * update; an observer granted regional updates corrects only those of its own region (as the domain rules).
 */
function mayCorrect(detail: IncidentDetail, update: SituationUpdate): boolean {
  const user = session.user;
  if (!user) return false;
  if (session.isPressOfficer && !session.has("Observer"))
    return detail.leadAgency === user.agencyCode || detail.participatingAgencies.includes(user.agencyCode);
  return session.mayLogSituationUpdates && !!update.regionCode && update.regionCode === user.regionCode;
}

/** "Correct", named for the update it corrects (several sit on one page). */
function correctButton(update: SituationUpdate, onClick: () => void): HTMLButtonElement {
  const correct = button("updates.correct", onClick, "link");
  const excerpt = update.text.length > 60 ? update.text.slice(0, 60) + "…" : update.text;
  follow(correct, (b) => b.setAttribute("aria-label", `${t("updates.correct")}: ${excerpt}`));
  return correct;
}

function logUpdateForm(incidentId: string, detail: IncidentDetail, live: LiveIncident): { element: HTMLElement; focus(): void } {
  const text = textArea({ rows: 3, maxLength: 4000 });
  const language = select(languages.map((l) => ({ value: l, label: () => t(`language.${l}` as MessageKey) })), currentLanguage());
  const source = textInput({ maxLength: 200 });
  const ownRegion = session.user?.regionCode;
  const regionCodes = ownRegion && !session.isPressOfficer ? [ownRegion] : detail.regions;
  const region = select([
    ...(session.isPressOfficer ? [{ value: "", label: () => t("updates.noRegion") }] : []),
    ...regionCodes.map((code) => ({ value: code, label: () => regionName(code) })),
  ], regionCodes.length === 1 ? regionCodes[0] : "");
  const verified = checkbox(false);
  const form: FormView = new FormView(async () => {
    if (isBlank(text.value)) return form.showFieldProblem("text", "validation.required");
    if (isBlank(source.value)) return form.showFieldProblem("source", "validation.required");
    await incidents.logUpdate(incidentId, {
      text: text.value.trim(), language: language.value as Language, source: source.value.trim(), regionCode: region.value || null, verified: verified.checked,
    });
    text.value = "";
    verified.checked = false;
    await live.refreshDetail();
  }, { class: "panel update-form", labelKey: "updates.logTitle" });
  form.element.dataset["testid"] = "log-update";
  form.add(
    form.field("text", "updates.text", text, { required: true }),
    h("div", { class: "field-row" },
      form.field("language", "common.language", language),
      form.field("regionCode", "incident.region", region)),
    form.field("source", "updates.source", source, { required: true }),
    form.field("verified", "updates.verifiedLabel", verified),
    h("div", { class: "form-actions" }, submitButton("updates.log")));
  return {
    element: form.element,
    focus() {
      form.element.scrollIntoView({ block: "start" });
      text.focus({ preventScroll: true });
    },
  };
}

function correctionForm(incidentId: string, update: SituationUpdate, live: LiveIncident, close: () => void): HTMLElement {
  const text = textArea({ rows: 3, maxLength: 4000, value: update.text });
  const reason = textInput({ maxLength: 500 });
  const verified = checkbox(update.verified);
  const form: FormView = new FormView(async () => {
    if (isBlank(text.value)) return form.showFieldProblem("text", "validation.required");
    if (isBlank(reason.value)) return form.showFieldProblem("reason", "validation.required");
    await incidents.correctUpdate(incidentId, update.id, { text: text.value.trim(), reason: reason.value.trim(), verified: verified.checked });
    close();
    await live.refreshDetail();
  }, { class: "panel correction-form", labelKey: "updates.correctTitle" });
  form.element.dataset["testid"] = "correct-update";
  form.add(
    h("p", { class: "field-note" }, tx("updates.correcting"), " ", h("q", { attrs: { lang: update.language } }, update.text)),
    form.field("text", "updates.correctedText", text, { required: true }),
    form.field("reason", "updates.reason", reason, { required: true }),
    form.field("verified", "updates.verifiedLabel", verified),
    h("div", { class: "form-actions" }, submitButton("updates.saveCorrection"), button("common.cancel", close)));
  return form.element;
}
