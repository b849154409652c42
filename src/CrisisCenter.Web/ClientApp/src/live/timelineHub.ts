// The live connection to /hubs/timeline. Every feed remembers the last global position it delivered; after a
// reconnect it joins again from there, and anything at or before that position is dropped, so a feed never
// shows an entry twice and never skips one. A feed is "live" only while it is joined on a connected hub.
import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection, type RetryContext } from "@microsoft/signalr";
import type { IncidentSummary, TimelineEntry } from "../api/types";

export type ConnectionState = "connecting" | "live" | "reconnecting" | "offline";
export type FeedState = "joining" | "live" | "stale" | "refused";

export const hubUrl = "/hubs/timeline";

export interface Feed {
  readonly state: FeedState;
  /** The last global position delivered (null: nothing yet). */
  readonly lastPosition: number | null;
  close(): void;
}

interface FeedHandlers<T> {
  onItem(item: T): void;
  onState?(state: FeedState, error: string | null): void;
}

abstract class FeedBase<T> implements Feed {
  state: FeedState = "joining";
  error: string | null = null;
  closed = false;

  constructor(public lastPosition: number | null, private readonly handlers: FeedHandlers<T>, private readonly onClose: (feed: FeedBase<T>) => void) {}

  abstract join(connection: HubConnection): Promise<void>;
  protected abstract positionOf(item: T): number;

  deliver(item: T): void {
    if (this.closed) return;
    const position = this.positionOf(item);
    if (this.lastPosition !== null && position <= this.lastPosition) return; // already shown
    this.lastPosition = position;
    this.handlers.onItem(item);
  }

  setState(state: FeedState, error: string | null = null): void {
    if (this.closed || (this.state === state && this.error === error)) return;
    this.state = state;
    this.error = error;
    this.handlers.onState?.(state, error);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
  }
}

class IncidentFeed extends FeedBase<TimelineEntry> {
  constructor(readonly incidentId: string, after: number | null, handlers: FeedHandlers<TimelineEntry>, onClose: (feed: FeedBase<TimelineEntry>) => void) {
    super(after, handlers, onClose);
  }
  join(connection: HubConnection): Promise<void> {
    return connection.invoke("JoinIncident", this.incidentId, this.lastPosition);
  }
  protected positionOf(entry: TimelineEntry): number {
    return entry.position;
  }
}

class BoardFeed extends FeedBase<IncidentSummary> {
  join(connection: HubConnection): Promise<void> {
    return connection.invoke("JoinBoard", this.lastPosition);
  }
  protected positionOf(summary: IncidentSummary): number {
    return summary.lastPosition;
  }
}

const retryDelaysMs = [0, 1000, 2000, 5000, 5000, 10000, 10000];
const restartDelayMs = 10000;

export class TimelineHub {
  private connection: HubConnection | null = null;
  private connectionState: ConnectionState = "offline";
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly incidentFeeds = new Set<IncidentFeed>();
  private readonly boardFeeds = new Set<BoardFeed>();
  private restartTimer: number | undefined;
  private running = false;

  get state(): ConnectionState {
    return this.connectionState;
  }

  onStateChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.connectionState);
    return () => this.stateListeners.delete(listener);
  }

  /** Connects (the sign-in cookie authenticates) and keeps reconnecting until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.connection = this.build();
    void this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    window.clearTimeout(this.restartTimer);
    for (const feed of [...this.incidentFeeds, ...this.boardFeeds]) feed.setState("stale");
    const connection = this.connection;
    this.connection = null;
    this.setState("offline");
    if (connection) await connection.stop().catch(() => {});
  }

  /** Connect now instead of waiting for the next attempt. */
  reconnectNow(): void {
    if (!this.running || !this.connection || this.connection.state !== HubConnectionState.Disconnected) return;
    window.clearTimeout(this.restartTimer);
    void this.connect();
  }

  /** Entries of one incident after `after` (the last position the caller already has), then live ones. */
  followIncident(incidentId: string, after: number | null, handlers: FeedHandlers<TimelineEntry>): Feed {
    const feed = new IncidentFeed(incidentId, after, handlers, (closed) => this.closeIncidentFeed(closed as IncidentFeed));
    this.incidentFeeds.add(feed);
    void this.joinFeed(feed);
    return feed;
  }

  /** Board rows of incidents that changed after `after`, then live changes. */
  followBoard(after: number | null, handlers: FeedHandlers<IncidentSummary>): Feed {
    const feed = new BoardFeed(after, handlers, (closed) => this.boardFeeds.delete(closed as BoardFeed));
    this.boardFeeds.add(feed);
    void this.joinFeed(feed);
    return feed;
  }

  private build(): HubConnection {
    const connection = new HubConnectionBuilder()
      .withUrl(hubUrl)
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context: RetryContext) => retryDelaysMs[context.previousRetryCount] ?? null })
      .configureLogging(LogLevel.Warning)
      .build();
    connection.on("timeline", (entry: TimelineEntry) => {
      for (const feed of this.incidentFeeds) if (feed.incidentId === entry.incidentId) feed.deliver(entry);
    });
    connection.on("board", (summary: IncidentSummary) => {
      for (const feed of this.boardFeeds) feed.deliver(summary);
    });
    connection.onreconnecting(() => {
      this.markAllStale();
      this.setState("reconnecting");
    });
    connection.onreconnected(() => {
      this.setState("live");
      this.rejoinAll();
    });
    connection.onclose(() => {
      this.markAllStale();
      this.setState("offline");
      this.scheduleRestart();
    });
    return connection;
  }

  private async connect(): Promise<void> {
    const connection = this.connection;
    if (!connection || !this.running) return;
    this.setState("connecting");
    try {
      await connection.start();
    } catch {
      if (this.connection !== connection) return;
      this.setState("offline");
      this.scheduleRestart();
      return;
    }
    if (this.connection !== connection) return;
    this.setState("live");
    this.rejoinAll();
  }

  private scheduleRestart(): void {
    if (!this.running) return;
    window.clearTimeout(this.restartTimer);
    this.restartTimer = window.setTimeout(() => void this.connect(), restartDelayMs);
  }

  private rejoinAll(): void {
    for (const feed of [...this.incidentFeeds, ...this.boardFeeds]) void this.joinFeed(feed);
  }

  private markAllStale(): void {
    for (const feed of [...this.incidentFeeds, ...this.boardFeeds]) feed.setState("stale");
  }

  private async joinFeed(feed: FeedBase<unknown>): Promise<void> {
    const connection = this.connection;
    if (!connection || connection.state !== HubConnectionState.Connected) {
      feed.setState("stale");
      return;
    }
    feed.setState("joining");
    try {
      await feed.join(connection);
      if (connection.state === HubConnectionState.Connected) feed.setState("live");
      else feed.setState("stale");
    } catch (error) {
      if (connection.state !== HubConnectionState.Connected) {
        feed.setState("stale"); // the connection dropped while joining; the reconnect joins again
        return;
      }
      feed.setState("refused", hubErrorMessage(error));
    }
  }

  private closeIncidentFeed(feed: IncidentFeed): void {
    this.incidentFeeds.delete(feed);
    const stillFollowed = [...this.incidentFeeds].some((other) => other.incidentId === feed.incidentId);
    const connection = this.connection;
    if (!stillFollowed && connection?.state === HubConnectionState.Connected) {
      connection.invoke("LeaveIncident", feed.incidentId).catch(() => {});
    }
  }

  private setState(state: ConnectionState): void {
    if (state === this.connectionState) return;
    this.connectionState = state;
    for (const listener of this.stateListeners) listener(state);
  }
}

/** The server's reason from a HubException ("... HubException: reason"), without the client's wrapper text. */
export function hubErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const marker = "HubException: ";
  const index = message.indexOf(marker);
  return index >= 0 ? message.slice(index + marker.length) : message;
}

export const timelineHub = new TimelineHub();
