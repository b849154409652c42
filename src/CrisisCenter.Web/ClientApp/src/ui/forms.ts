// Labelled controls, and showing what the server refused (problem details) next to the fields it names.
import { ApiError } from "../api/http";
import { t, tx, txt, type MessageKey } from "../i18n/i18n";
import { h, replaceChildren, uniqueId, type Child } from "./dom";

export interface FieldOptions {
  required?: boolean;
  hint?: MessageKey;
  /** Extra label text after the label (e.g. "required language"). */
  labelSuffix?: Child;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A form whose fields are named like the API's error keys, so a 400's `errors` land under the right control. */
export class FormView {
  readonly element: HTMLFormElement;
  private readonly banner: HTMLElement;
  private readonly errorSlots = new Map<string, { slot: HTMLElement; control: Control | null }>();
  private busy = false;

  constructor(private readonly onSubmit: () => Promise<void>, props: { class?: string; labelKey?: MessageKey } = {}) {
    this.banner = h("div", { class: "form-problem", attrs: { role: "alert", hidden: true } });
    this.element = h("form", { class: ["form", props.class], attrs: { novalidate: true } }, this.banner);
    if (props.labelKey) {
      const heading = h("h3", { attrs: { id: uniqueId("form-title") } }, tx(props.labelKey));
      this.element.prepend(heading);
      this.element.setAttribute("aria-labelledby", heading.id);
    }
    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.submit();
    });
  }

  /** A label + control + error slot, registered under the API field `name`. */
  field(name: string, labelKey: MessageKey, control: Control, options: FieldOptions = {}): HTMLElement {
    control.id ||= uniqueId("field");
    control.name ||= name;
    if (options.required) control.setAttribute("aria-required", "true");
    const errorSlot = h("div", { class: "field-error", attrs: { id: uniqueId("error"), hidden: true } });
    const describedBy = [errorSlot.id];
    let hint: HTMLElement | null = null;
    if (options.hint) {
      hint = h("div", { class: "field-hint", attrs: { id: uniqueId("hint") } }, tx(options.hint));
      describedBy.unshift(hint.id);
    }
    control.setAttribute("aria-describedby", describedBy.join(" "));
    const label = h("label", { attrs: { for: control.id } }, tx(labelKey), options.required ? h("span", { class: "required-mark", attrs: { "aria-hidden": "true" } }, " *") : null, options.labelSuffix ?? null);
    this.errorSlots.set(name.toLowerCase(), { slot: errorSlot, control });
    return h("div", { class: ["field", control instanceof HTMLInputElement && control.type === "checkbox" ? "field-check" : null] },
      control instanceof HTMLInputElement && control.type === "checkbox" ? [control, label] : [label, control], hint, errorSlot);
  }

  /** An error slot for a group of controls (e.g. a fieldset), under the API field `name`. */
  errorSlotFor(name: string): HTMLElement {
    const slot = h("div", { class: "field-error", attrs: { hidden: true } });
    this.errorSlots.set(name.toLowerCase(), { slot, control: null });
    return slot;
  }

  add(...children: Child[]): this {
    for (const child of children) if (child instanceof Node) this.element.appendChild(child);
    return this;
  }

  async submit(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.clearErrors();
    const buttons = [...this.element.querySelectorAll<HTMLButtonElement>("button[type=submit]")];
    for (const button of buttons) button.disabled = true;
    this.element.setAttribute("aria-busy", "true");
    try {
      await this.onSubmit();
    } catch (error) {
      this.showError(error);
    } finally {
      this.busy = false;
      for (const button of buttons) button.disabled = false;
      this.element.removeAttribute("aria-busy");
    }
  }

  clearErrors(): void {
    this.banner.hidden = true;
    this.banner.replaceChildren();
    for (const { slot, control } of this.errorSlots.values()) {
      slot.hidden = true;
      slot.replaceChildren();
      control?.removeAttribute("aria-invalid");
    }
  }

  /** Shows a refusal: field errors under their fields, everything else in the banner at the top. */
  showError(error: unknown): void {
    const unplaced: string[] = [];
    let firstInvalid: Control | null = null;
    if (error instanceof ApiError) {
      for (const [field, messages] of Object.entries(error.fieldErrors)) {
        const target = this.findSlot(field);
        if (!target) {
          unplaced.push(`${field}: ${messages.join(" ")}`);
          continue;
        }
        target.slot.hidden = false;
        replaceChildren(target.slot, messages.join(" "));
        target.control?.setAttribute("aria-invalid", "true");
        firstInvalid ??= target.control;
      }
    }
    replaceChildren(this.banner, problemContent(error, unplaced));
    this.banner.hidden = false;
    (firstInvalid ?? this.banner).focus?.();
  }

  /** Shows a problem found before sending (a required field left empty), under its field. */
  showFieldProblem(field: string, key: MessageKey): void {
    this.showError(new ApiError(400, "", null, { [field]: [t(key)] }, null));
  }

  private findSlot(field: string) {
    // "Content.kk.Headline", "content.kk.headline", "regions[0]" all find "content.kk.headline" / "regions".
    const key = field.toLowerCase().replace(/\[\d+\]$/, "");
    return this.errorSlots.get(key) ?? this.errorSlots.get(key.split(".")[0]!);
  }
}

/** The heading and text of a refusal, in the interface language (the server's own detail is shown as it came). */
export function problemContent(error: unknown, extra: string[] = []): Child[] {
  if (error instanceof ApiError) {
    const heading = error.isNetwork ? "problem.network"
      : error.status === 400 ? "problem.validation"
      : error.status === 401 ? "problem.unauthorized"
      : error.status === 403 ? "problem.forbidden"
      : error.status === 404 ? "problem.notFound"
      : error.status === 409 ? "problem.conflict"
      : error.status === 413 ? "problem.tooLarge"
      : error.status === 422 ? "problem.unacceptable"
      : "problem.server";
    return [
      h("strong", null, tx(heading)),
      error.detail ? h("span", { class: "problem-detail" }, " ", error.detail) : null,
      extra.length ? h("ul", null, extra.map((line) => h("li", null, line))) : null,
    ];
  }
  return [h("strong", null, tx("problem.server")), " ", error instanceof Error ? error.message : String(error)];
}

/** A standalone alert box for errors outside forms (loading, hub refusals). */
export function alertBox(error: unknown): HTMLElement {
  return h("div", { class: "form-problem", attrs: { role: "alert" } }, problemContent(error));
}

export function textInput(props: { value?: string; maxLength?: number; type?: string; autocomplete?: string } = {}): HTMLInputElement {
  const input = h("input", { attrs: { type: props.type ?? "text", maxlength: props.maxLength, autocomplete: props.autocomplete } });
  if (props.value !== undefined) input.value = props.value;
  return input;
}

export function textArea(props: { value?: string; rows?: number; maxLength?: number } = {}): HTMLTextAreaElement {
  const area = h("textarea", { attrs: { rows: props.rows ?? 3, maxlength: props.maxLength } });
  if (props.value !== undefined) area.value = props.value;
  return area;
}

export interface Option { value: string; label: () => string }

/** A select whose option texts follow the interface language. */
export function select(options: readonly Option[], value?: string, props: { multiple?: boolean; size?: number } = {}): HTMLSelectElement {
  const element = h("select", { attrs: { multiple: props.multiple, size: props.size } });
  for (const option of options) {
    const node = h("option", { attrs: { value: option.value } });
    node.appendChild(txt(option.label));
    element.appendChild(node);
  }
  if (value !== undefined) element.value = value;
  return element;
}

export function checkbox(checked = false): HTMLInputElement {
  const box = h("input", { attrs: { type: "checkbox" } });
  box.checked = checked;
  return box;
}

export function submitButton(key: MessageKey, variant: "primary" | "secondary" | "danger" = "primary"): HTMLButtonElement {
  return h("button", { class: ["button", `button-${variant}`], attrs: { type: "submit" } }, tx(key));
}

export function button(key: MessageKey, onClick: () => void, variant: "primary" | "secondary" | "danger" | "link" = "secondary"): HTMLButtonElement {
  return h("button", { class: ["button", `button-${variant}`], attrs: { type: "button" }, on: { click: () => onClick() } }, tx(key));
}

/** Text that is required: empty or only spaces is missing. */
export const isBlank = (value: string): boolean => value.trim().length === 0;
