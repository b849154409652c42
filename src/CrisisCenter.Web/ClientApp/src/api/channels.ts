// The channel configuration API (admins only). Secrets are write-only: the server says whether each is set.
import { command, get } from "./http";
import type { Language } from "./types";

export type ChannelKind = "Feed" | "Cap" | "Webhook" | "Telegram" | "Email";
export const channelKinds: readonly ChannelKind[] = ["Feed", "Cap", "Webhook", "Telegram", "Email"];
export const smtpSecurities = ["StartTls", "SslOnConnect", "None", "Auto"] as const;

export interface ChannelView {
  code: string;
  /** "api": managed here; "configuration": from appsettings, read-only. */
  source: "api" | "configuration";
  editable: boolean;
  kind: ChannelKind;
  enabled: boolean;
  url: string | null;
  secretSet: boolean;
  apiBaseUrl: string | null;
  botTokenSet: boolean;
  chats: Partial<Record<Language, string>>;
  smtpHost: string | null;
  smtpPort: number | null;
  smtpSecurity: string | null;
  smtpUser: string | null;
  smtpPasswordSet: boolean;
  from: string | null;
  recipients: Partial<Record<Language, string[]>>;
  revision: number | null;
  changedBy: string | null;
  changedAt: string | null;
  overridesConfiguration: boolean;
  /** Webhook: the event types the partner takes; null = every type (also ones added later). */
  events: string[] | null;
}

/** A secret field: omitted (undefined) keeps the stored one, "" clears it, any other value replaces it. */
export interface ChannelInput {
  kind: ChannelKind;
  enabled: boolean;
  url?: string;
  secret?: string;
  botToken?: string;
  apiBaseUrl?: string;
  chats?: Partial<Record<Language, string>>;
  smtpHost?: string;
  smtpPort?: number;
  smtpSecurity?: string;
  smtpUser?: string;
  smtpPassword?: string;
  from?: string;
  recipients?: Partial<Record<Language, string[]>>;
  /** Webhook: omitted = every event type. */
  events?: string[];
}

const channel = (code: string) => `/api/channels/${encodeURIComponent(code)}`;

export const channels = {
  list: (signal?: AbortSignal) => get<ChannelView[]>("/api/channels", signal),
  /** The event types a webhook's events list may name, as the server knows them. */
  webhookEventTypes: (signal?: AbortSignal) => get<string[]>("/api/webhook-event-types", signal),
  save: (code: string, input: ChannelInput) => command<ChannelView>("PUT", channel(code), input),
  enable: (code: string) => command<ChannelView>("POST", channel(code) + "/enable", undefined),
  disable: (code: string) => command<ChannelView>("POST", channel(code) + "/disable", undefined),
  remove: (code: string) => command<void>("DELETE", channel(code), undefined),
};
