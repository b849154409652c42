// How a statement is named in lists: its kind, status, revision and headline.
import type { Language, StatementView } from "../api/types";
import { routes } from "../app/router";
import { currentLanguage, follow, t, tx, type MessageKey } from "../i18n/i18n";
import { appLink, h } from "./dom";
import { failingPostsNote, statementTruthBadge } from "./deliveryTruth";

/** The headline of the current revision in the interface language, else in the first language it has. */
export function headlineOf(statement: StatementView, language: Language = currentLanguage()): string {
  const content = statement.revisions[statement.revisions.length - 1]?.content ?? {};
  return content[language]?.headline || content.kk?.headline || content.ru?.headline || content.en?.headline || "";
}

export function statementListItem(incidentId: string, statement: StatementView): HTMLElement {
  const headline = follow(h("span", { class: "statement-headline" }), (span) => (span.textContent = headlineOf(statement) || t("statement.noHeadline")));
  return h("li", { class: "statement-item", attrs: { "data-statement-id": statement.id, "data-status": statement.status } },
    appLink(routes.statement(incidentId, statement.id), { class: "statement-link" },
      h("span", { class: "statement-kind" }, tx(`statementKind.${statement.kind}` as MessageKey)), " — ", headline),
    h("div", { class: "statement-meta" }, statementTruthBadge(statement), " ",
      tx("statement.revisionN", { n: statement.currentRevision })),
    failingPostsNote(statement));
}
