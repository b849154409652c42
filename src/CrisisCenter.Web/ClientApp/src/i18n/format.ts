// Times in the chosen time zone and durations in the interface language.
import { currentTimeZone, locale, t, txt } from "./i18n";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: "dateTime" | "time" | "date"): Intl.DateTimeFormat {
  const key = `${kind}|${locale()}|${currentTimeZone()}`;
  let result = formatters.get(key);
  if (!result) {
    const options: Intl.DateTimeFormatOptions =
      kind === "time" ? { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }
      : kind === "date" ? { year: "numeric", month: "2-digit", day: "2-digit" }
      : { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    result = new Intl.DateTimeFormat(locale(), { ...options, timeZone: currentTimeZone() });
    formatters.set(key, result);
  }
  return result;
}

export const formatDateTime = (iso: string): string => formatter("dateTime").format(new Date(iso));
export const formatTime = (iso: string): string => formatter("time").format(new Date(iso));

/** Date and time, live: follows language and time zone changes. */
export const dateTimeText = (iso: string): Text => txt(() => formatDateTime(iso));
export const timeText = (iso: string): Text => txt(() => formatTime(iso));

/** A <time> element with the machine-readable instant and the local rendering. */
export function timeElement(iso: string, withDate = true): HTMLTimeElement {
  const element = document.createElement("time");
  element.dateTime = iso;
  element.appendChild(txt(() => (withDate ? formatDateTime(iso) : formatTime(iso))));
  return element;
}

/** Seconds in a .NET TimeSpan as JSON writes it: "[-][d.]hh:mm:ss[.fffffff]". */
export function parseTimeSpan(value: string | null | undefined): number | null {
  if (!value) return null;
  const match = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(value);
  if (!match) return null;
  const [, sign, days, hours, minutes, seconds, fraction] = match;
  const total = Number(days ?? 0) * 86400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds) + Number(`0.${fraction ?? 0}`);
  return sign ? -total : total;
}

/** "1 h 05 min", "3 min 20 s", "45 s" in the interface language. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (days > 0) return t("duration.daysHours", { d: days, h: hours });
  if (hours > 0) return t("duration.hoursMinutes", { h: hours, m: minutes });
  // Seconds stop mattering once minutes reach two digits.
  if (minutes >= 10 || (minutes > 0 && rest === 0)) return t("duration.minutes", { m: minutes });
  if (minutes > 0) return t("duration.minutesSeconds", { m: minutes, s: rest });
  return t("duration.seconds", { s: rest });
}

/** The UTC instant of a wall-clock time ("2026-05-01T14:30" from <input type=datetime-local>) in `zone`. */
export function zonedWallTimeToUtc(wallTime: string, zone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wallTime);
  if (!match) return null;
  const [, y, mo, d, hh, mm, ss] = match;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(hh), Number(mm), Number(ss ?? 0));
  // The zone's offset at the guessed instant, refined once for instants near an offset change.
  let guess = asUtc - offsetMinutes(asUtc, zone) * 60000;
  guess = asUtc - offsetMinutes(guess, zone) * 60000;
  return new Date(guess);
}

/** The wall-clock time of `instant` in `zone`, as <input type=datetime-local> wants it. */
export function utcToZonedWallTime(instant: Date, zone: string): string {
  const local = new Date(instant.getTime() + offsetMinutes(instant.getTime(), zone) * 60000);
  return local.toISOString().slice(0, 16);
}

function offsetMinutes(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60000);
}
