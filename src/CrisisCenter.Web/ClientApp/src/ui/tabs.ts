// An accessible tab list (WAI-ARIA tabs): arrow keys, Home and End move between tabs; only the selected tab is
// in the tab order.
import { h, uniqueId, type Child } from "./dom";

export interface TabSpec { key: string; label: Child; panel: HTMLElement }

export interface Tabs { element: HTMLElement; select(key: string): void; selected(): string }

export function tabs(specs: readonly TabSpec[], labelledBy: string | null, initial?: string): Tabs {
  const list = h("div", { class: "tab-list", attrs: { role: "tablist", "aria-labelledby": labelledBy } });
  const buttons = new Map<string, HTMLButtonElement>();
  let current = initial ?? specs[0]?.key ?? "";

  const select = (key: string, focus = false) => {
    current = key;
    for (const spec of specs) {
      const selected = spec.key === key;
      const button = buttons.get(spec.key)!;
      button.setAttribute("aria-selected", String(selected));
      button.tabIndex = selected ? 0 : -1;
      spec.panel.hidden = !selected;
      if (selected && focus) button.focus();
    }
  };

  specs.forEach((spec, index) => {
    const tabId = uniqueId("tab");
    spec.panel.id ||= uniqueId("tabpanel");
    spec.panel.setAttribute("role", "tabpanel");
    spec.panel.setAttribute("aria-labelledby", tabId);
    spec.panel.tabIndex = 0;
    const button = h("button", {
      class: "tab",
      attrs: { type: "button", role: "tab", id: tabId, "aria-controls": spec.panel.id, "data-tab": spec.key },
      on: {
        click: () => select(spec.key),
        keydown: (event) => {
          const last = specs.length - 1;
          const target = event.key === "ArrowRight" ? (index + 1) % specs.length
            : event.key === "ArrowLeft" ? (index + last) % specs.length
            : event.key === "Home" ? 0
            : event.key === "End" ? last
            : -1;
          if (target < 0) return;
          event.preventDefault();
          select(specs[target]!.key, true);
        },
      },
    }, spec.label);
    buttons.set(spec.key, button);
    list.appendChild(button);
  });

  const element = h("div", { class: "tabs" }, list, specs.map((spec) => spec.panel));
  select(current);
  return { element, select: (key) => select(key), selected: () => current };
}
