// Channel configuration (admins): every channel with an on/off switch, and a form to add or change one. Secret
// inputs are write-only: they are never filled from the server (it never sends secrets); left empty they keep the
// stored secret, and "clear" removes it. Channels from the server's configuration are shown read-only. A webhook's
// event types are offered as the server lists them (/api/webhook-event-types), so a new type needs no change here.
import { channelKinds, channels, smtpSecurities, type ChannelInput, type ChannelKind, type ChannelView } from "../api/channels";
import { languages, type Language } from "../api/types";
import { dateTimeText } from "../i18n/format";
import { hasMessage, t, tx, txt, type MessageKey } from "../i18n/i18n";
import { h, replaceChildren, uniqueId } from "../ui/dom";
import { alertBox, checkbox, FormView, isBlank, select, submitButton, textArea, textInput } from "../ui/forms";
import { isAbort, ScreenScope, type Screen } from "./screen";

export function channelsScreen(): Screen {
  const scope = new ScreenScope();
  const headingId = uniqueId("channels-title");
  const problem = h("div");
  const notice = h("div", { attrs: { role: "status", "aria-live": "polite" } });
  const tableBody = h("tbody");
  const formSlot = h("div", { attrs: { "data-testid": "channel-form-slot" } });
  let list: ChannelView[] = [];
  let eventTypes: readonly string[] = [];

  const load = async () => {
    try {
      [list, eventTypes] = await Promise.all([
        channels.list(scope.signal),
        eventTypes.length ? Promise.resolve(eventTypes) : channels.webhookEventTypes(scope.signal),
      ]);
      problem.replaceChildren();
      render();
    } catch (error) {
      if (isAbort(error)) return;
      replaceChildren(problem, alertBox(error));
    }
  };

  const act = async (action: () => Promise<unknown>, done: MessageKey, code: string) => {
    try {
      await action();
      replaceChildren(notice, h("p", { class: "notice notice-success" }, tx(done, { code })));
    } catch (error) {
      replaceChildren(notice, alertBox(error));
    }
    // Either way the table shows what the server now holds (a refused switch goes back).
    await load();
  };

  const openForm = (existing: ChannelView | null) => {
    replaceChildren(formSlot, channelForm(existing, eventTypes, async (code) => {
      formSlot.replaceChildren();
      replaceChildren(notice, h("p", { class: "notice notice-success" }, tx("channels.saved", { code })));
      await load();
    }, () => formSlot.replaceChildren()));
    formSlot.querySelector<HTMLElement>("input, select")?.focus();
  };

  const row = (c: ChannelView) => {
    const toggle = checkbox(c.enabled);
    toggle.disabled = !c.editable;
    toggle.dataset["action"] = "toggle";
    toggle.setAttribute("aria-label", t("channels.enabledFor", { code: c.code }));
    toggle.addEventListener("change", () => void act(
      () => (toggle.checked ? channels.enable(c.code) : channels.disable(c.code)),
      toggle.checked ? "channels.switchedOn" : "channels.switchedOff", c.code));
    const edit = h("button", { class: "button button-secondary", attrs: { type: "button", "data-action": "edit" }, on: { click: () => openForm(c) } }, tx("channels.edit"));
    const remove = h("button", { class: "button button-danger", attrs: { type: "button", "data-action": "remove" }, on: {
      click: () => {
        if (window.confirm(t("channels.confirmRemove", { code: c.code }))) void act(() => channels.remove(c.code), "channels.removed", c.code);
      },
    } }, tx("channels.remove"));
    return h("tr", { attrs: { "data-channel": c.code } },
      h("td", { class: "code" }, c.code),
      h("td", null, tx(`channels.kind.${c.kind}` as MessageKey)),
      h("td", null, target(c)),
      h("td", null, secretsText(c)),
      h("td", null, h("label", { class: "field-check" }, toggle, c.enabled ? tx("channels.on") : tx("channels.off"))),
      h("td", null, c.source === "configuration"
        ? h("span", { class: "badge badge-language", attrs: { title: t("channels.configurationHint") } }, tx("channels.fromConfiguration"))
        : [c.changedBy ? h("div", { class: "field-note" }, c.changedBy, c.changedAt ? [", ", dateTimeText(c.changedAt)] : null) : null,
           h("div", { class: "form-actions" }, edit, remove)]));
  };

  const render = () => {
    tableBody.replaceChildren(...(list.length
      ? list.map(row)
      : [h("tr", null, h("td", { attrs: { colspan: 6 }, class: "empty" }, tx("channels.empty")))]));
  };

  const table = h("table", { class: "board-table", attrs: { "data-testid": "channels" } },
    h("thead", null, h("tr", null,
      ["channels.code", "channels.kindLabel", "channels.target", "channels.secrets", "channels.state", "channels.source"]
        .map((key) => h("th", { attrs: { scope: "col" } }, tx(key as MessageKey))))),
    tableBody);
  const add = h("button", { class: "button button-primary", attrs: { type: "button", "data-action": "add-channel" }, on: { click: () => openForm(null) } }, tx("channels.add"));

  const element = h("section", { class: "screen channels", attrs: { "aria-labelledby": headingId } },
    h("div", { class: "screen-header" }, h("h1", { attrs: { id: headingId } }, tx("channels.title"))),
    h("p", { class: "lead" }, tx("channels.intro")),
    problem, notice,
    h("div", { class: "table-wrap", attrs: { tabindex: "0", role: "region", "aria-labelledby": headingId } }, table),
    h("div", { class: "form-actions" }, add),
    formSlot);
  void load();
  return { element, title: () => t("channels.title"), dispose: () => scope.dispose() };
}

function target(c: ChannelView): Node {
  switch (c.kind) {
    case "Webhook":
      return h("div", null, h("div", null, c.url ?? ""),
        h("div", { class: "field-note channel-events", attrs: { "data-testid": "channel-events" } }, tx("channels.eventsLabel"), ": ",
          c.events ? c.events.map((e) => h("span", { class: "badge badge-language", attrs: { "data-event": e } }, e)) : tx("channels.eventsEvery")));
    case "Telegram":
      return document.createTextNode(Object.entries(c.chats).map(([l, chat]) => `${l}: ${chat}`).join(", "));
    case "Email":
      return document.createTextNode(`${c.smtpHost ?? ""}:${c.smtpPort ?? ""} · ${Object.entries(c.recipients).map(([l, r]) => `${l}: ${(r ?? []).length}`).join(", ")}`);
    default:
      return txt(() => t("channels.builtIn"));
  }
}

function secretsText(c: ChannelView): Node {
  const set = (flag: boolean) => (flag ? t("channels.secretSet") : t("channels.secretNotSet"));
  switch (c.kind) {
    case "Webhook":
      return txt(() => set(c.secretSet));
    case "Telegram":
      return txt(() => set(c.botTokenSet));
    case "Email":
      return txt(() => set(c.smtpPasswordSet));
    default:
      return document.createTextNode("—");
  }
}

/** A write-only secret input with a "clear the stored one" box; undefined = keep, "" = clear. */
function secretField(form: FormView, name: string, label: MessageKey, stored: boolean) {
  const input = textInput({ type: "password", autocomplete: "new-password", maxLength: 1000 });
  input.placeholder = stored ? t("channels.secretKeep") : "";
  const clear = checkbox(false);
  const clearLabelId = uniqueId("clear");
  const element = h("div", null,
    form.field(name, label, input, { hint: "channels.secretHint" }),
    stored ? h("div", { class: "field field-check" }, clear, h("label", { attrs: { id: clearLabelId } }, tx("channels.secretClear"))) : null);
  clear.setAttribute("aria-labelledby", clearLabelId);
  return { element, value: (): string | undefined => (clear.checked ? "" : isBlank(input.value) ? undefined : input.value) };
}

/** The webhook's event types: "every type" (sends no list) or a box per type the server knows. */
function eventsField(form: FormView, known: readonly string[], current: string[] | null) {
  const every = checkbox(current === null);
  every.id = uniqueId("events-every");
  every.dataset["action"] = "events-every";
  // A stored type the server no longer lists stays visible, so saving does not drop it unseen.
  const types = [...known, ...(current ?? []).filter((type) => !known.includes(type))];
  const boxes = types.map((type) => {
    const box = checkbox(current === null || current.includes(type));
    box.id = uniqueId("event");
    box.value = type;
    return box;
  });
  const follow = () => {
    for (const box of boxes) box.disabled = every.checked;
  };
  every.addEventListener("change", follow);
  follow();
  const hint = h("div", { class: "field-hint", attrs: { id: uniqueId("hint") } }, tx("channels.eventsHint"));
  const element = h("fieldset", { class: "fieldset", attrs: { "data-testid": "channel-events-field", "aria-describedby": hint.id } },
    h("legend", null, tx("channels.events")),
    hint,
    form.errorSlotFor("events"),
    h("div", { class: "choice events-every" }, every, h("label", { attrs: { for: every.id } }, tx("channels.eventsAll"))),
    h("div", { class: "choices event-choices" }, boxes.map((box) => {
      const key = `channels.eventType.${box.value}`;
      return h("div", { class: "choice" }, box,
        h("label", { attrs: { for: box.id } }, hasMessage(key) ? tx(key) : box.value, " ", h("span", { class: "code event-code" }, box.value)));
    })));
  return { element, value: (): string[] | undefined => (every.checked ? undefined : boxes.filter((box) => box.checked).map((box) => box.value)) };
}

function channelForm(existing: ChannelView | null, eventTypes: readonly string[], onSaved: (code: string) => Promise<void>, onCancel: () => void): HTMLElement {
  const code = textInput({ value: existing?.code ?? "", maxLength: 64 });
  code.readOnly = existing !== null;
  const kind = select(channelKinds.map((k) => ({ value: k, label: () => t(`channels.kind.${k}` as MessageKey) })), existing?.kind ?? "Webhook");
  const enabled = checkbox(existing?.enabled ?? true);
  const url = textInput({ value: existing?.url ?? "", type: "url", maxLength: 2000 });
  const apiBaseUrl = textInput({ value: existing?.apiBaseUrl ?? "", type: "url", maxLength: 2000 });
  const chats = Object.fromEntries(languages.map((l) => [l, textInput({ value: existing?.chats[l] ?? "", maxLength: 200 })])) as Record<Language, HTMLInputElement>;
  const smtpHost = textInput({ value: existing?.smtpHost ?? "", maxLength: 255 });
  const smtpPort = textInput({ value: String(existing?.smtpPort ?? 587), type: "number" });
  const smtpSecurity = select(smtpSecurities.map((s) => ({ value: s, label: () => s })), existing?.smtpSecurity ?? "StartTls");
  const smtpUser = textInput({ value: existing?.smtpUser ?? "", maxLength: 255, autocomplete: "off" });
  const from = textInput({ value: existing?.from ?? "", maxLength: 320 });
  const recipients = Object.fromEntries(languages.map((l) => [l, textArea({ value: (existing?.recipients[l] ?? []).join("\n"), rows: 2 })])) as Record<Language, HTMLTextAreaElement>;

  const form: FormView = new FormView(async () => {
    if (isBlank(code.value)) return form.showFieldProblem("code", "validation.required");
    const input: ChannelInput = { kind: kind.value as ChannelKind, enabled: enabled.checked };
    switch (input.kind) {
      case "Webhook":
        input.url = url.value.trim();
        input.secret = secret.value();
        input.events = events.value();
        break;
      case "Telegram":
        input.botToken = botToken.value();
        if (!isBlank(apiBaseUrl.value)) input.apiBaseUrl = apiBaseUrl.value.trim();
        input.chats = Object.fromEntries(languages.filter((l) => !isBlank(chats[l].value)).map((l) => [l, chats[l].value.trim()]));
        break;
      case "Email":
        input.smtpHost = smtpHost.value.trim();
        input.smtpPort = Number(smtpPort.value) || 0;
        input.smtpSecurity = smtpSecurity.value;
        if (!isBlank(smtpUser.value)) input.smtpUser = smtpUser.value.trim();
        input.smtpPassword = smtpPassword.value();
        input.from = from.value.trim();
        input.recipients = Object.fromEntries(languages
          .map((l) => [l, recipients[l].value.split(/[\n,;]/).map((a) => a.trim()).filter((a) => a.length > 0)] as const)
          .filter(([, list]) => list.length > 0));
        break;
    }
    const saved = await channels.save(code.value.trim().toLowerCase(), input);
    await onSaved(saved.code);
  }, { class: "channel-form panel", labelKey: existing ? "channels.editTitle" : "channels.addTitle" });

  const secret = secretField(form, "secret", "channels.secret", existing?.secretSet ?? false);
  const botToken = secretField(form, "botToken", "channels.botToken", existing?.botTokenSet ?? false);
  const smtpPassword = secretField(form, "smtpPassword", "channels.smtpPassword", existing?.smtpPasswordSet ?? false);
  const events = eventsField(form, eventTypes, existing ? existing.events ?? null : null);

  const perLanguage = (name: string, legend: MessageKey, controls: Record<Language, HTMLInputElement | HTMLTextAreaElement>) =>
    h("fieldset", { class: "fieldset" }, h("legend", null, tx(legend)), form.errorSlotFor(name),
      h("div", { class: "field-row" }, languages.map((l) => form.field(`${name}.${l}`, `language.${l}` as MessageKey, controls[l]))));

  const sections: Record<ChannelKind, HTMLElement | null> = {
    Feed: null,
    Cap: null,
    Webhook: h("div", { attrs: { "data-kind": "Webhook" } }, form.field("url", "channels.url", url, { required: true, hint: "channels.urlHint" }), secret.element, events.element),
    Telegram: h("div", { attrs: { "data-kind": "Telegram" } }, botToken.element, perLanguage("chats", "channels.chats", chats),
      form.field("apiBaseUrl", "channels.apiBaseUrl", apiBaseUrl, { hint: "channels.apiBaseUrlHint" })),
    Email: h("div", { attrs: { "data-kind": "Email" } },
      h("div", { class: "field-row" }, form.field("smtpHost", "channels.smtpHost", smtpHost, { required: true }), form.field("smtpPort", "channels.smtpPort", smtpPort),
        form.field("smtpSecurity", "channels.smtpSecurity", smtpSecurity)),
      h("div", { class: "field-row" }, form.field("smtpUser", "channels.smtpUser", smtpUser), smtpPassword.element),
      form.field("from", "channels.from", from, { required: true }),
      perLanguage("recipients", "channels.recipients", recipients)),
  };
  const showKind = () => {
    for (const [k, section] of Object.entries(sections)) if (section) section.hidden = k !== kind.value;
  };
  kind.addEventListener("change", showKind);
  showKind();

  const cancel = h("button", { class: "button button-secondary", attrs: { type: "button" }, on: { click: onCancel } }, tx("common.cancel"));
  form.add(
    h("div", { class: "field-row" }, form.field("code", "channels.code", code, { required: true, hint: "channels.codeHint" }), form.field("kind", "channels.kindLabel", kind)),
    form.field("enabled", "channels.enabled", enabled),
    ...Object.values(sections),
    h("div", { class: "form-actions" }, submitButton("channels.save"), cancel));
  return form.element;
}
