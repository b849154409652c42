// One incident as a screen sees it: its current state (from the grain, via the API), its timeline (REST
// history, then live entries from the hub), and who its actors are by name.
import { incidents } from "../api/endpoints";
import { ApiError } from "../api/http";
import type { IncidentDetail, StatementKind, TimelineEntry } from "../api/types";
import type { Feed, FeedState, TimelineHub } from "../live/timelineHub";
import type { ScreenScope } from "../screens/screen";
import { session } from "./session";

const timelinePageSize = 500;

export class LiveIncident {
  detail: IncidentDetail | null = null;
  readonly entries: TimelineEntry[] = [];
  /** Whether the REST timeline could be read (it may not exist on an older server). */
  timelineError: unknown = null;
  private feed: Feed | null = null;
  private readonly names = new Map<string, string>();
  private readonly entryListeners = new Set<(entry: TimelineEntry) => void>();
  private readonly detailListeners = new Set<(detail: IncidentDetail) => void>();
  private readonly stateListeners = new Set<(state: FeedState, error: string | null) => void>();
  private readonly refreshSoon: () => void;
  feedState: FeedState = "joining";
  feedError: string | null = null;

  constructor(private readonly hub: TimelineHub, readonly incidentId: string, private readonly scope: ScreenScope) {
    this.refreshSoon = scope.debounce(() => void this.refreshDetail(), 250);
    scope.add(() => this.feed?.close());
  }

  /** Loads state and history, then follows live entries. Throws ApiError (404 when the user may not see it). */
  async load(): Promise<IncidentDetail> {
    const [detail] = await Promise.all([incidents.get(this.incidentId, this.scope.signal), this.loadTimeline()]);
    this.detail = detail;
    const user = session.user;
    if (user) this.names.set(user.userId, user.displayName);
    const last = this.entries.length ? this.entries[this.entries.length - 1]!.position : null;
    this.feed = this.hub.followIncident(this.incidentId, last, {
      onItem: (entry) => this.receive(entry),
      onState: (state, error) => {
        this.feedState = state;
        this.feedError = error;
        for (const listener of this.stateListeners) listener(state, error);
      },
    });
    return detail;
  }

  onEntry(listener: (entry: TimelineEntry) => void): void {
    this.entryListeners.add(listener);
  }

  onDetail(listener: (detail: IncidentDetail) => void): void {
    this.detailListeners.add(listener);
  }

  onFeedState(listener: (state: FeedState, error: string | null) => void): void {
    this.stateListeners.add(listener);
    listener(this.feedState, this.feedError);
  }

  get isLive(): boolean {
    return this.feed?.state === "live" && this.hub.state === "live";
  }

  /** Reads the state again now (after the user's own command, so it shows at once). */
  async refreshDetail(): Promise<void> {
    try {
      const detail = await incidents.get(this.incidentId, this.scope.signal);
      this.detail = detail;
      for (const listener of this.detailListeners) listener(detail);
    } catch {
      // the next live entry or the user's next action tries again; the page keeps what it has
    }
  }

  /** A user's display name as the timeline recorded it; the id when the timeline has not named them. */
  personName(userId: string): string {
    return this.names.get(userId) ?? userId;
  }

  kindOf = (statementId: string): StatementKind | null =>
    this.detail?.statements.find((s) => s.id === statementId)?.kind ?? null;

  private async loadTimeline(): Promise<void> {
    let after: number | null = null;
    try {
      for (;;) {
        const page: TimelineEntry[] = await incidents.timeline(this.incidentId, after, timelinePageSize, this.scope.signal);
        for (const entry of page) this.remember(entry);
        if (page.length < timelinePageSize) break;
        after = page[page.length - 1]!.position;
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.timelineError = error;
    }
  }

  private remember(entry: TimelineEntry): void {
    this.entries.push(entry);
    if (entry.actorName) this.names.set(entry.actorId, entry.actorName);
  }

  private receive(entry: TimelineEntry): void {
    this.remember(entry);
    for (const listener of this.entryListeners) listener(entry);
    this.refreshSoon();
  }
}
