// Shapes of the CrisisCenter HTTP API and hub messages, as the server serialises them (camelCase, enums as names).

export type Language = "kk" | "ru" | "en";
export const languages: readonly Language[] = ["kk", "ru", "en"];

export type Role = "Admin" | "PressOfficer" | "Approver" | "Observer";
export type IncidentStatus = "Active" | "Stabilized" | "Closed";
export const incidentStatuses: readonly IncidentStatus[] = ["Active", "Stabilized", "Closed"];
export type Severity = "Minor" | "Moderate" | "Severe" | "Extreme";
export const severities: readonly Severity[] = ["Minor", "Moderate", "Severe", "Extreme"];
export type IncidentCategory =
  | "Geo" | "Met" | "Safety" | "Security" | "Rescue" | "Fire" | "Health" | "Env" | "Transport" | "Infra" | "CBRNE" | "Other";
export const categories: readonly IncidentCategory[] =
  ["Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other"];
export type Visibility = "Normal" | "Restricted";
export type StatementKind = "Holding" | "Update" | "Correction" | "Retraction" | "Rebuttal";
export const statementKinds: readonly StatementKind[] = ["Holding", "Update", "Correction", "Retraction", "Rebuttal"];
export type StatementStatus = "Draft" | "InReview" | "Approved" | "Rejected" | "Published" | "Corrected" | "Retracted";
export type RumorStatus = "Logged" | "Assessed" | "Rebutted" | "Closed";
export type RumorVerdict = "False" | "Misleading" | "Unverified" | "True";
export const verdicts: readonly RumorVerdict[] = ["False", "Misleading", "Unverified", "True"];
export type ChannelPostStatus = "Scheduled" | "Sending" | "Delivered" | "Failed" | "Abandoned" | "Uncertain";

export interface Me {
  userId: string;
  userName: string;
  displayName: string;
  agencyCode: string;
  roles: Role[];
  regionCode: string | null;
  /** Observers: granted logging situation updates for their own region. */
  canLogRegionalUpdates?: boolean;
}

export interface Region { code: string; kind: string; nameKk: string; nameRu: string; nameEn: string }
export interface Agency { code: string; kind: string; nameKk: string; nameRu: string; nameEn: string; regionCode: string | null }
/** The deployment's office settings (CrisisCenter:TimeZone): whose clock dates are shown and typed on. */
export interface Office { timeZone: string }

export interface StatementText { headline: string; body: string; instruction: string | null }
export type StatementContent = Partial<Record<Language, StatementText>>;

export interface Approval { approver: string; revision: number; contentHash: string; at: string }
export interface StatementRejection { by: string; revision: number; reason: string; at: string }

export interface RevisionView {
  number: number;
  content: StatementContent;
  contentHash: string;
  author: string;
  at: string;
  submittedBy: string | null;
  submittedAt: string | null;
  approvals: Approval[];
}

export interface ChannelPost {
  id: string;
  statementId: string;
  revision: number;
  channel: string;
  language: Language;
  action: string;
  status: ChannelPostStatus;
  attempts: number;
  url: string | null;
  lastError: string | null;
  externalId?: string | null;
  nextRetryAt?: string | null;
  notBefore?: string | null;
  note?: string | null;
}

/**
 * A channel this server can publish the incident's statements to (GET /api/incidents/{id}/channels): the languages it
 * has a destination for, whether it is switched on, and how its posts on this incident stand.
 */
export interface PublishableChannel {
  code: string;
  kind: string;
  enabled: boolean;
  languages: Language[];
  delivered: number;
  failing: number;
  pending: number;
  lastStatus: ChannelPostStatus | null;
  lastError: string | null;
}

export interface StatementView {
  id: string;
  kind: StatementKind;
  status: StatementStatus;
  referencesStatementId: string | null;
  referencesRumorId: string | null;
  currentRevision: number;
  publishedRevision: number | null;
  publishedAt: string | null;
  supersededBy: string | null;
  revisions: RevisionView[];
  rejections: StatementRejection[];
  posts: ChannelPost[];
}

export interface SituationUpdate {
  id: string;
  text: string;
  language: Language;
  source: string;
  regionCode: string | null;
  verified: boolean;
  loggedBy: string;
  loggedAt: string;
  correctsUpdateId: string | null;
  correctionReason: string | null;
  correctedByUpdateId: string | null;
}

export interface Rumor {
  id: string;
  claim: string;
  whereSeen: string;
  link: string | null;
  firstSeenAt: string;
  estimatedReach: number | null;
  loggedBy: string;
  loggedAt: string;
  status: RumorStatus;
  verdict: RumorVerdict | null;
  evidence: string | null;
  rebuttedByStatementId: string | null;
  rebuttedAt: string | null;
  closedReason: string | null;
}

export interface IncidentDetail {
  id: string;
  code: string;
  title: string;
  description: string;
  category: IncidentCategory;
  severity: Severity;
  status: IncidentStatus;
  regions: string[];
  leadAgency: string;
  participatingAgencies: string[];
  visibility: Visibility;
  requiredLanguages: Language[];
  isPublicWarning: boolean;
  declaredAt: string;
  declaredBy: string;
  approvalsRequired: number;
  revision: number;
  position: number;
  statements: StatementView[];
  situationUpdates: SituationUpdate[];
  rumors: Rumor[];
}

/** One row of the incident board; also what the hub pushes as `board`. */
export interface IncidentSummary {
  id: string;
  code: string;
  title: string;
  status: IncidentStatus;
  severity: Severity;
  category: IncidentCategory;
  regions: string[];
  leadAgency: string;
  participatingAgencies: string[];
  visibility: Visibility;
  isPublicWarning: boolean;
  declaredAt: string;
  lastActivityAt: string;
  revision: number;
  lastPosition: number;
  openRumors: number;
  publishedStatements: number;
  statementsAwaitingApproval: number;
}

export interface Page<T> { items: T[]; number: number; size: number; totalCount: number; totalPages?: number; hasNext?: boolean }

export type TimelineKind = "incident" | "situation-update" | "statement" | "approval" | "channel-post" | "rumor";

/** One line of an incident's timeline; also what the hub pushes as `timeline`. */
export interface TimelineEntry {
  position: number;
  eventId: string;
  incidentId: string;
  revision: number;
  type: string;
  kind: TimelineKind;
  at: string;
  actorId: string;
  actorName: string | null;
  agencyCode: string | null;
  language: Language | null;
  summary: string;
  statementId: string | null;
  rumorId: string | null;
  updateId: string | null;
  postId: string | null;
  details: Record<string, string | null>;
}

export interface PendingApproval {
  incidentId: string;
  incidentCode: string;
  incidentTitle: string;
  severity: Severity;
  leadAgency: string;
  statementId: string;
  kind: StatementKind;
  revision: number;
  contentHash: string;
  author: string;
  authors: string[];
  submittedBy: string;
  submittedAt: string;
  approvedBy: string[];
  approvalsRequired: number;
  approvalsMissing?: number;
}

export interface DurationStats { count: number; median: string | null; p90: string | null }

export interface IncidentKpis {
  incidentId: string;
  code: string;
  declaredAt: string;
  asOf: string;
  firstStatementPublishedAt: string | null;
  timeToFirstPublicStatement: string | null;
  approvalTurnaround: DurationStats;
  rumorsLogged: number;
  openRumors: number;
  rumorLoggedToRebutted: DurationStats;
  publishedStatements: number;
  correctionsPublished?: number;
  retractionsPublished?: number;
  situationUpdateCorrections?: number;
  channels?: ChannelDeliveryStats[];
}

/** Deliveries of one incident on one channel (`failing`: posts whose last attempt failed and will be retried). */
export interface ChannelDeliveryStats {
  channel: string;
  posts: number;
  delivered: number;
  failing: number;
  abandoned: number;
  uncertain: number;
  failedAttempts: number;
  deliveryLatency: DurationStats;
}

/** GET /api/kpis: an agency's incidents declared in [from, to), pooled. */
export interface AgencyKpis {
  agency: string;
  from: string;
  to: string;
  incidents: string[];
  timeToFirstPublicStatement: DurationStats;
  approvalTurnaround: DurationStats;
  rumorLoggedToRebutted: DurationStats;
  rumorsLogged: number;
  publishedStatements: number;
  correctionsPublished: number;
  retractionsPublished: number;
  channels: AgencyChannelStats[];
}

export interface AgencyChannelStats {
  channel: string;
  posts: number;
  delivered: number;
  failedAttempts: number;
  undeliveredPosts: number;
  /** failed attempts / (failed attempts + deliveries); null when nothing was attempted. */
  attemptFailureRate: number | null;
  deliveryLatency: DurationStats;
}

/** GET /api/incidents/{id}/as-of?at=: what was public at a moment, replayed from the incident's events. */
export interface PublicRecord {
  incidentId: string;
  at: string;
  declared: boolean;
  lastPosition: number | null;
  eventsFolded: number;
  code: string;
  title: string;
  status: IncidentStatus;
  severity: Severity;
  regions: string[];
  statements: PublicStatement[];
  channelPosts: PostAsOf[];
  openRumors: OpenRumor[];
}

export interface PublicStatement {
  statementId: string;
  kind: StatementKind;
  status: StatementStatus;
  revision: number;
  contentHash: string;
  publishedAt: string;
  languages: Language[];
  content: StatementContent;
  referencesStatementId: string | null;
  referencesRumorId: string | null;
  supersededBy: string | null;
}

export interface PostAsOf {
  postId: string;
  statementId: string;
  revision: number;
  channel: string;
  language: Language;
  action: string;
  status: ChannelPostStatus;
  attempts: number;
  externalId: string | null;
  url: string | null;
  lastError: string | null;
}

export interface OpenRumor {
  rumorId: string;
  claim: string;
  whereSeen: string;
  link: string | null;
  firstSeenAt: string;
  loggedAt: string;
  status: RumorStatus;
  verdict: RumorVerdict | null;
}

/** What a successful command answers. */
export interface CommandAccepted {
  incidentId: string;
  revision: number;
  position: number;
  eventCount: number;
  duplicate: boolean;
  id: string | null;
  code: string | null;
}
