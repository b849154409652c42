// The interface language and time zone, and text that follows them: every string on screen comes from here.
import type { Language } from "../api/types";
import { messages, type MessageKey } from "./messages";

export type Params = Record<string, string | number>;

const languageKey = "crisiscenter.language";
const timeZoneKey = "crisiscenter.timeZone";
/** Until the server says otherwise (CrisisCenter:TimeZone, /api/reference/office). */
export const defaultTimeZone = "Asia/Almaty";
const languageIndex: Record<Language, 0 | 1 | 2> = { kk: 0, ru: 1, en: 2 };

let language: Language = initialLanguage();
let officeZone: string = defaultTimeZone;
let timeZone: string = initialTimeZone();

function initialLanguage(): Language {
  const stored = safeStorage()?.getItem(languageKey);
  if (stored === "kk" || stored === "ru" || stored === "en") return stored;
  const browser = (navigator.language || "").slice(0, 2);
  return browser === "ru" || browser === "en" ? browser : "kk";
}

// The user's own choice (stored) wins; otherwise times are on the office's clock, never on the browser's.
function initialTimeZone(): string {
  const stored = safeStorage()?.getItem(timeZoneKey);
  return stored && isValidTimeZone(stored) ? stored : officeZone;
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: settings last for the page only
  }
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const currentLanguage = (): Language => language;
export const currentTimeZone = (): string => timeZone;
export const officeTimeZone = (): string => officeZone;

/** The office's time zone as the server is configured (CrisisCenter:TimeZone); followed unless the user chose one. */
export function setOfficeTimeZone(zone: string): void {
  if (!isValidTimeZone(zone)) return;
  officeZone = zone;
  const next = initialTimeZone();
  if (next === timeZone) return;
  timeZone = next;
  refresh();
}

/** The BCP 47 locale Intl formats with for the interface language. */
export const locale = (): string => ({ kk: "kk-KZ", ru: "ru-RU", en: "en-GB" })[language];

export function t(key: MessageKey, params?: Params): string {
  const entry = (messages as Record<string, readonly [string, string, string]>)[key];
  if (!entry) return key; // an enum value the dashboard has no text for yet: its name is better than nothing
  const template = entry[languageIndex[language]];
  return params ? fill(template, params) : template;
}

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

// Text that must change when the language or time zone changes. Nodes that left the document are dropped
// at the next sweep (a node is kept while young, because screens build their tree before attaching it).
interface LiveText { node: WeakRef<Node>; render: (node: Node) => void; born: number }
const liveTexts = new Set<LiveText>();
const listeners = new Set<() => void>();
let registrationsSinceSweep = 0;

/** Keeps `node` up to date with the interface language and time zone by calling `render` on every change. */
export function follow<N extends Node>(node: N, render: (node: N) => void): N {
  render(node);
  liveTexts.add({ node: new WeakRef(node), render: render as (node: Node) => void, born: Date.now() });
  registrationsSinceSweep += 1;
  if (registrationsSinceSweep > 500) sweep();
  return node;
}

/** Whether the catalogue has a text for `key` (for values that come from data, like channel codes). */
export function hasMessage(key: string): key is MessageKey {
  return key in messages;
}

/** A channel's name in the interface language; an unknown channel by its code. */
export function channelName(code: string): string {
  const key = `channel.${code}`;
  return hasMessage(key) ? t(key) : code;
}

/** A text node showing message `key`, in whichever language is chosen. */
export function tx(key: MessageKey, params?: Params): Text {
  return follow(document.createTextNode(""), (node) => (node.textContent = t(key, params)));
}

/** A text node computed by `render` (formatting that depends on the language or time zone). */
export function txt(render: () => string): Text {
  return follow(document.createTextNode(""), (node) => (node.textContent = render()));
}

/** Sets an attribute (aria-label, title, placeholder) from message `key`, following language changes. */
export function localizeAttribute<E extends Element>(element: E, attribute: string, key: MessageKey, params?: Params): E {
  return follow(element, (el) => el.setAttribute(attribute, t(key, params)));
}

export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setLanguage(next: Language): void {
  if (next === language) return;
  language = next;
  safeStorage()?.setItem(languageKey, next);
  refresh();
}

export function setTimeZone(next: string): void {
  if (next === timeZone || !isValidTimeZone(next)) return;
  timeZone = next;
  safeStorage()?.setItem(timeZoneKey, next);
  refresh();
}

function refresh(): void {
  document.documentElement.lang = language;
  sweep();
  for (const live of liveTexts) {
    const node = live.node.deref();
    if (node) live.render(node);
  }
  for (const listener of listeners) listener();
}

function sweep(): void {
  registrationsSinceSweep = 0;
  const now = Date.now();
  for (const live of liveTexts) {
    const node = live.node.deref();
    if (!node || (!node.isConnected && now - live.born > 5000)) liveTexts.delete(live);
  }
}

/** Sets `lang` on the document at start. */
export function applyDocumentLanguage(): void {
  document.documentElement.lang = language;
}

/** Picks the name of a reference item (region, agency) in the interface language. */
export function localName(item: { nameKk: string; nameRu: string; nameEn: string }): string {
  return language === "kk" ? item.nameKk : language === "ru" ? item.nameRu : item.nameEn;
}

export type { MessageKey };
