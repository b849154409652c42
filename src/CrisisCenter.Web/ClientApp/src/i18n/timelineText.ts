// A timeline entry in the interface language. The server's `summary` is one English line; the dashboard
// builds its own line from the entry's type and details, and shows user-written text (update text, claims,
// reasons) as a separate quotation, exactly as written.
import type { StatementKind, TimelineEntry } from "../api/types";
import { agencyName } from "../app/reference";
import { formatDateTime } from "./format";
import { channelName, hasMessage, t, type MessageKey } from "./i18n";

export interface TimelineLine {
  text: string;
  /** User-written text the entry carries, shown verbatim. */
  quote: string | null;
  /** Where a delivered post can be seen (shown as a link only when it is http or https). */
  link?: string | null;
  /** The entry needs an operator (an abandoned or uncertain post). */
  alert?: boolean;
}

/** Statement kinds are only on "drafted" entries; the page passes what it knows of the incident's statements. */
export type KindLookup = (statementId: string) => StatementKind | null;

const enumText = (prefix: string, value: string | null | undefined): string => {
  if (!value) return "";
  const key = `${prefix}.${value}`;
  return hasMessage(key) ? t(key) : value;
};

export function describeEntry(entry: TimelineEntry, kindOf: KindLookup): TimelineLine {
  const d = entry.details ?? {};
  const kind = (d["kind"] as StatementKind | undefined) ?? (entry.statementId ? kindOf(entry.statementId) : null);
  const kindName = kind ? enumText("statementKind", kind) : t("statementKind.unknown");
  const revision = d["revision"] ?? "?";
  const channel = d["channel"] ? channelName(d["channel"]) : "?";
  const language = entry.language ? entry.language.toUpperCase() : "";
  const line = (key: MessageKey, params: Record<string, string | number> = {}, quote: string | null = null): TimelineLine => ({
    text: t(key, params),
    quote: quote && quote.trim() ? quote : null,
  });
  switch (entry.type) {
    case "incident.declared.v1":
      return line("tl.incidentDeclared", { code: d["code"] ?? "", severity: enumText("severity", d["severity"]), category: enumText("category", d["category"]) }, d["title"] ?? null);
    case "incident.details_amended.v1":
      return line("tl.incidentAmended", {}, d["title"] ?? null);
    case "incident.severity_changed.v1":
      return line("tl.severityChanged", { from: enumText("severity", d["from"]), to: enumText("severity", d["to"]) }, d["reason"] ?? null);
    case "incident.agency_joined.v1":
      return line("tl.agencyJoined", { agency: agencyName(d["agencyCode"] ?? "") });
    case "incident.agency_left.v1":
      return line("tl.agencyLeft", { agency: agencyName(d["agencyCode"] ?? "") });
    case "incident.stabilized.v1":
      return line("tl.incidentStabilized", {}, d["note"] ?? null);
    case "incident.closed.v1":
      return line("tl.incidentClosed", {}, d["summary"] ?? null);
    case "incident.reopened.v1":
      return line("tl.incidentReopened", {}, d["reason"] ?? null);
    case "situation_update.logged.v1":
      return line(d["verified"] === "true" ? "tl.updateLoggedVerified" : "tl.updateLoggedUnverified", { source: d["source"] ?? "" }, d["text"] ?? null);
    case "situation_update.corrected.v1":
      return line("tl.updateCorrected", { reason: d["reason"] ?? "" }, d["text"] ?? null);
    case "statement.drafted.v1":
      return line("tl.statementDrafted", { kind: kindName, revision }, headlineOf(entry));
    case "statement.revised.v1":
      return line("tl.statementRevised", { kind: kindName, revision }, headlineOf(entry));
    case "statement.submitted.v1":
      return line("tl.statementSubmitted", { kind: kindName, revision });
    case "statement.approved.v1":
      return line("tl.statementApproved", { kind: kindName, revision, soFar: d["approvalsSoFar"] ?? "?", required: d["approvalsRequired"] ?? "?" });
    case "statement.approval_requirement_changed.v1":
      return line("tl.approvalRequirementChanged", { kind: kindName, revision, soFar: d["approvalsSoFar"] ?? "?", required: d["approvalsRequired"] ?? "?" });
    case "statement.rejected.v1":
      return line("tl.statementRejected", { kind: kindName, revision }, d["reason"] ?? null);
    case "statement.published.v1":
      return line("tl.statementPublished", { kind: kindName, revision, channels: d["channels"]?.split(",").map(channelName).join(", ") ?? "" });
    case "channel_post.scheduled.v1":
      return d["notBefore"]
        ? line("tl.postScheduledAt", { channel, language, time: formatDateTime(d["notBefore"]) })
        : line("tl.postScheduled", { channel, language });
    case "channel_post.sending.v1":
      return line("tl.postSending", { channel, language, attempt: d["attempt"] ?? "?" });
    case "channel_post.delivered.v1":
      return { ...line("tl.postDelivered", { channel, language, attempt: d["attempt"] ?? "?" }), link: d["url"] ?? null };
    case "channel_post.failed.v1":
      return d["nextRetryAt"]
        ? line("tl.postFailedRetry", { channel, language, attempt: d["attempt"] ?? "?", time: formatDateTime(d["nextRetryAt"]) }, d["error"] ?? null)
        : line("tl.postFailed", { channel, language, attempt: d["attempt"] ?? "?" }, d["error"] ?? null);
    case "channel_post.abandoned.v1":
      return { ...line("tl.postAbandoned", { channel, language, attempts: d["attempts"] ?? "?" }, d["error"] ?? null), alert: true };
    case "channel_post.uncertain.v1":
      return { ...line("tl.postUncertain", { channel, language }, d["note"] ?? null), alert: true };
    case "channel_post.retry_requested.v1":
      return line(d["from"] === "Uncertain" ? "tl.postResent" : "tl.postRetried", { channel, language }, d["note"] ?? null);
    case "channel_post.delivery_confirmed.v1":
      return { ...line("tl.postConfirmed", { channel, language }, d["note"] ?? null), link: d["url"] ?? null };
    case "rumor.logged.v1":
      return line("tl.rumorLogged", { whereSeen: d["whereSeen"] ?? "" }, d["claim"] ?? null);
    case "rumor.assessed.v1":
      return line("tl.rumorAssessed", { verdict: enumText("verdict", d["verdict"]) }, d["evidence"] ?? null);
    case "rumor.rebutted.v1":
      return line("tl.rumorRebutted", { revision });
    case "rumor.closed.v1":
      return line("tl.rumorClosed", {}, d["reason"] ?? null);
    default:
      return { text: entry.summary, quote: null };
  }
}

/** The headline in the interface language if the entry has it, else the first one it has. */
function headlineOf(entry: TimelineEntry): string | null {
  const d = entry.details ?? {};
  const preferred = t("meta.languageCode");
  return d[`headline.${preferred}`] ?? d["headline.kk"] ?? d["headline.ru"] ?? d["headline.en"] ?? null;
}
