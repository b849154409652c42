// Typed calls of the CrisisCenter HTTP API, one function per route the dashboard uses.
import { command, get, itemsOf, query, request } from "./http";
import type {
  Agency, AgencyKpis, CommandAccepted, IncidentCategory, IncidentDetail, IncidentKpis, IncidentStatus, IncidentSummary, Language, Me, Page,
  Office, PendingApproval, PublicRecord, PublishableChannel, Region, RumorVerdict, Severity, StatementContent, StatementKind, StatementView, TimelineEntry, Visibility,
} from "./types";

const incident = (id: string) => `/api/incidents/${encodeURIComponent(id)}`;

export const auth = {
  signIn: (userName: string, password: string) => request<Me>("POST", "/api/auth/login", { userName, password }),
  signOut: () => request<void>("POST", "/api/auth/logout"),
  me: () => get<Me>("/api/auth/me"),
};

export const reference = {
  regions: () => get<Region[]>("/api/reference/regions"),
  agencies: () => get<Agency[]>("/api/reference/agencies"),
  office: () => get<Office>("/api/reference/office"),
};

export interface BoardFilter {
  status?: IncidentStatus | "";
  severity?: Severity | "";
  region?: string;
  agency?: string;
  q?: string;
}

export const board = {
  list: async (filter: BoardFilter, page = 1, pageSize = 50, signal?: AbortSignal): Promise<Page<IncidentSummary>> => {
    const url = "/api/incidents" + query({ ...filter, page, pageSize });
    const result = await get<Page<IncidentSummary> | IncidentSummary[]>(url, signal);
    return Array.isArray(result) ? { items: result, number: 1, size: result.length, totalCount: result.length } : result;
  },
};

export interface DeclareInput {
  title: string;
  description: string;
  category: IncidentCategory;
  severity: Severity;
  regions: string[];
  leadAgency: string;
  participatingAgencies: string[];
  visibility: Visibility;
  requiredLanguages: Language[];
  isPublicWarning: boolean;
}

export const incidents = {
  declare: (input: DeclareInput) => command<CommandAccepted>("POST", "/api/incidents", input),
  get: (id: string, signal?: AbortSignal) => get<IncidentDetail>(incident(id), signal),
  kpis: (id: string, signal?: AbortSignal) => get<IncidentKpis>(incident(id) + "/kpis", signal),
  /** The channels this server can publish the incident's statements to, with their health on this incident. */
  channels: (id: string, signal?: AbortSignal) => get<PublishableChannel[]>(incident(id) + "/channels", signal),
  /** What was public at `at` (an ISO instant), replayed from the incident's events. */
  asOf: (id: string, at: string, signal?: AbortSignal) => get<PublicRecord>(incident(id) + "/as-of" + query({ at }), signal),
  /** Addresses of the after-action report (opened by the browser, not fetched). */
  reportUrl: (id: string, format: "html" | "csv" | "json") => `${incident(id)}/report.${format}`,
  /** The timeline after a global position, oldest first. */
  timeline: async (id: string, after: number | null, limit: number, signal?: AbortSignal): Promise<TimelineEntry[]> =>
    itemsOf(await get<TimelineEntry[] | { items: TimelineEntry[] }>(incident(id) + "/timeline" + query({ after, limit }), signal)),
  logUpdate: (id: string, body: { text: string; language: Language; source: string; regionCode: string | null; verified: boolean }) =>
    command<CommandAccepted>("POST", incident(id) + "/updates", body),
  correctUpdate: (id: string, updateId: string, body: { text: string; reason: string; verified: boolean }) =>
    command<CommandAccepted>("POST", `${incident(id)}/updates/${encodeURIComponent(updateId)}/corrections`, body),
};

const statement = (id: string, statementId: string) => `${incident(id)}/statements/${encodeURIComponent(statementId)}`;

export const statements = {
  get: (id: string, statementId: string, signal?: AbortSignal) => get<StatementView>(statement(id, statementId), signal),
  draft: (id: string, body: { kind: StatementKind; content: StatementContent; referencesStatementId?: string | null; referencesRumorId?: string | null }) =>
    command<CommandAccepted>("POST", incident(id) + "/statements", body),
  revise: (id: string, statementId: string, content: StatementContent) =>
    command<CommandAccepted>("POST", statement(id, statementId) + "/revisions", { content }),
  submit: (id: string, statementId: string, revision: number) =>
    command<CommandAccepted>("POST", statement(id, statementId) + "/submit", { revision }),
  approve: (id: string, statementId: string, revision: number, contentHash: string) =>
    command<CommandAccepted>("POST", statement(id, statementId) + "/approve", { revision, contentHash }),
  reject: (id: string, statementId: string, revision: number, reason: string) =>
    command<CommandAccepted>("POST", statement(id, statementId) + "/reject", { revision, reason }),
  publish: (id: string, statementId: string, revision: number, contentHash: string, channels: string[]) =>
    command<CommandAccepted>("POST", statement(id, statementId) + "/publish", { revision, contentHash, channels }),
};

const channelPost = (id: string, postId: string) => `${incident(id)}/channel-posts/${encodeURIComponent(postId)}`;

export const channelPosts = {
  /** Hands an Abandoned post back to the dispatcher, or sends an Uncertain one again. */
  retry: (id: string, postId: string, note: string | null) => command<CommandAccepted>("POST", channelPost(id, postId) + "/retry", { note }),
  /** An Uncertain post did go out: it is delivered, with what the operator found on the channel. */
  confirmDelivered: (id: string, postId: string, body: { externalId: string | null; url: string | null; note: string | null }) =>
    command<CommandAccepted>("POST", channelPost(id, postId) + "/confirm-delivered", body),
};

const rumor = (id: string, rumorId: string) => `${incident(id)}/rumors/${encodeURIComponent(rumorId)}`;

export const rumors = {
  log: (id: string, body: { claim: string; whereSeen: string; link: string | null; firstSeenAt: string; estimatedReach: number | null }) =>
    command<CommandAccepted>("POST", incident(id) + "/rumors", body),
  assess: (id: string, rumorId: string, verdict: RumorVerdict, evidence: string) =>
    command<CommandAccepted>("POST", rumor(id, rumorId) + "/assess", { verdict, evidence }),
  close: (id: string, rumorId: string, reason: string) => command<CommandAccepted>("POST", rumor(id, rumorId) + "/close", { reason }),
};

export const approvals = {
  queue: async (signal?: AbortSignal): Promise<PendingApproval[]> =>
    itemsOf(await get<PendingApproval[] | { items: PendingApproval[] }>("/api/approvals", signal)),
};

export const kpis = {
  /** KPIs of the incidents `agency` led that were declared in [from, to) (ISO instants). */
  agency: (filter: { agency?: string; from?: string; to?: string }, signal?: AbortSignal) => get<AgencyKpis>("/api/kpis" + query(filter), signal),
};
