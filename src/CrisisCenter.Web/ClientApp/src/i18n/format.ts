// Times in the chosen time zone and durations in the interface language.
import { currentTimeZone, follow, t, txt } from "./i18n";

// Dates and times are written the way the office writes them, dd.MM.yyyy HH:mm, in every interface language and
// whatever the browser's own locale and zone: the same text a press officer types into a date field (dateEntry.ts).
function wallParts(iso: string): { date: string; minutes: string; seconds: string } {
  const wall = utcToZonedWallTimeWithSeconds(new Date(iso), currentTimeZone());
  const [, y, mo, d, hh, mm, ss] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(wall)!;
  return { date: `${d}.${mo}.${y}`, minutes: `${hh}:${mm}`, seconds: ss! };
}

export function formatDateTime(iso: string): string {
  const p = wallParts(iso);
  return `${p.date} ${p.minutes}`;
}

export function formatTime(iso: string): string {
  const p = wallParts(iso);
  return `${p.minutes}:${p.seconds}`;
}

/** dd.MM.yyyy HH:mm:ss: for a moment the user named to the second (the time slider). */
export function formatDateTimeSeconds(iso: string): string {
  const p = wallParts(iso);
  return `${p.date} ${p.minutes}:${p.seconds}`;
}

/** The chosen time zone with its offset now, e.g. "Asia/Almaty, UTC+05:00": written next to every date field and on
 * every shown time (title), so nobody has to guess which clock a time is on. */
export function zoneLabel(zone: string = currentTimeZone()): string {
  const offset = offsetMinutes(Date.now(), zone);
  const sign = offset < 0 ? "−" : "+";
  const abs = Math.abs(offset);
  return `${zone}, UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** Date and time, live: follows language and time zone changes. */
export const dateTimeText = (iso: string): Text => txt(() => formatDateTime(iso));
export const timeText = (iso: string): Text => txt(() => formatTime(iso));

/** A <time> element with the machine-readable instant and the rendering in the chosen zone (named in its title). */
export function timeElement(iso: string, withDate = true): HTMLTimeElement {
  const element = document.createElement("time");
  element.dateTime = iso;
  element.appendChild(txt(() => (withDate ? formatDateTime(iso) : formatTime(iso))));
  return follow(element, (el) => (el.title = zoneLabel()));
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

/** The wall-clock time of `instant` in `zone` to the minute: "2026-05-01T14:30". */
export function utcToZonedWallTime(instant: Date, zone: string): string {
  return utcToZonedWallTimeWithSeconds(instant, zone).slice(0, 16);
}

/** The wall-clock time of `instant` in `zone` to the second: "2026-05-01T14:30:05". */
export function utcToZonedWallTimeWithSeconds(instant: Date, zone: string): string {
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  const local = new Date(whole + offsetMinutes(whole, zone) * 60000);
  return local.toISOString().slice(0, 19);
}

/**
 * A date ("dd.MM.yyyy") or date and time ("dd.MM.yyyy HH:mm" or "dd.MM.yyyy HH:mm:ss") as typed, to a wall time
 * "yyyy-MM-ddTHH:mm:ss" (midnight for a date); also takes ISO "yyyy-MM-dd[THH:mm[:ss]]" (pasted from an export).
 * Null when it is not a real date or time; the browser's locale plays no part.
 */
export function parseWallTime(text: string, withTime: boolean): string | null {
  const value = text.trim();
  const dotted = /^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  let parts: [string, string, string, string | undefined, string | undefined, string | undefined];
  if (dotted) parts = [dotted[3]!, dotted[2]!, dotted[1]!, dotted[4], dotted[5], dotted[6]];
  else if (iso) parts = [iso[1]!, iso[2]!, iso[3]!, iso[4], iso[5], iso[6]];
  else return null;
  const [y, mo, d, hh, mm, ss] = parts.map((p) => (p === undefined ? undefined : Number(p))) as (number | undefined)[];
  if (withTime ? hh === undefined : hh !== undefined) return null;
  const hours = hh ?? 0, minutes = mm ?? 0, seconds = ss ?? 0;
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const check = new Date(Date.UTC(y!, mo! - 1, d!));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d) return null;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${y}-${two(mo!)}-${two(d!)}T${two(hours)}:${two(minutes)}:${two(seconds)}`;
}

/** A wall time "yyyy-MM-ddTHH:mm:ss" as the office writes it: "dd.MM.yyyy" or "dd.MM.yyyy HH:mm[:ss]". */
export function formatWallTime(wall: string, precision: "date" | "minutes" | "seconds"): string {
  const [, y, mo, d, hh, mm, ss] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(wall)!;
  const date = `${d}.${mo}.${y}`;
  return precision === "date" ? date : precision === "minutes" ? `${date} ${hh}:${mm}` : `${date} ${hh}:${mm}:${ss ?? "00"}`;
}

function offsetMinutes(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60000);
}
