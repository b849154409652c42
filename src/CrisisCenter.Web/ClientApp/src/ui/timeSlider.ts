// A moment between a start and now: a range input with ticks at the given event times, and a field for an exact
// time (dd.MM.yyyy HH:mm:ss in the chosen time zone, which the field names; see dateEntry.ts). The right end is "now": there the slider means live, anywhere else "as of".
// Keyboard: arrow keys jump from event to event (Shift: one minute), Home goes to the start, End to now.
import { formatDateTimeSeconds, timeElement } from "../i18n/format";
import { localizeAttribute, onLocaleChange, t, tx } from "../i18n/i18n";
import { dateEntry } from "./dateEntry";
import { h, uniqueId } from "./dom";

export interface TimeSlider {
  element: HTMLElement;
  /** The moment chosen; null while at now (live). */
  readonly moment: Date | null;
  /** Adds event times to jump between (ticks on the range). */
  addTicks(times: readonly string[]): void;
  /** Moves to `moment` (clamped to [start, now]); null or a moment at now means live. Notifies listeners. */
  set(moment: Date | null): void;
  onChange(listener: (moment: Date | null) => void): void;
  dispose(): void;
}

const minute = 60;

export function timeSlider(start: string, label: "asOf.slider"): TimeSlider {
  // Whole seconds, rounded up: the moment of an event (or the declaration) then includes it, as the server counts
  // events at exactly the moment asked about.
  const startSeconds = Math.ceil(Date.parse(start) / 1000);
  const nowSeconds = () => Math.max(startSeconds + 1, Math.ceil(Date.now() / 1000));
  const ticks = new Set<number>();
  const listeners = new Set<(moment: Date | null) => void>();
  let moment: Date | null = null;

  const listId = uniqueId("time-ticks");
  const hintId = uniqueId("time-hint");
  const rangeId = uniqueId("time-range");
  const exactId = uniqueId("time-exact");
  const datalist = h("datalist", { attrs: { id: listId } });
  const range = h("input", {
    class: "time-range",
    attrs: { id: rangeId, type: "range", min: startSeconds, max: nowSeconds(), step: 1, list: listId, "aria-describedby": hintId, "data-testid": "time-range" },
  });
  const exactEntry = dateEntry("seconds", { id: exactId, "data-testid": "time-exact" });
  const exact = exactEntry.input;
  exact.classList.add("time-exact");

  const sortedTicks = () => [...ticks].sort((a, b) => a - b);
  const seconds = () => Number(range.value);
  const isAtNow = (value: number) => value >= Number(range.max);

  const render = () => {
    const value = moment ? Math.floor(moment.getTime() / 1000) : Number(range.max);
    range.value = String(value);
    const shown = new Date(value * 1000);
    range.setAttribute("aria-valuetext", moment ? t("asOf.mode", { time: formatDateTimeSeconds(shown.toISOString()) }) : t("asOf.live"));
    // The exact field shows seconds too, so a moment between two events in one minute can be named.
    if (document.activeElement !== exact) {
      exactEntry.show(shown);
      exact.removeAttribute("aria-invalid");
    }
  };

  const choose = (value: number | null) => {
    const clamped = value === null ? null : Math.min(Math.max(value, startSeconds), Number(range.max));
    const next = clamped === null || isAtNow(clamped) ? null : new Date(clamped * 1000);
    const changed = (next?.getTime() ?? null) !== (moment?.getTime() ?? null);
    moment = next;
    render();
    if (changed) for (const listener of listeners) listener(moment);
  };

  // "Now" keeps moving: the right end follows the clock (the slider stays at now while live).
  const tick = window.setInterval(() => {
    range.max = String(nowSeconds());
    render();
  }, 15_000);

  range.addEventListener("input", () => choose(seconds()));
  range.addEventListener("keydown", (event) => {
    const current = moment ? Math.floor(moment.getTime() / 1000) : Number(range.max);
    let next: number | null | undefined;
    if (event.key === "ArrowLeft" || event.key === "ArrowDown") {
      next = event.shiftKey ? current - minute : ([...sortedTicks()].reverse().find((s) => s < current) ?? startSeconds);
    } else if (event.key === "ArrowRight" || event.key === "ArrowUp") {
      next = event.shiftKey ? current + minute : (sortedTicks().find((s) => s > current) ?? null);
    } else if (event.key === "Home") {
      next = startSeconds;
    } else if (event.key === "End") {
      next = null;
    }
    if (next === undefined) return;
    event.preventDefault();
    choose(next);
  });
  const commitExact = () => {
    const instant = exactEntry.instant();
    range.max = String(nowSeconds());
    if (!instant) {
      exact.setAttribute("aria-invalid", "true");
      return;
    }
    exact.removeAttribute("aria-invalid");
    choose(Math.floor(instant.getTime() / 1000));
  };
  // A typed time counts when the field is left or Enter is pressed (not at every keystroke: "14:0" is not a time yet).
  exact.addEventListener("change", commitExact);
  exact.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    commitExact();
  });
  const stopLocale = onLocaleChange(render);

  const rangeLabel = h("label", { class: "time-label", attrs: { for: rangeId } }, tx(label));
  const exactLabel = h("label", { class: "time-label", attrs: { for: exactId } }, tx("asOf.exact"), " ", h("span", { class: "field-format" }, exactEntry.format));
  localizeAttribute(exact, "title", "asOf.exact");
  const element = h("div", { class: "time-slider" },
    h("div", { class: "time-range-field" }, rangeLabel, range, datalist,
      h("div", { class: "time-ends", attrs: { "aria-hidden": "true" } },
        h("span", null, timeElement(new Date(startSeconds * 1000).toISOString())), h("span", null, tx("asOf.live")))),
    h("div", { class: "time-exact-field" }, exactLabel, exact),
    h("p", { class: "field-hint time-hint", attrs: { id: hintId } }, tx("asOf.keys")));
  render();

  return {
    element,
    get moment() {
      return moment;
    },
    addTicks(times) {
      let added = false;
      for (const time of times) {
        const value = Math.ceil(Date.parse(time) / 1000);
        if (Number.isNaN(value) || ticks.has(value)) continue;
        ticks.add(value);
        datalist.appendChild(h("option", { attrs: { value } }));
        added = true;
      }
      if (added) {
        range.max = String(nowSeconds());
        render();
      }
    },
    set(next) {
      range.max = String(nowSeconds());
      choose(next === null ? null : Math.floor(next.getTime() / 1000));
    },
    onChange(listener) {
      listeners.add(listener);
    },
    dispose() {
      window.clearInterval(tick);
      stopLocale();
      listeners.clear();
    },
  };
}
