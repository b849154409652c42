// A date or date-and-time field on the office's terms: typed as dd.MM.yyyy [HH:mm[:ss]] and meant in the chosen time
// zone (the office's, CrisisCenter:TimeZone, unless the user picked another), with the format and the zone written
// next to it. Native <input type=date|datetime-local> would show and parse in the browser's locale (mm/dd/yyyy and
// a.m./p.m. in an en-US browser) and hand back a wall time the browser's own zone tends to leak into.
import { formatWallTime, parseWallTime, utcToZonedWallTimeWithSeconds, zonedWallTimeToUtc, zoneLabel } from "../i18n/format";
import { currentTimeZone, follow, localizeAttribute, t, type MessageKey } from "../i18n/i18n";
import { h } from "./dom";

export type DatePrecision = "date" | "minutes" | "seconds";

export interface DateEntry {
  input: HTMLInputElement;
  /** "dd.mm.yyyy, Asia/Almaty, UTC+05:00": put it in the field's label (it follows language and zone changes). */
  format: HTMLElement;
  /** The instant typed, in the chosen zone (midnight starting the day for a date); null when empty, undefined when
   * the text is not a date (or time) at all. */
  instant(): Date | null | undefined;
  /** Writes `instant` (null: empty) as the chosen zone's wall time. */
  show(instant: Date | null): void;
  /** The message to show when `instant()` is undefined. */
  readonly problem: MessageKey;
}

const formatKeys: Record<DatePrecision, MessageKey> = {
  date: "dateEntry.dateFormat",
  minutes: "dateEntry.dateTimeFormat",
  seconds: "dateEntry.dateTimeSecondsFormat",
};

export function dateEntry(precision: DatePrecision, attrs: Record<string, string> = {}): DateEntry {
  const withTime = precision !== "date";
  const input = h("input", {
    class: ["date-entry", `date-entry-${precision}`],
    attrs: { type: "text", autocomplete: "off", spellcheck: "false", maxlength: 19, ...attrs },
  });
  localizeAttribute(input, "placeholder", formatKeys[precision]);

  let zone = currentTimeZone();
  const read = (inZone: string): Date | null | undefined => {
    if (input.value.trim() === "") return null;
    const wall = parseWallTime(input.value, withTime);
    return wall ? (zonedWallTimeToUtc(wall, inZone) ?? undefined) : undefined;
  };
  const show = (instant: Date | null) => {
    input.value = instant ? formatWallTime(utcToZonedWallTimeWithSeconds(instant, currentTimeZone()), precision) : "";
  };
  // Another zone chosen: the same instant is now written on the new zone's clock (a date stays the date typed).
  follow(input, () => {
    const next = currentTimeZone();
    if (next === zone) return;
    const before = withTime ? read(zone) : undefined;
    zone = next;
    if (before) show(before);
  });
  const format = h("span", { class: "date-format" });
  follow(format, (node) => (node.textContent = t("dateEntry.zone", { format: t(formatKeys[precision]), zone: zoneLabel() })));

  return {
    input,
    format,
    instant: () => read(currentTimeZone()),
    show,
    problem: withTime ? "validation.dateTime" : "validation.date",
  };
}
