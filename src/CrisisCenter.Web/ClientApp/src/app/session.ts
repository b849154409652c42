// Who is signed in, and what their roles let the dashboard offer. The server decides every permission again;
// the dashboard only avoids offering what would certainly be refused.
import type { Me, Role } from "../api/types";

let current: Me | null = null;

export const session = {
  get user(): Me | null {
    return current;
  },
  set(user: Me | null): void {
    current = user;
  },
  has(role: Role): boolean {
    return current?.roles.includes(role) ?? false;
  },
  get isPressOfficer(): boolean {
    return this.has("PressOfficer");
  },
  get isApprover(): boolean {
    return this.has("Approver");
  },
  /** Press officers log situation updates; observers only when granted it for their own region. */
  get mayLogSituationUpdates(): boolean {
    return this.has("PressOfficer") || (this.has("Observer") && !!current?.regionCode && current?.canLogRegionalUpdates === true);
  },
};
