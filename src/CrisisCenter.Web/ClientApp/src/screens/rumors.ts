// The rumour ledger of one incident: log what is circulating, assess it, draft the rebuttal that answers it.
import { rumors as rumorApi } from "../api/endpoints";
import { verdicts, type IncidentDetail, type Rumor, type RumorVerdict } from "../api/types";
import { LiveIncident } from "../app/liveIncident";
import { routes } from "../app/router";
import { session } from "../app/session";
import { dateTimeText } from "../i18n/format";
import { locale, t, tx, txt, type MessageKey } from "../i18n/i18n";
import type { TimelineHub } from "../live/timelineHub";
import { rumorStatusBadge } from "../ui/badges";
import { appLink, h, replaceChildren, safeExternalLink, uniqueId, type Child } from "../ui/dom";
import { keepingFocus } from "../ui/focus";
import { feedStatus } from "../ui/feedStatus";
import { dateEntry } from "../ui/dateEntry";
import { FormView, isBlank, select, submitButton, textArea, textInput } from "../ui/forms";
import { incidentHeader } from "../ui/incidentHeader";
import { headlineOf } from "../ui/statementSummary";
import { loadIncidentOrShowProblem } from "./incidentLoad";
import { ScreenScope, type Screen } from "./screen";

export function rumorsScreen(hub: TimelineHub, incidentId: string): Screen {
  const scope = new ScreenScope();
  const live = new LiveIncident(hub, incidentId, scope);
  const element = h("section", { class: "screen rumors", attrs: { "aria-busy": "true" } }, h("p", { class: "loading" }, tx("common.loading")));
  let title = "";

  void (async () => {
    const detail = await loadIncidentOrShowProblem(live, element);
    if (!detail) return;
    title = `${t("rumors.title")} — ${detail.code}`;
    document.title = `${title} — ${t("app.name")}`;
    const headingId = uniqueId("incident-title");
    element.setAttribute("aria-labelledby", headingId);
    const status = feedStatus(hub);
    scope.add(status.dispose);
    live.onFeedState((state, error) => status.update(state, error));
    const header = h("div");
    const ledger = new LedgerView(live);
    const render = (d: IncidentDetail) => keepingFocus(() => {
      replaceChildren(header, incidentHeader(d, "rumors", headingId, status.element));
      ledger.update(d);
    });
    render(detail);
    live.onDetail(render);
    const mayWrite = session.isPressOfficer && detail.status !== "Closed";
    replaceChildren(element, header, h("div", { class: ["rumor-grid", mayWrite ? null : "single"] }, ledger.element, mayWrite ? logRumorForm(detail, live) : null));
    element.removeAttribute("aria-busy");
  })();

  return { element, title: () => title || t("rumors.title"), dispose: () => scope.dispose() };
}

/** The ledger keeps one element per rumour across live updates, so a form being filled in is never replaced. */
class LedgerView {
  readonly element: HTMLElement;
  private readonly list = h("ul", { class: "rumor-list" });
  private readonly empty = h("p", { class: "muted" }, tx("rumors.none"));
  private readonly items = new Map<string, RumorItemView>();

  constructor(private readonly live: LiveIncident) {
    const headingId = uniqueId("ledger-title");
    this.element = h("section", { class: "panel", attrs: { "aria-labelledby": headingId, "data-testid": "rumor-ledger" } },
      h("h2", { attrs: { id: headingId } }, tx("rumors.title")), this.empty, this.list);
  }

  update(detail: IncidentDetail): void {
    for (const rumor of detail.rumors) {
      let item = this.items.get(rumor.id);
      if (!item) {
        item = new RumorItemView(rumor.id, this.live);
        this.items.set(rumor.id, item);
        this.list.prepend(item.element); // rumours come oldest first: each new one goes on top
      }
      item.update(detail, rumor);
    }
    this.empty.hidden = detail.rumors.length > 0;
  }
}

class RumorItemView {
  readonly element: HTMLElement;
  private readonly info = h("div");
  private readonly actions: HTMLElement;
  private rumor: Rumor | null = null;

  constructor(rumorId: string, private readonly live: LiveIncident) {
    this.actions = h("div", { class: "rumor-actions" });
    this.element = h("li", { class: "rumor", attrs: { "data-rumor-id": rumorId } }, this.info, this.actions);
  }

  update(detail: IncidentDetail, rumor: Rumor): void {
    const first = this.rumor === null;
    this.rumor = rumor;
    this.element.dataset["status"] = rumor.status;
    replaceChildren(this.info, rumorInfo(detail, rumor, this.live));
    const open = rumor.status === "Logged" || rumor.status === "Assessed";
    const mayAct = session.isPressOfficer && open && detail.status !== "Closed";
    if (first && mayAct) {
      this.actions.append(
        assessForm(detail, () => this.rumor!, this.live),
        appLink(routes.newStatement(detail.id, { kind: "Rebuttal", rumorId: rumor.id }), { class: "button button-secondary", attrs: { "data-action": "draft-rebuttal" } }, tx("rumors.draftRebuttal")),
        closeForm(detail, rumor, this.live));
    }
    this.actions.hidden = !mayAct;
  }
}

function rumorInfo(detail: IncidentDetail, rumor: Rumor, live: LiveIncident): Child[] {
  const rebuttals = detail.statements.filter((s) => s.referencesRumorId === rumor.id);
  const fact = (key: MessageKey, value: Node | string | null) => (value === null ? null : [h("dt", null, tx(key)), h("dd", null, value)]);
  return [
    h("div", { class: "rumor-head" }, rumorStatusBadge(rumor.status),
      rumor.verdict ? h("span", { class: ["badge", `verdict-${rumor.verdict.toLowerCase()}`] }, tx(`verdict.${rumor.verdict}` as MessageKey)) : null),
    h("p", { class: "rumor-claim" }, rumor.claim),
    h("dl", { class: "facts" },
      fact("rumors.whereSeen", rumor.whereSeen),
      fact("rumors.link", rumor.link ? safeExternalLink(rumor.link) : null),
      fact("rumors.firstSeen", dateTimeText(rumor.firstSeenAt)),
      fact("rumors.reach", rumor.estimatedReach === null ? null : txt(() => new Intl.NumberFormat(locale()).format(rumor.estimatedReach!))),
      fact("rumors.loggedBy", live.personName(rumor.loggedBy)),
      fact("rumors.evidence", rumor.evidence),
      fact("rumors.closedReason", rumor.closedReason)),
    rebuttals.length ? h("div", { class: "rebuttals" }, h("strong", null, tx("rumors.rebuttals")), " ",
      rebuttals.map((s) => appLink(routes.statement(detail.id, s.id), { class: "rebuttal-link" }, headlineOf(s) || t("statement.noHeadline"), " (", tx(`statementStatus.${s.status}` as MessageKey), ")"))) : null,
  ];
}

function assessForm(detail: IncidentDetail, current: () => Rumor, live: LiveIncident): HTMLElement {
  const rumor = current();
  const verdict = select(verdicts.map((v) => ({ value: v, label: () => t(`verdict.${v}` as MessageKey) })), rumor.verdict ?? "False");
  const evidence = textArea({ rows: 2, maxLength: 2000, value: rumor.evidence ?? "" });
  const form: FormView = new FormView(async () => {
    if (isBlank(evidence.value)) return form.showFieldProblem("evidence", "validation.required");
    await rumorApi.assess(detail.id, current().id, verdict.value as RumorVerdict, evidence.value.trim());
    await live.refreshDetail();
  }, { class: "assess-form", labelKey: "rumors.assessTitle" });
  form.add(form.field("verdict", "rumors.verdict", verdict), form.field("evidence", "rumors.evidence", evidence, { required: true }),
    h("div", { class: "form-actions" }, submitButton("rumors.assess", "secondary")));
  return form.element;
}

function closeForm(detail: IncidentDetail, rumor: Rumor, live: LiveIncident): HTMLElement {
  const reason = textInput({ maxLength: 500 });
  const form: FormView = new FormView(async () => {
    if (isBlank(reason.value)) return form.showFieldProblem("reason", "validation.required");
    await rumorApi.close(detail.id, rumor.id, reason.value.trim());
    await live.refreshDetail();
  }, { class: "close-form", labelKey: "rumors.closeTitle" });
  form.add(form.field("reason", "rumors.closeReason", reason, { required: true }), h("div", { class: "form-actions" }, submitButton("rumors.close", "secondary")));
  return form.element;
}

function logRumorForm(detail: IncidentDetail, live: LiveIncident): HTMLElement {
  const claim = textArea({ rows: 3, maxLength: 2000 });
  const whereSeen = textInput({ maxLength: 200 });
  const link = textInput({ type: "url", maxLength: 500 });
  const firstSeen = dateEntry("minutes");
  firstSeen.show(new Date());
  const reach = textInput({ type: "number" });
  reach.min = "0";
  const form: FormView = new FormView(async () => {
    if (isBlank(claim.value)) return form.showFieldProblem("claim", "validation.required");
    if (isBlank(whereSeen.value)) return form.showFieldProblem("whereSeen", "validation.required");
    const firstSeenAt = firstSeen.instant();
    if (!firstSeenAt) return form.showFieldProblem("firstSeenAt", firstSeenAt === null ? "validation.required" : firstSeen.problem);
    await rumorApi.log(detail.id, {
      claim: claim.value.trim(), whereSeen: whereSeen.value.trim(), link: link.value.trim() || null,
      firstSeenAt: firstSeenAt.toISOString(), estimatedReach: reach.value === "" ? null : Number(reach.value),
    });
    claim.value = "";
    whereSeen.value = "";
    link.value = "";
    reach.value = "";
    await live.refreshDetail();
  }, { class: "panel rumor-form", labelKey: "rumors.logTitle" });
  form.element.dataset["testid"] = "log-rumor";
  form.add(
    form.field("claim", "rumors.claim", claim, { required: true }),
    form.field("whereSeen", "rumors.whereSeen", whereSeen, { required: true }),
    form.field("link", "rumors.link", link),
    h("div", { class: "field-row" },
      form.field("firstSeenAt", "rumors.firstSeen", firstSeen.input, { required: true, labelSuffix: h("span", { class: "field-format" }, firstSeen.format) }),
      form.field("estimatedReach", "rumors.reach", reach)),
    h("div", { class: "form-actions" }, submitButton("rumors.log")));
  return form.element;
}
