// An incident's timeline, newest first: each entry with its time, kind, actor, agency and language.
import { languages, type Language, type TimelineEntry, type TimelineKind } from "../api/types";
import { agencyName } from "../app/reference";
import { timeElement } from "../i18n/format";
import { follow, localizeAttribute, t, tx, txt, type MessageKey } from "../i18n/i18n";
import { describeEntry, type KindLookup } from "../i18n/timelineText";
import { languageBadge } from "./badges";
import { h, replaceChildren, safeExternalLink, uniqueId } from "./dom";
import { select } from "./forms";

/** The entry's language; a statement revision names the languages it has text in (one headline each). */
function languagesOf(entry: TimelineEntry): Language[] {
  if (entry.language) return [entry.language];
  return languages.filter((language) => entry.details?.[`headline.${language}`] !== undefined);
}

const kinds: TimelineKind[] = ["situation-update", "statement", "approval", "channel-post", "rumor", "incident"];
const pageSize = 200;

export interface TimelineList {
  element: HTMLElement;
  /** Adds a live entry at the top, marked as new. */
  add(entry: TimelineEntry): void;
}

export function timelineList(initial: readonly TimelineEntry[], kindOf: KindLookup, personName: (id: string) => string): TimelineList {
  const entries = [...initial];
  let shown = pageSize;
  let kindFilter = "";
  const list = h("ol", { class: "timeline", attrs: { "data-testid": "timeline", reversed: true } });
  localizeAttribute(list, "aria-label", "timeline.title");
  const more = h("button", { class: "button button-secondary", attrs: { type: "button" }, on: { click: () => { shown += pageSize; render(); } } }, tx("timeline.showOlder"));
  const filter = select([{ value: "", label: () => t("timeline.allKinds") }, ...kinds.map((k) => ({ value: k, label: () => t(`timelineKind.${k}` as MessageKey) }))], "");
  filter.id = uniqueId("timeline-filter");
  filter.addEventListener("change", () => {
    kindFilter = filter.value;
    render();
  });

  const item = (entry: TimelineEntry, isNew: boolean) => {
    const text = follow(h("p", { class: "tl-text" }), (p) => (p.textContent = describeEntry(entry, kindOf).text));
    const { quote, link, alert } = describeEntry(entry, kindOf);
    const actor = entry.actorName ?? personName(entry.actorId);
    return h("li", {
      class: ["tl-entry", `kind-${entry.kind}`, isNew ? "fresh" : null, alert ? "tl-alert" : null],
      attrs: { "data-position": entry.position, "data-type": entry.type, "data-kind": entry.kind },
    },
      h("div", { class: "tl-meta" },
        timeElement(entry.at),
        h("span", { class: "tl-kind" }, tx(`timelineKind.${entry.kind}` as MessageKey)),
        h("span", { class: "tl-actor" }, actor),
        entry.agencyCode ? h("span", { class: "tl-agency" }, txt(() => agencyName(entry.agencyCode!))) : null,
        languagesOf(entry).map(languageBadge)),
      text,
      link ? h("p", { class: "tl-link" }, safeExternalLink(link)) : null,
      quote ? h("blockquote", { class: "tl-quote", attrs: { lang: entry.language ?? undefined } }, quote) : null);
  };

  const fresh = new Set<number>();
  const render = () => {
    const visible = entries.filter((e) => !kindFilter || e.kind === kindFilter);
    const newestFirst = visible.slice(-shown).reverse();
    replaceChildren(list, newestFirst.length
      ? newestFirst.map((e) => item(e, fresh.has(e.position)))
      : h("li", { class: "empty" }, tx("timeline.empty")));
    more.hidden = visible.length <= shown;
  };

  render();
  const element = h("div", { class: "timeline-box" },
    h("div", { class: "timeline-tools" }, h("label", { attrs: { for: filter.id } }, tx("timeline.filter")), filter),
    list, more);
  return {
    element,
    add(entry) {
      entries.push(entry);
      fresh.add(entry.position);
      window.setTimeout(() => {
        fresh.delete(entry.position);
        list.querySelector(`li[data-position="${entry.position}"]`)?.classList.remove("fresh");
      }, 5000);
      render();
    },
  };
}
