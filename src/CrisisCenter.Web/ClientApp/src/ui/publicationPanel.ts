// "Publication / deliveries": every published statement as a channel × language grid of delivery states, redrawn
// whenever the incident's state is re-read (after each live timeline entry). Press officers of the incident may hand
// an abandoned post back to the dispatcher, and resolve an uncertain one (confirm it went out, or send it again after
// a dialog that spells out the risk of a duplicate). The server decides again; its refusals show in the panel.
import { channelPosts } from "../api/endpoints";
import { languages, type ChannelPost, type IncidentDetail, type Language, type StatementView } from "../api/types";
import type { LiveIncident } from "../app/liveIncident";
import { session } from "../app/session";
import { timeElement } from "../i18n/format";
import { channelName, follow, t, tx, txt, type MessageKey } from "../i18n/i18n";
import { languageBadge } from "./badges";
import { h, replaceChildren, safeExternalLink, uniqueId } from "./dom";
import { keepingFocus } from "./focus";
import { alertBox, button, FormView, submitButton, textArea, textInput } from "./forms";

export interface PublicationPanel {
  element: HTMLElement;
}

/** Only press officers of the lead or a participating agency act on posts, and not on a closed incident. */
export function mayActOnPosts(detail: IncidentDetail): boolean {
  const agency = session.user?.agencyCode;
  return session.isPressOfficer && !!agency && detail.status !== "Closed"
    && (detail.leadAgency === agency || detail.participatingAgencies.includes(agency));
}

export function publicationPanel(live: LiveIncident, initial: IncidentDetail): PublicationPanel {
  const headingId = uniqueId("publication-title");
  const problem = h("div", { class: "publication-problem" });
  const grid = h("div", { class: "publication-grid" });
  const dialogHost = h("div");
  const element = h("section", { class: "panel publication-panel", attrs: { "aria-labelledby": headingId, "data-testid": "publication" } },
    h("h2", { attrs: { id: headingId } }, tx("publication.title")),
    problem, grid, dialogHost);
  let detail = initial;

  const act = async (action: () => Promise<unknown>) => {
    problem.replaceChildren();
    try {
      await action();
      await live.refreshDetail();
    } catch (error) {
      replaceChildren(problem, alertBox(error));
    }
  };

  const openDialog = (post: ChannelPost, mode: "resend" | "confirm") => {
    replaceChildren(dialogHost, postDialog(detail.id, post, mode, act, () => dialogHost.replaceChildren()));
    dialogHost.querySelector<HTMLDialogElement>("dialog")?.showModal();
  };

  const render = () => keepingFocus(() => {
    const published = detail.statements.filter((s) => s.posts.length > 0);
    const mayAct = mayActOnPosts(detail);
    replaceChildren(grid, published.length
      ? published.slice().reverse().map((s) => statementDeliveries(s, mayAct, {
        retry: (post) => void act(() => channelPosts.retry(detail.id, post.id, null)),
        resend: (post) => openDialog(post, "resend"),
        confirm: (post) => openDialog(post, "confirm"),
      }))
      : h("p", { class: "muted" }, tx("publication.none")));
  });

  render();
  live.onDetail((next) => {
    detail = next;
    render();
  });
  return { element };
}

interface PostActions {
  retry(post: ChannelPost): void;
  resend(post: ChannelPost): void;
  confirm(post: ChannelPost): void;
}

function statementDeliveries(statement: StatementView, mayAct: boolean, actions: PostActions): HTMLElement {
  const channels = [...new Set(statement.posts.map((p) => p.channel))];
  const postLanguages = languages.filter((l) => statement.posts.some((p) => p.language === l));
  const revision = statement.revisions.find((r) => r.number === (statement.publishedRevision ?? statement.currentRevision));
  const headline = revision ? (revision.content[postLanguages[0] as Language]?.headline ?? "") : "";
  const cell = (channel: string, language: Language) => {
    const posts = statement.posts.filter((p) => p.channel === channel && p.language === language);
    // The language rides on the cell too: on a phone the table reflows and the column headings are gone.
    return h("td", { attrs: { "data-label": language.toUpperCase() } }, posts.length ? posts.map((p) => postCell(p, mayAct, actions)) : h("span", { class: "muted" }, "—"));
  };
  return h("div", { class: "publication-statement", attrs: { "data-statement-id": statement.id } },
    h("h3", null, txt(() => `${t(`statementKind.${statement.kind}` as MessageKey)} · ${t("statement.revisionN", { n: revision?.number ?? statement.currentRevision })}`),
      headline ? [" — ", h("span", { class: "publication-headline" }, headline)] : null),
    h("table", { class: "publication-table" },
      h("thead", null, h("tr", null,
        h("th", { attrs: { scope: "col" } }, tx("statement.channels")),
        postLanguages.map((l) => h("th", { attrs: { scope: "col" } }, languageBadge(l))))),
      h("tbody", null, channels.map((channel) => h("tr", null,
        h("th", { attrs: { scope: "row" } }, txt(() => channelName(channel))),
        postLanguages.map((l) => cell(channel, l)))))));
}

function postCell(post: ChannelPost, mayAct: boolean, actions: PostActions): HTMLElement {
  const status = post.status;
  const needsOperator = status === "Abandoned" || status === "Uncertain";
  return h("div", {
    class: ["post-cell", needsOperator ? "post-needs-operator" : null],
    attrs: { "data-post-id": post.id, "data-status": status, "data-channel": post.channel, "data-language": post.language },
  },
    h("span", { class: ["badge", `post-${status.toLowerCase()}`] }, tx(`postStatus.${status}` as MessageKey)),
    post.attempts > 0 ? h("span", { class: "post-attempts" }, tx("publication.attempts", { count: post.attempts })) : null,
    status === "Failed" && post.nextRetryAt ? h("div", { class: "post-note" }, tx("publication.nextAttempt"), " ", timeElement(post.nextRetryAt)) : null,
    status === "Scheduled" && post.notBefore ? h("div", { class: "post-note" }, tx("publication.scheduledFor"), " ", timeElement(post.notBefore)) : null,
    status === "Delivered" && post.url ? h("div", { class: "post-note" }, safeExternalLink(post.url)) : null,
    (status === "Failed" || status === "Abandoned") && post.lastError ? h("div", { class: "post-error" }, post.lastError) : null,
    status === "Uncertain" && post.note ? h("div", { class: "post-error" }, post.note) : null,
    mayAct && status === "Abandoned"
      ? h("div", { class: "post-actions" }, withAction(button("publication.retry", () => actions.retry(post), "primary"), "retry", post))
      : null,
    mayAct && status === "Uncertain"
      ? h("div", { class: "post-actions" },
        withAction(button("publication.confirm", () => actions.confirm(post), "primary"), "confirm-delivered", post),
        withAction(button("publication.sendAgain", () => actions.resend(post), "danger"), "send-again", post))
      : null);
}

function withAction(element: HTMLButtonElement, action: string, post?: ChannelPost): HTMLButtonElement {
  element.dataset["action"] = action;
  // Several posts show the same buttons: the accessible name says which post each acts on ("Retry: Telegram (KK)").
  if (post) follow(element, (b) => b.setAttribute("aria-label", `${b.textContent ?? ""}: ${channelName(post.channel)} (${post.language.toUpperCase()})`));
  return element;
}

/** A modal dialog: "send again" warns that the post may already be out; "confirm" asks what the operator found. */
function postDialog(
  incidentId: string, post: ChannelPost, mode: "resend" | "confirm",
  act: (action: () => Promise<unknown>) => Promise<void>, close: () => void,
): HTMLDialogElement {
  const externalId = textInput({ maxLength: 2000 });
  const url = textInput({ maxLength: 2000, type: "url" });
  const note = textArea({ rows: 2, maxLength: 4000 });
  const dialog = h("dialog", { class: "post-dialog", attrs: { "data-testid": "post-dialog" } });
  const form: FormView = new FormView(async () => {
    const text = (value: string) => (value.trim() ? value.trim() : null);
    if (mode === "resend") {
      await channelPosts.retry(incidentId, post.id, text(note.value));
    } else {
      await channelPosts.confirmDelivered(incidentId, post.id, { externalId: text(externalId.value), url: text(url.value), note: text(note.value) });
    }
    dialog.close();
    await act(async () => {});
  }, { labelKey: mode === "resend" ? "publication.sendAgainTitle" : "publication.confirmTitle" });
  form.add(
    h("p", { class: "post-dialog-target" }, txt(() => channelName(post.channel)), " ", languageBadge(post.language)),
    h("p", { class: mode === "resend" ? "post-dialog-warning" : "field-note" },
      tx(mode === "resend" ? "publication.sendAgainRisk" : "publication.confirmExplain")),
    mode === "confirm" ? form.field("externalId", "publication.externalId", externalId) : null,
    mode === "confirm" ? form.field("url", "publication.url", url) : null,
    form.field("note", "publication.note", note),
    h("div", { class: "form-actions" },
      submitButton(mode === "resend" ? "publication.sendAgainConfirm" : "publication.confirmConfirm", mode === "resend" ? "danger" : "primary"),
      button("common.cancel", () => dialog.close())));
  dialog.appendChild(form.element);
  dialog.addEventListener("close", close);
  return dialog;
}
