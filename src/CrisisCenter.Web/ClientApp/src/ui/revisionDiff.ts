// The difference between two revisions of a statement, word by word, per language and field.
import { languages, type RevisionView, type StatementText } from "../api/types";
import { t, tx, type MessageKey } from "../i18n/i18n";
import { wordDiff } from "../text/wordDiff";
import { h, replaceChildren, uniqueId } from "./dom";
import { select } from "./forms";

const fields: (keyof StatementText)[] = ["headline", "body", "instruction"];

export function diffView(before: RevisionView, after: RevisionView): HTMLElement {
  const sections: HTMLElement[] = [];
  for (const language of languages) {
    const a = before.content[language];
    const b = after.content[language];
    if (!a && !b) continue;
    const rows: HTMLElement[] = [];
    for (const field of fields) {
      const textA = a?.[field] ?? "";
      const textB = b?.[field] ?? "";
      if (!textA && !textB) continue;
      const parts = wordDiff(textA, textB);
      const changed = parts.some((p) => p.op !== "same");
      rows.push(h("div", { class: ["diff-field", changed ? "changed" : "unchanged"] },
        h("div", { class: "diff-label" }, tx(`statement.${field}` as MessageKey), changed ? null : [" — ", tx("diff.unchanged")]),
        h("p", { class: "diff-text", attrs: { lang: language } }, parts.map((part) =>
          part.op === "same" ? document.createTextNode(part.text)
          : part.op === "added" ? h("ins", null, h("span", { class: "visually-hidden" }, tx("diff.added")), part.text)
          : h("del", null, h("span", { class: "visually-hidden" }, tx("diff.removed")), part.text)))));
    }
    sections.push(h("section", { class: "diff-language", attrs: { "data-language": language } },
      h("h4", null, tx(`language.${language}` as MessageKey)), rows));
  }
  return h("div", { class: "diff", attrs: { "data-testid": "revision-diff" } }, sections);
}

/** Two revision pickers and the difference between them (default: the previous revision against the current one). */
export function revisionComparer(revisions: readonly RevisionView[]): HTMLElement {
  if (revisions.length < 2) return h("p", { class: "muted" }, tx("diff.needTwo"));
  const options = revisions.map((r) => ({ value: String(r.number), label: () => t("statement.revisionN", { n: r.number }) }));
  const from = select(options, String(revisions[revisions.length - 2]!.number));
  const to = select(options, String(revisions[revisions.length - 1]!.number));
  from.id = uniqueId("diff-from");
  to.id = uniqueId("diff-to");
  const output = h("div", { attrs: { "aria-live": "polite" } });
  const render = () => {
    const a = revisions.find((r) => String(r.number) === from.value)!;
    const b = revisions.find((r) => String(r.number) === to.value)!;
    replaceChildren(output, diffView(a, b));
  };
  from.addEventListener("change", render);
  to.addEventListener("change", render);
  render();
  return h("div", { class: "comparer" },
    h("div", { class: "field-row" },
      h("div", { class: "field" }, h("label", { attrs: { for: from.id } }, tx("diff.from")), from),
      h("div", { class: "field" }, h("label", { attrs: { for: to.id } }, tx("diff.to")), to)),
    output);
}
