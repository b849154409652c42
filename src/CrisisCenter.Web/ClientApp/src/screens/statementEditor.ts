// Writing a statement: kk / ru / en tabs (required languages marked), saving revisions, submitting the current
// revision for approval; the revision history with a word-level diff; publishing the approved revision.
import { incidents, statements } from "../api/endpoints";
import { ApiError } from "../api/http";
import {
  languages, statementKinds, type IncidentDetail, type Language, type PublishableChannel, type StatementContent, type StatementKind, type StatementText, type StatementView,
} from "../api/types";
import { LiveIncident } from "../app/liveIncident";
import { navigate, routes } from "../app/router";
import { session } from "../app/session";
import { dateTimeText } from "../i18n/format";
import { channelName, t, tx, txt, type MessageKey } from "../i18n/i18n";
import type { TimelineHub } from "../live/timelineHub";
import { failingPostsNote, postName, statementTruthBadge } from "../ui/deliveryTruth";
import { appLink, h, replaceChildren, uniqueId } from "../ui/dom";
import { feedStatus } from "../ui/feedStatus";
import { keepingFocus } from "../ui/focus";
import { alertBox, button, checkbox, FormView, select, submitButton, textArea, textInput } from "../ui/forms";
import { incidentHeader } from "../ui/incidentHeader";
import { revisionComparer } from "../ui/revisionDiff";
import { headlineOf } from "../ui/statementSummary";
import { tabs } from "../ui/tabs";
import { loadIncidentOrShowProblem } from "./incidentLoad";
import { ScreenScope, type Screen } from "./screen";

export interface EditorRoute {
  incidentId: string;
  statementId: string | null;
  kind: string | null;
  rumorId: string | null;
  referencesStatementId: string | null;
}

// A statement takes new revisions until it is published; a revision in review or approved is voided by a new one.
const finished = new Set(["Published", "Corrected", "Retracted"]);

export function statementEditorScreen(hub: TimelineHub, route: EditorRoute): Screen {
  const scope = new ScreenScope();
  const live = new LiveIncident(hub, route.incidentId, scope);
  const element = h("section", { class: "screen statement-editor", attrs: { "aria-busy": "true" } }, h("p", { class: "loading" }, tx("common.loading")));
  let title = "";

  void (async () => {
    const detail = await loadIncidentOrShowProblem(live, element);
    if (!detail) return;
    const find = (d: IncidentDetail) => (route.statementId ? d.statements.find((s) => s.id === route.statementId) ?? null : null);
    let statement = find(detail);
    if (route.statementId && !statement) {
      replaceChildren(element, alertBox(new ApiError(404, "", null, {}, null)));
      element.removeAttribute("aria-busy");
      return;
    }
    const headingId = uniqueId("incident-title");
    const status = feedStatus(hub);
    scope.add(status.dispose);
    live.onFeedState((state, error) => status.update(state, error));
    const editor = buildEditor(detail, statement, route, live);
    const side = h("div", { class: "editor-side" });
    // The publish form lives as long as the approved revision it publishes, across live redraws of the panel.
    let publishing: { revision: number; form: HTMLElement } | null = null;
    const publishFormFor = (d: IncidentDetail, s: StatementView): HTMLElement => {
      if (publishing?.revision !== s.currentRevision) publishing = { revision: s.currentRevision, form: publishForm(d, s, live) };
      return publishing.form;
    };
    const renderSide = (d: IncidentDetail, s: StatementView | null) => keepingFocus(() => replaceChildren(side,
      s ? statusPanel(d, s, live, publishFormFor) : null,
      s ? historyPanel(s, live) : h("p", { class: "muted" }, tx("statement.newHint"))));
    renderSide(detail, statement);
    live.onDetail((d) => {
      statement = find(d);
      renderSide(d, statement);
      if (statement) editor.updateFrom(statement);
    });
    title = statement ? `${t(`statementKind.${statement.kind}` as MessageKey)} — ${detail.code}` : `${t("statement.newTitle")} — ${detail.code}`;
    document.title = `${title} — ${t("app.name")}`;
    element.setAttribute("aria-labelledby", headingId);
    replaceChildren(element, incidentHeader(detail, "statement", headingId, status.element), h("div", { class: "editor-grid" }, editor.element, side));
    element.removeAttribute("aria-busy");
  })();

  return { element, title: () => title || t("statement.newTitle"), dispose: () => scope.dispose() };
}

interface Editor { element: HTMLElement; updateFrom(statement: StatementView): void }

function buildEditor(detail: IncidentDetail, initial: StatementView | null, route: EditorRoute, live: LiveIncident): Editor {
  let statement = initial;
  const current = () => statement?.revisions[statement.revisions.length - 1] ?? null;
  // A revision that has approvals opens read-only: editing it would void them, so that takes an explicit, confirmed
  // "start a new revision" first.
  let unlocked = false;
  const approvalsAtStake = () => (statement && (statement.status === "InReview" || statement.status === "Approved")
    ? statement.revisions[statement.revisions.length - 1]?.approvals.length ?? 0 : 0);
  const locked = () => approvalsAtStake() > 0 && !unlocked;
  const mayEdit = () => session.isPressOfficer && (!statement || !finished.has(statement.status)) && detail.status !== "Closed" && !locked();
  // Only a draft is submitted; changed text is saved as a new (draft) revision first.
  const maySubmit = () => mayEdit() && (!statement || statement.status === "Draft" || dirty);
  const required = new Set<Language>(detail.requiredLanguages);
  const inputs = new Map<Language, { headline: HTMLInputElement; body: HTMLTextAreaElement; instruction: HTMLTextAreaElement; indicator: HTMLElement }>();
  let dirty = false;

  const initialKind = (statement?.kind ?? (statementKinds.includes(route.kind as StatementKind) ? route.kind : "Holding")) as StatementKind;
  const kind = select(statementKinds.map((k) => ({ value: k, label: () => t(`statementKind.${k}` as MessageKey) })), initialKind);
  const rumorChoice = select([{ value: "", label: () => t("statement.chooseRumor") },
    ...detail.rumors.map((r) => ({ value: r.id, label: () => r.claim }))], route.rumorId ?? statement?.referencesRumorId ?? "");
  const published = detail.statements.filter((s) => s.publishedRevision !== null && s.id !== statement?.id);
  const statementChoice = select([{ value: "", label: () => t("statement.chooseStatement") },
    ...published.map((s) => ({ value: s.id, label: () => `${t(`statementKind.${s.kind}` as MessageKey)} — ${headlineOf(s)}` }))], route.referencesStatementId ?? statement?.referencesStatementId ?? "");

  const form: FormView = new FormView(async () => {
    await save(false);
  }, { class: "panel editor-form" });
  form.element.dataset["testid"] = "statement-editor";

  const panels = languages.map((language) => {
    const text = current()?.content[language];
    const headline = textInput({ maxLength: 300, value: text?.headline ?? "" });
    const body = textArea({ rows: 8, maxLength: 8000, value: text?.body ?? "" });
    const instruction = textArea({ rows: 3, maxLength: 2000, value: text?.instruction ?? "" });
    for (const control of [headline, body, instruction]) {
      control.lang = language;
      control.addEventListener("input", () => {
        dirty = true;
        renderIndicators();
        submitForm.disabled = !maySubmit();
      });
    }
    const indicator = h("span", { class: "tab-indicator" });
    inputs.set(language, { headline, body, instruction, indicator });
    const panel = h("div", { class: "language-panel", attrs: { "data-language": language } },
      form.field(`content.${language}.headline`, "statement.headline", headline, { required: required.has(language) }),
      form.field(`content.${language}.body`, "statement.body", body, { required: required.has(language) }),
      form.field(`content.${language}.instruction`, "statement.instruction", instruction, { hint: "statement.instructionHint" }));
    const label = h("span", null, tx(`language.${language}` as MessageKey),
      required.has(language) ? h("span", { class: "required-mark" }, " *", h("span", { class: "visually-hidden" }, " ", tx("statement.requiredLanguage"))) : null,
      " ", indicator);
    return { key: language, label, panel };
  });

  const renderIndicators = () => {
    for (const [language, controls] of inputs) {
      const complete = controls.headline.value.trim() !== "" && controls.body.value.trim() !== "";
      const empty = !controls.headline.value.trim() && !controls.body.value.trim() && !controls.instruction.value.trim();
      controls.indicator.replaceChildren(txt(() => (complete ? "✓" : empty ? "" : "…")));
      controls.indicator.dataset["state"] = complete ? "complete" : empty ? "empty" : "partial";
      controls.indicator.title = complete ? t("statement.languageComplete") : t("statement.languageIncomplete");
      void language;
    }
  };

  const content = (): StatementContent => {
    const result: StatementContent = {};
    for (const [language, c] of inputs) {
      const text: StatementText = { headline: c.headline.value.trim(), body: c.body.value.trim(), instruction: c.instruction.value.trim() || null };
      if (text.headline || text.body || text.instruction) result[language] = text;
    }
    return result;
  };

  const missingRequired = (): Language | null => {
    for (const language of detail.requiredLanguages) {
      const c = inputs.get(language)!;
      if (!c.headline.value.trim() || !c.body.value.trim()) return language;
    }
    return null;
  };

  const languageTabsId = uniqueId("languages");
  const languageTabs = tabs(panels, languageTabsId);
  renderIndicators();

  const kindField = form.field("kind", "statement.kind", kind);
  const rumorField = form.field("referencesRumorId", "statement.referencesRumor", rumorChoice);
  const statementField = form.field("referencesStatementId", "statement.referencesStatement", statementChoice);
  const showReferences = () => {
    rumorField.hidden = kind.value !== "Rebuttal";
    statementField.hidden = kind.value !== "Correction" && kind.value !== "Retraction";
  };
  kind.addEventListener("change", showReferences);
  showReferences();
  if (statement) {
    kind.disabled = true;
    rumorChoice.disabled = true;
    statementChoice.disabled = true;
  }

  /** Saves the text as a new draft or revision when it changed; returns the statement id. */
  const saveText = async (): Promise<string> => {
    if (!statement) {
      const accepted = await statements.draft(detail.id, {
        kind: kind.value as StatementKind,
        content: content(),
        referencesRumorId: kind.value === "Rebuttal" ? rumorChoice.value || null : null,
        referencesStatementId: kind.value === "Correction" || kind.value === "Retraction" ? statementChoice.value || null : null,
      });
      return accepted.id!;
    }
    if (dirty) await statements.revise(detail.id, statement.id, content());
    return statement.id;
  };

  const save = async (submit: boolean) => {
    if (submit) {
      const missing = missingRequired();
      if (missing) {
        languageTabs.select(missing);
        const field = inputs.get(missing)!.headline.value.trim() ? "body" : "headline";
        return form.showFieldProblem(`content.${missing}.${field}`, "statement.requiredMissing");
      }
    }
    if (Object.keys(content()).length === 0) return form.showFieldProblem(`content.${languageTabs.selected()}.headline`, "statement.contentMissing");
    const wasNew = !statement;
    if (!wasNew && !dirty && !submit) {
      notice.replaceChildren(h("p", { class: "notice", attrs: { role: "status" } }, tx("statement.noChanges")));
      return;
    }
    const id = await saveText();
    dirty = false;
    if (submit) {
      const fresh = await statements.get(detail.id, id);
      await statements.submit(detail.id, id, fresh.currentRevision);
    }
    if (wasNew) {
      navigate(routes.statement(detail.id, id));
      return;
    }
    await live.refreshDetail();
    notice.replaceChildren(h("p", { class: "notice", attrs: { role: "status" } }, tx(submit ? "statement.submitted" : "statement.saved")));
  };

  const submitForm = button("statement.submitForApproval", () => {
    void (async () => {
      form.clearErrors();
      saveButton.disabled = true;
      submitForm.disabled = true;
      try {
        await save(true);
      } catch (error) {
        form.showError(error);
      } finally {
        saveButton.disabled = !mayEdit();
        submitForm.disabled = !maySubmit();
      }
    })();
  }, "primary");
  submitForm.dataset["action"] = "submit-statement";
  const saveButton = submitButton(statement ? "statement.saveRevision" : "statement.save", "secondary");
  saveButton.dataset["action"] = "save-statement";
  const notice = h("div");
  const readOnlyNote = h("p", { class: "notice" });
  const voidNote = h("p", { class: "notice notice-warning" }, tx("statement.reviseVoids"));
  const startRevision = h("button", { class: "button button-secondary", attrs: { type: "button", "data-action": "start-revision" } });
  // Confirmed on the page (the dashboard opens no browser dialogs): the question, then Yes / Cancel.
  const confirmRow = h("div", { class: "confirm-row", attrs: { hidden: true, role: "group" } },
    h("p", { attrs: { id: uniqueId("confirm") } }, txt(() => t("statement.startRevisionConfirm", { n: approvalsAtStake() }))),
    h("div", { class: "form-actions" },
      button("statement.startRevisionYes", () => {
        unlocked = true;
        confirmRow.hidden = true;
        applyPermissions();
        inputs.get(languageTabs.selected() as Language)?.headline.focus();
      }, "danger"),
      button("common.cancel", () => {
        confirmRow.hidden = true;
        startRevision.focus();
      })));
  confirmRow.querySelector<HTMLButtonElement>(".button-danger")!.dataset["action"] = "confirm-start-revision";
  startRevision.addEventListener("click", () => {
    confirmRow.hidden = false;
    confirmRow.querySelector<HTMLButtonElement>("button")?.focus();
  });
  const lockedNote = h("div", { class: "notice notice-warning", attrs: { "data-testid": "approved-locked" } },
    h("p", null, txt(() => t("statement.lockedApproved", { n: approvalsAtStake() }))), startRevision, confirmRow);

  const applyPermissions = () => {
    const allowed = mayEdit();
    for (const c of inputs.values()) for (const control of [c.headline, c.body, c.instruction]) control.readOnly = !allowed;
    saveButton.disabled = !allowed;
    submitForm.disabled = !maySubmit();
    voidNote.hidden = !allowed || !statement || (statement.status !== "InReview" && statement.status !== "Approved");
    saveButton.hidden = !session.isPressOfficer;
    submitForm.hidden = !session.isPressOfficer;
    const showLock = session.isPressOfficer && locked() && detail.status !== "Closed";
    lockedNote.hidden = !showLock;
    replaceChildren(startRevision, txt(() => t("statement.startRevision", { n: approvalsAtStake() })));
    readOnlyNote.hidden = allowed || showLock;
    replaceChildren(readOnlyNote, !session.isPressOfficer ? tx("statement.readOnlyRole") : tx("statement.readOnlyStatus"));
  };

  form.add(
    h("h2", { attrs: { id: languageTabsId } }, statement ? tx(`statementKind.${statement.kind}` as MessageKey) : tx("statement.newTitle")),
    readOnlyNote,
    lockedNote,
    voidNote,
    h("div", { class: "field-row" }, kindField, rumorField, statementField),
    h("p", { class: "field-note" }, tx("statement.requiredLanguagesNote", { languages: detail.requiredLanguages.map((l) => l.toUpperCase()).join(", ") })),
    languageTabs.element,
    h("div", { class: "form-actions" }, saveButton, submitForm),
    notice);
  applyPermissions();

  return {
    element: form.element,
    updateFrom(next) {
      const newer = !statement || next.currentRevision !== statement.currentRevision;
      statement = next;
      if (newer && !dirty) {
        for (const [language, c] of inputs) {
          const text = next.revisions[next.revisions.length - 1]?.content[language];
          c.headline.value = text?.headline ?? "";
          c.body.value = text?.body ?? "";
          c.instruction.value = text?.instruction ?? "";
        }
        renderIndicators();
      } else if (newer && dirty) {
        notice.replaceChildren(h("p", { class: "notice notice-warning", attrs: { role: "status" } }, tx("statement.newerRevision", { n: next.currentRevision })));
      }
      applyPermissions();
    },
  };
}

function statusPanel(detail: IncidentDetail, statement: StatementView, live: LiveIncident,
  publishFormFor: (detail: IncidentDetail, statement: StatementView) => HTMLElement): HTMLElement {
  const revision = statement.revisions[statement.revisions.length - 1]!;
  const headingId = uniqueId("status-title");
  const approvals = revision.approvals;
  return h("section", { class: "panel", attrs: { "aria-labelledby": headingId, "data-testid": "statement-status" } },
    h("h2", { attrs: { id: headingId } }, tx("statement.statusTitle")),
    h("dl", { class: "facts facts-stacked" },
      h("dt", null, tx("statement.status")), h("dd", { attrs: { "data-testid": "statement-delivery" } }, statementTruthBadge(statement), failingPostsNote(statement)),
      h("dt", null, tx("statement.revision")), h("dd", null, String(statement.currentRevision)),
      h("dt", null, tx("statement.contentHash")), h("dd", null, h("code", { class: "hash" }, revision.contentHash)),
      h("dt", null, tx("statement.approvals")),
      h("dd", null, txt(() => t("statement.approvalsCount", { count: approvals.length, required: detail.approvalsRequired })),
        approvals.length ? h("ul", { class: "plain" }, approvals.map((a) => h("li", null, live.personName(a.approver), " — ", dateTimeText(a.at)))) : null),
      statement.publishedAt ? [h("dt", null, tx("statement.publishedAt")), h("dd", null, dateTimeText(statement.publishedAt))] : null),
    statement.rejections.length ? h("div", { class: "rejections" }, h("h3", null, tx("statement.rejections")),
      h("ul", { class: "plain" }, statement.rejections.map((r) => h("li", null,
        txt(() => t("statement.revisionN", { n: r.revision })), " — ", live.personName(r.by), ", ", dateTimeText(r.at), ": ", h("q", null, r.reason))))) : null,
    statement.status === "InReview" && session.isApprover
      ? appLink(routes.approvals(), { class: "button button-primary" }, tx("statement.reviewInQueue")) : null,
    statement.status === "Approved" && session.isPressOfficer && detail.status !== "Closed" ? publishFormFor(detail, statement) : null,
    statement.posts.length ? h("div", { class: "posts", attrs: { "data-testid": "channel-posts" } }, h("h3", null, tx("statement.posts")),
      h("ul", { class: "plain" }, statement.posts.map((p) => h("li", { attrs: { "data-channel": p.channel, "data-language": p.language, "data-status": p.status } },
        txt(() => postName(p)), " — ", tx(`postStatus.${p.status}` as MessageKey))))) : null);
}

// Offers exactly the channels the server has configured (GET channels), none ticked: a channel that is switched off
// or has nowhere to send one of the revision's languages is shown but cannot be chosen, with the reason beside it.
function publishForm(detail: IncidentDetail, statement: StatementView, live: LiveIncident): HTMLElement {
  const revision = statement.revisions[statement.revisions.length - 1]!;
  const revisionLanguages = languages.filter((l) => revision.content[l]);
  const choices = h("div", { class: "channel-choices", attrs: { "data-testid": "publish-channels" } }, h("p", { class: "muted" }, tx("statement.channelsLoading")));
  let boxes: HTMLInputElement[] = [];
  const form: FormView = new FormView(async () => {
    const channels = boxes.filter((b) => b.checked).map((b) => b.value);
    if (channels.length === 0) return form.showFieldProblem("channels", "statement.chooseChannel");
    await statements.publish(detail.id, statement.id, revision.number, revision.contentHash, channels);
    await live.refreshDetail();
  }, { class: "publish-form", labelKey: "statement.publishTitle" });
  const publish = submitButton("statement.publish");
  publish.disabled = true;
  form.add(
    h("fieldset", { class: "fieldset" }, h("legend", null, tx("statement.channels")), choices, form.errorSlotFor("channels")),
    h("div", { class: "form-actions" }, publish));

  void (async () => {
    let channels: PublishableChannel[];
    try {
      channels = await incidents.channels(detail.id);
    } catch (error) {
      replaceChildren(choices, alertBox(error));
      return;
    }
    boxes = [];
    const rows = channels.map((channel) => {
      const missing = revisionLanguages.filter((l) => !channel.languages.includes(l));
      const box = checkbox(false);
      box.value = channel.code;
      box.id = uniqueId("channel");
      box.disabled = !channel.enabled || missing.length > 0;
      boxes.push(box);
      const note = () => !channel.enabled ? t("statement.channelOff")
        : missing.length ? t("statement.channelMissingLanguages", { languages: missing.map((l) => l.toUpperCase()).join(", ") })
        : [t("statement.channelLanguages", { languages: channel.languages.map((l) => l.toUpperCase()).join(", ") }),
          channel.failing ? t("statement.channelFailing", { n: channel.failing }) : channel.delivered ? t("statement.channelHealthy", { n: channel.delivered }) : null]
          .filter((part) => part).join("; ");
      return h("div", { class: "field field-check", attrs: { "data-channel": channel.code, "data-enabled": channel.enabled } },
        box, h("label", { attrs: { for: box.id } }, txt(() => channelName(channel.code)),
          h("span", { class: "channel-choice-note" }, txt(note))));
    });
    replaceChildren(choices, rows.length ? rows : h("p", { class: "notice notice-warning" }, tx("statement.noChannels")));
    publish.disabled = !boxes.some((b) => !b.disabled);
  })();
  return form.element;
}

function historyPanel(statement: StatementView, live: LiveIncident): HTMLElement {
  const headingId = uniqueId("history-title");
  const revisions = [...statement.revisions].reverse();
  return h("section", { class: "panel", attrs: { "aria-labelledby": headingId, "data-testid": "revision-history" } },
    h("h2", { attrs: { id: headingId } }, tx("statement.history")),
    h("ol", { class: "revision-list", attrs: { reversed: true } }, revisions.map((r) => h("li", { attrs: { "data-revision": r.number } },
      h("div", null, h("strong", null, txt(() => t("statement.revisionN", { n: r.number }))), " — ", live.personName(r.author), ", ", dateTimeText(r.at)),
      h("div", { class: "revision-meta" }, tx("statement.contentHash"), ": ", h("code", { class: "hash" }, r.contentHash)),
      r.submittedAt ? h("div", { class: "revision-meta" }, tx("statement.submittedBy"), " ", live.personName(r.submittedBy ?? ""), ", ", dateTimeText(r.submittedAt)) : null,
      r.approvals.length ? h("div", { class: "revision-meta" }, tx("statement.approvedBy"), " ", r.approvals.map((a) => live.personName(a.approver)).join(", ")) : null))),
    h("h3", null, tx("diff.title")),
    revisionComparer(statement.revisions));
}
