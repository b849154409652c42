// The approvals queue: for every revision waiting for this approver, the exact text in every language, its
// content hash and author; approving sends the revision and hash shown here, so what was read is what is approved.
import { approvals, incidents, statements } from "../api/endpoints";
import { ApiError } from "../api/http";
import { languages, type PendingApproval, type RevisionView, type StatementView, type TimelineEntry } from "../api/types";
import { agencyName } from "../app/reference";
import { routes } from "../app/router";
import { session } from "../app/session";
import { dateTimeText } from "../i18n/format";
import { t, tx, txt, type MessageKey } from "../i18n/i18n";
import type { Feed, TimelineHub } from "../live/timelineHub";
import { severityBadge } from "../ui/badges";
import { appLink, h, replaceChildren, uniqueId } from "../ui/dom";
import { feedStatus } from "../ui/feedStatus";
import { keepingFocus } from "../ui/focus";
import { alertBox, FormView, isBlank, submitButton, textArea } from "../ui/forms";
import { isAbort, ScreenScope, type Screen } from "./screen";

/** Dispatched on window when this approver approved or rejected something (the menu's pending count reloads). */
export const approvalsChangedEvent = "crisiscenter:approvals-changed";

const keyOf = (p: { statementId: string; revision: number }) => `${p.statementId}@${p.revision}`;

export function approvalsScreen(hub: TimelineHub): Screen {
  const scope = new ScreenScope();
  const headingId = uniqueId("approvals-title");
  const status = feedStatus(hub);
  scope.add(status.dispose);
  const list = h("div", { class: "approval-list", attrs: { "data-testid": "approvals" } });
  const problem = h("div");
  const names = new Map<string, string>();
  const cards = new Map<string, HTMLElement>();
  const outdatedNotes = new Map<string, HTMLElement>();
  const finished = new Set<string>();
  const approvalCounts = new Map<string, () => void>();
  let feed: Feed | null = null;

  const personName = (id: string) => names.get(id) ?? id;

  // Names come from the incidents' timelines (the approval queue carries user ids).
  const learnNames = async (incidentIds: string[]) => {
    await Promise.all([...new Set(incidentIds)].map(async (id) => {
      try {
        const entries: TimelineEntry[] = await incidents.timeline(id, null, 1000, scope.signal);
        for (const e of entries) if (e.actorName) names.set(e.actorId, e.actorName);
      } catch {
        // names stay ids
      }
    }));
  };

  const load = async () => {
    try {
      const pending = await approvals.queue(scope.signal);
      await learnNames(pending.map((p) => p.incidentId));
      problem.replaceChildren();
      const wanted = new Set(pending.map(keyOf));
      // Cards of revisions no longer waiting stay while the approver may be reading them, marked as outdated.
      for (const [key, card] of cards) {
        if (wanted.has(key) || finished.has(key)) continue;
        const newer = pending.find((p) => key.startsWith(p.statementId + "@"));
        const note = outdatedNotes.get(key);
        if (note) replaceChildren(note, newer ? tx("approvals.outdatedNewer", { n: newer.revision }) : tx("approvals.noLongerWaiting"));
        note?.removeAttribute("hidden");
        card.classList.add("outdated");
      }
      for (const item of pending) {
        const key = keyOf(item);
        if (cards.has(key)) continue;
        const card = await approvalCard(item);
        cards.set(key, card);
      }
      const ordered = [...cards.entries()].sort(([a], [b]) => Number(wanted.has(b)) - Number(wanted.has(a)));
      keepingFocus(() => replaceChildren(list, ordered.length ? ordered.map(([, card]) => card) : h("p", { class: "empty" }, tx("approvals.empty"))));
      if (!feed) {
        feed = hub.followBoard(null, { onItem: () => refreshSoon(), onState: (state, error) => status.update(state, error) });
        scope.add(() => feed?.close());
      }
    } catch (error) {
      if (isAbort(error)) return;
      replaceChildren(problem, alertBox(error));
    }
  };
  const refreshSoon = scope.debounce(() => void load(), 300);

  const approvalCard = async (item: PendingApproval): Promise<HTMLElement> => {
    const key = keyOf(item);
    let statement: StatementView | null = null;
    let loadError: unknown = null;
    try {
      statement = await statements.get(item.incidentId, item.statementId, scope.signal);
    } catch (error) {
      loadError = error;
    }
    const revision = statement?.revisions.find((r) => r.number === item.revision) ?? null;
    const cardHeadingId = uniqueId("approval");
    const outdated = h("p", { class: "notice notice-warning", attrs: { role: "status", hidden: true, "data-testid": "outdated-note" } });
    outdatedNotes.set(key, outdated);
    const result = h("div", { attrs: { "aria-live": "polite" } });
    const approvalCount = h("dd", { attrs: { "data-testid": "approval-count" } });
    const showApprovals = (approvers: string[]) => replaceChildren(approvalCount,
      txt(() => t("statement.approvalsCount", { count: approvers.length, required: item.approvalsRequired })),
      approvers.length ? [" (", approvers.map(personName).join(", "), ")"] : null);
    showApprovals(item.approvedBy);
    approvalCounts.set(key, () => {
      const me = session.user;
      if (!me) return;
      names.set(me.userId, me.displayName);
      showApprovals([...item.approvedBy, me.userId]);
    });
    const card = h("article", { class: "panel approval-card", attrs: { "aria-labelledby": cardHeadingId, "data-statement-id": item.statementId, "data-revision": item.revision } },
      h("header", { class: "approval-header" },
        h("h2", { attrs: { id: cardHeadingId } },
          tx(`statementKind.${item.kind}` as MessageKey), " — ", txt(() => t("statement.revisionN", { n: item.revision }))),
        severityBadge(item.severity)),
      h("p", { class: "approval-incident" },
        appLink(routes.incident(item.incidentId), null, h("span", { class: "code" }, item.incidentCode), " ", item.incidentTitle),
        " · ", txt(() => agencyName(item.leadAgency))),
      h("dl", { class: "facts" },
        h("dt", null, tx("statement.author")), h("dd", { class: "approval-author" }, personName(item.author)),
        h("dt", null, tx("statement.submittedBy")), h("dd", null, personName(item.submittedBy), ", ", dateTimeText(item.submittedAt)),
        h("dt", null, tx("statement.approvals")), approvalCount,
        h("dt", null, tx("statement.contentHash")), h("dd", null, h("code", { class: "hash", attrs: { "data-testid": "content-hash" } }, item.contentHash))),
      outdated,
      revision ? revisionText(revision) : alertBox(loadError ?? new ApiError(404, "", t("approvals.revisionMissing"), {}, null)),
      revision && revision.contentHash !== item.contentHash
        ? h("p", { class: "notice notice-warning" }, tx("approvals.hashMismatch")) : null,
      h("div", { class: "approval-actions" },
        approveForm(item, result, () => done(key, "approvals.approved")),
        rejectForm(item, result, () => done(key, "approvals.rejected"))),
      result);
    return card;
  };

  const done = (key: string, message: MessageKey) => {
    const card = cards.get(key);
    if (!card) return;
    finished.add(key);
    // The count says at once that this approval was added; the pending count in the menu follows.
    if (message === "approvals.approved") approvalCounts.get(key)?.();
    window.dispatchEvent(new Event(approvalsChangedEvent));
    card.classList.add("done");
    for (const control of card.querySelectorAll<HTMLButtonElement | HTMLTextAreaElement>("button, textarea")) control.disabled = true;
    const note = outdatedNotes.get(key);
    if (note) {
      note.hidden = false;
      note.className = "notice notice-success";
      replaceChildren(note, tx(message));
      note.tabIndex = -1;
      note.focus();
    }
    window.setTimeout(() => {
      cards.delete(key);
      card.remove();
      if (cards.size === 0) replaceChildren(list, h("p", { class: "empty" }, tx("approvals.empty")));
    }, 3000);
  };

  const element = h("section", { class: "screen approvals", attrs: { "aria-labelledby": headingId } },
    h("div", { class: "screen-header" }, h("h1", { attrs: { id: headingId } }, tx("approvals.title")), status.element),
    h("p", { class: "lead" }, tx("approvals.intro")),
    problem, list);
  void load();
  return { element, title: () => t("approvals.title"), dispose: () => scope.dispose() };
}

/** The exact text of the revision, every language it has, as written (never as markup). */
export function revisionText(revision: RevisionView): HTMLElement {
  return h("div", { class: "revision-text", attrs: { "data-testid": "revision-text" } },
    languages.filter((l) => revision.content[l]).map((language) => {
      const text = revision.content[language]!;
      return h("section", { class: "revision-language", attrs: { lang: language, "data-language": language } },
        h("h3", { attrs: { lang: document.documentElement.lang } }, tx(`language.${language}` as MessageKey)),
        h("p", { class: "revision-headline" }, text.headline),
        h("p", { class: "revision-body" }, text.body),
        text.instruction ? h("p", { class: "revision-instruction" }, h("span", { class: "label", attrs: { lang: document.documentElement.lang } }, tx("statement.instruction"), ": "), text.instruction) : null);
    }));
}

function approveForm(item: PendingApproval, result: HTMLElement, onDone: () => void): HTMLElement {
  const form: FormView = new FormView(async () => {
    await statements.approve(item.incidentId, item.statementId, item.revision, item.contentHash);
    result.replaceChildren();
    onDone();
  }, { class: "approve-form" });
  const approve = submitButton("approvals.approve", "primary");
  approve.dataset["action"] = "approve";
  form.add(h("p", { class: "field-note" }, tx("approvals.approveNote", { revision: item.revision })), h("div", { class: "form-actions" }, approve));
  return form.element;
}

function rejectForm(item: PendingApproval, result: HTMLElement, onDone: () => void): HTMLElement {
  const reason = textArea({ rows: 2, maxLength: 500 });
  const form: FormView = new FormView(async () => {
    if (isBlank(reason.value)) return form.showFieldProblem("reason", "validation.required");
    await statements.reject(item.incidentId, item.statementId, item.revision, reason.value.trim());
    result.replaceChildren();
    onDone();
  }, { class: "reject-form" });
  const reject = submitButton("approvals.reject", "danger");
  reject.dataset["action"] = "reject";
  form.add(form.field("reason", "approvals.rejectReason", reason, { required: true }), h("div", { class: "form-actions" }, reject));
  return form.element;
}
