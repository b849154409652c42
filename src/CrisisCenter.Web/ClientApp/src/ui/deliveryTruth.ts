// What a published statement's status says: "Published" in green only once every chosen channel × language is
// Delivered; until then how many were delivered, how many are failing (named) or still on their way.
import type { ChannelPost, StatementView } from "../api/types";
import { channelName, t, txt } from "../i18n/i18n";
import { statementStatusBadge } from "./badges";
import { h } from "./dom";

export interface DeliveryTally {
  total: number;
  delivered: number;
  failing: ChannelPost[];
  pending: number;
}

const failingStatuses = new Set(["Failed", "Abandoned", "Uncertain"]);

export function deliveryTally(statement: StatementView): DeliveryTally {
  const posts = statement.posts;
  return {
    total: posts.length,
    delivered: posts.filter((p) => p.status === "Delivered").length,
    failing: posts.filter((p) => failingStatuses.has(p.status)),
    pending: posts.filter((p) => p.status === "Scheduled" || p.status === "Sending").length,
  };
}

/** A channel post named for people: "Telegram channel (KK)". */
export const postName = (post: ChannelPost): string => `${channelName(post.channel)} (${post.language.toUpperCase()})`;

/** The statement's status badge, telling a publication whose posts have not all arrived apart from a delivered one. */
export function statementTruthBadge(statement: StatementView): HTMLElement {
  const tally = deliveryTally(statement);
  if (statement.status !== "Published" || tally.total === 0 || tally.delivered === tally.total) {
    const badge = statementStatusBadge(statement.status);
    if (statement.status === "Published") badge.dataset["delivery"] = "complete";
    return badge;
  }
  const failing = tally.failing.length;
  return h("span", {
    class: ["badge", failing ? "statement-published-failing" : "statement-published-pending"],
    attrs: { "data-delivery": failing ? "failing" : "pending", "data-delivered": tally.delivered, "data-total": tally.total },
  }, txt(() => t("statement.publishedPartial", { delivered: tally.delivered, total: tally.total })
    + (failing ? t("statement.partFailing", { n: failing }) : "")
    + (tally.pending ? t("statement.partPending", { n: tally.pending }) : "")));
}

/** "Failing: Telegram channel (KK), …" under the badge, or nothing when no post is failing. */
export function failingPostsNote(statement: StatementView): HTMLElement | null {
  const { failing } = deliveryTally(statement);
  if (statement.status !== "Published" || failing.length === 0) return null;
  return h("p", { class: "delivery-failing", attrs: { "data-testid": "failing-posts" } },
    txt(() => t("statement.failingChannels", { channels: failing.map(postName).join(", ") })));
}
