// Declaring an incident (press officers): the lead agency is the officer's own agency.
import { incidents } from "../api/endpoints";
import { categories, languages, severities, type IncidentCategory, type Language, type Severity, type Visibility } from "../api/types";
import { agencyName, allAgencies, allRegions } from "../app/reference";
import { session } from "../app/session";
import { localName, t, tx, txt, type MessageKey } from "../i18n/i18n";
import { h, uniqueId } from "../ui/dom";
import { checkbox, FormView, isBlank, select, submitButton, textArea, textInput } from "../ui/forms";

export function declareIncidentForm(onDeclared: (incidentId: string) => void): HTMLElement {
  const title = textInput({ maxLength: 200 });
  const description = textArea({ rows: 3, maxLength: 4000 });
  const category = select(categories.map((c) => ({ value: c, label: () => t(`category.${c}` as MessageKey) })), "Geo");
  const severity = select(severities.map((s) => ({ value: s, label: () => t(`severity.${s}` as MessageKey) })), "Moderate");
  const visibility = select([
    { value: "Normal", label: () => t("visibility.Normal") },
    { value: "Restricted", label: () => t("visibility.Restricted") },
  ], "Normal");
  const publicWarning = checkbox(false);
  const lead = session.user?.agencyCode ?? "";

  const regionBoxes = checkboxGroup(allRegions().map((r) => ({ value: r.code, label: () => localName(r) })), []);
  const agencyBoxes = checkboxGroup(allAgencies().filter((a) => a.code !== lead).map((a) => ({ value: a.code, label: () => localName(a) })), []);
  const languageBoxes = checkboxGroup(languages.map((l) => ({ value: l, label: () => t(`language.${l}` as MessageKey) })), ["kk", "ru"]);

  const form: FormView = new FormView(async () => {
    if (isBlank(title.value)) return form.showFieldProblem("title", "validation.required");
    const regions = regionBoxes.values();
    if (regions.length === 0) return form.showFieldProblem("regions", "validation.chooseRegion");
    const accepted = await incidents.declare({
      title: title.value.trim(),
      description: description.value.trim(),
      category: category.value as IncidentCategory,
      severity: severity.value as Severity,
      regions,
      leadAgency: lead,
      participatingAgencies: agencyBoxes.values(),
      visibility: visibility.value as Visibility,
      requiredLanguages: languageBoxes.values() as Language[],
      isPublicWarning: publicWarning.checked,
    });
    onDeclared(accepted.id ?? accepted.incidentId);
  }, { class: "declare-form", labelKey: "declare.title" });

  form.add(
    form.field("title", "incident.title", title, { required: true }),
    form.field("description", "incident.description", description),
    h("div", { class: "field-row" },
      form.field("category", "incident.category", category, { required: true }),
      form.field("severity", "incident.severity", severity, { required: true }),
      form.field("visibility", "incident.visibility", visibility),
    ),
    h("p", { class: "field-note" }, tx("incident.leadAgency"), ": ", h("strong", null, txt(() => agencyName(lead)))),
    fieldset("incident.regions", regionBoxes.element, form.errorSlotFor("regions"), true),
    fieldset("incident.participatingAgencies", agencyBoxes.element, form.errorSlotFor("participatingAgencies")),
    fieldset("incident.requiredLanguages", languageBoxes.element, form.errorSlotFor("requiredLanguages")),
    form.field("isPublicWarning", "incident.isPublicWarning", publicWarning),
    h("div", { class: "form-actions" }, submitButton("declare.submit")),
  );
  return form.element;
}

interface CheckboxGroup { element: HTMLElement; values(): string[] }

export function checkboxGroup(options: { value: string; label: () => string }[], checked: string[]): CheckboxGroup {
  const boxes = options.map((option) => {
    const box = checkbox(checked.includes(option.value));
    box.value = option.value;
    box.id = uniqueId("choice");
    return h("div", { class: "choice" }, box, h("label", { attrs: { for: box.id } }, txt(option.label)));
  });
  const element = h("div", { class: "choices" }, boxes);
  return {
    element,
    values: () => [...element.querySelectorAll<HTMLInputElement>("input[type=checkbox]")].filter((b) => b.checked).map((b) => b.value),
  };
}

function fieldset(legendKey: MessageKey, content: HTMLElement, errorSlot: HTMLElement, required = false): HTMLElement {
  return h("fieldset", { class: "fieldset" },
    h("legend", null, tx(legendKey), required ? h("span", { class: "required-mark", attrs: { "aria-hidden": "true" } }, " *") : null),
    content, errorSlot);
}
