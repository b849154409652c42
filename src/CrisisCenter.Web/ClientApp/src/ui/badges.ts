// Small labelled markers: status, severity, language, feed state. Colour is never the only carrier: each has text.
import type { IncidentStatus, Language, RumorStatus, Severity, StatementStatus } from "../api/types";
import { tx } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages";
import { h } from "./dom";

export const severityBadge = (severity: Severity) =>
  h("span", { class: ["badge", `severity-${severity.toLowerCase()}`] }, tx(`severity.${severity}` as MessageKey));

export const statusBadge = (status: IncidentStatus) =>
  h("span", { class: ["badge", `status-${status.toLowerCase()}`] }, tx(`incidentStatus.${status}` as MessageKey));

export const statementStatusBadge = (status: StatementStatus) =>
  h("span", { class: ["badge", `statement-${status.toLowerCase()}`] }, tx(`statementStatus.${status}` as MessageKey));

export const rumorStatusBadge = (status: RumorStatus) =>
  h("span", { class: ["badge", `rumor-${status.toLowerCase()}`] }, tx(`rumorStatus.${status}` as MessageKey));

export const languageBadge = (language: Language) =>
  h("span", { class: "badge badge-language", attrs: { lang: language } }, language.toUpperCase());
