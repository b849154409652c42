// Says whether what the user sees is live. A timeline is called live only while its feed is joined on a
// connected hub; otherwise the user is told it may be out of date, and since when.
import type { ConnectionState, Feed, FeedState, TimelineHub } from "../live/timelineHub";
import { formatTime } from "../i18n/format";
import { follow, t } from "../i18n/i18n";
import { h } from "./dom";

export interface FeedStatus {
  element: HTMLElement;
  /** Call from the feed's onState. */
  update(state: FeedState, error: string | null): void;
  dispose(): void;
}

export function feedStatus(hub: TimelineHub, nowLabel: () => string = () => new Date().toISOString()): FeedStatus {
  const element = h("div", { class: "feed-status", attrs: { role: "status", "aria-live": "polite", "data-feed-state": "joining" } });
  let feedState: FeedState = "joining";
  let feedError: string | null = null;
  let hubState: ConnectionState = hub.state;
  let lastLiveAt: string | null = null;

  const render = () => {
    const shown = feedState === "refused" ? "refused"
      : feedState === "live" && hubState === "live" ? "live"
      : hubState === "reconnecting" || hubState === "connecting" ? "reconnecting"
      : hubState === "offline" ? "offline"
      : "joining";
    if (shown === "live") lastLiveAt = nowLabel();
    element.dataset["feedState"] = shown;
    element.classList.toggle("is-live", shown === "live");
    element.classList.toggle("is-stale", shown !== "live");
    const text = shown === "live" ? t("feed.live")
      : shown === "refused" ? t("feed.refused", { reason: feedError ?? "" })
      : shown === "joining" ? t("feed.joining")
      : lastLiveAt ? t(shown === "offline" ? "feed.offlineSince" : "feed.reconnectingSince", { time: formatTime(lastLiveAt) })
      : t(shown === "offline" ? "feed.offline" : "feed.reconnecting");
    element.replaceChildren(h("span", { class: "feed-dot", attrs: { "aria-hidden": "true" } }), document.createTextNode(text));
  };

  follow(element, render);
  const unsubscribe = hub.onStateChange((state) => {
    hubState = state;
    render();
  });
  return {
    element,
    update(state, error) {
      feedState = state;
      feedError = error;
      render();
    },
    dispose: unsubscribe,
  };
}

/** Marks a container as stale (dimmed, with aria-busy) while its feed is not live. */
export function markStale(container: HTMLElement, feed: Feed | null, hub: TimelineHub): void {
  const live = feed?.state === "live" && hub.state === "live";
  container.classList.toggle("stale", !live);
}
