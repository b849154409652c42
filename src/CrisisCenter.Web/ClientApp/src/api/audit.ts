// The audit routes: who did what, when (per incident, per user), and which sign-in methods the server offers.
import { get, query } from "./http";

export interface AuditEntry {
  position: number;
  stream: string;
  revision: number;
  eventId: string;
  type: string;
  recordedAt: string;
  actorId: string | null;
  actorName: string | null;
  agencyCode: string | null;
  roles: string[];
  sessionId: string | null;
  commandId: string | null;
  incidentId: string | null;
  summary: string;
}

export interface AuditPage {
  items: AuditEntry[];
  nextAfter: number | null;
}

export interface UserListItem {
  userId: string;
  userName: string;
  displayName: string;
  agencyCode: string;
}

export interface SignInProviders {
  sso: boolean;
  ssoLoginPath: string | null;
}

const incidentAudit = (id: string) => `/api/incidents/${encodeURIComponent(id)}/audit`;
const userAudit = (id: string) => `/api/users/${encodeURIComponent(id)}/audit`;

export interface UserAuditFilter {
  from?: string;
  to?: string;
}

export const audit = {
  incident: (id: string, after: number | null, signal?: AbortSignal) =>
    get<AuditPage>(incidentAudit(id) + query({ after, limit: 200 }), signal),
  incidentCsv: (id: string) => incidentAudit(id) + query({ format: "csv", limit: 1000 }),
  user: (id: string, filter: UserAuditFilter, after: number | null, signal?: AbortSignal) =>
    get<AuditPage>(userAudit(id) + query({ ...filter, after, limit: 200 }), signal),
  userCsv: (id: string, filter: UserAuditFilter) => userAudit(id) + query({ ...filter, format: "csv", limit: 1000 }),
  users: (signal?: AbortSignal) => get<UserListItem[]>("/api/users", signal),
  providers: () => get<SignInProviders>("/api/auth/providers"),
};
