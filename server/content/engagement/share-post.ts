import { eq, sql } from "drizzle-orm";
import { posts, shares } from "../../../db/schema";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { emitEvent } from "../../jobs/emit-event";
import { parseInput } from "../../identity/parse-input";
import { requireEngageablePost } from "./engageable-post";
import { ENGAGEMENT_EVENTS, type PostSharedPayload } from "./events";
import { SHARES_PER_CALLER } from "./rate-limits";
import { shareSchema, type ShareInput } from "./schemas";

/**
 * Records a share of a published note and hands out its share URL (`/n/<id>?s=<shareId>`), which
 * later visits and attributions point back to. Visitors may share too (`user` null); they are
 * rate-limited by address. Every call is a new share, so the count is shares handed out.
 */
export async function sharePost(
  ctx: Pick<AppContext, "db" | "clock" | "config" | "rateLimits">,
  user: CurrentUser | null,
  postId: string,
  input: ShareInput,
  caller: { ip?: string } = {},
): Promise<{ shareUrl: string; shareCount: number; shareId: string }> {
  const { channel } = parseInput(shareSchema, input);
  await ctx.rateLimits.consume(SHARES_PER_CALLER, user ? `user:${user.id}` : `ip:${caller.ip ?? "unknown"}`);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await requireEngageablePost(tx, postId);
    const [share] = await tx
      .insert(shares)
      .values({ postId, userId: user?.id ?? null, channel, createdAt: now })
      .returning({ id: shares.id });
    const [row] = await tx
      .update(posts)
      .set({ shareCount: sql`${posts.shareCount} + 1` })
      .where(eq(posts.id, postId))
      .returning({ shareCount: posts.shareCount });
    const payload: PostSharedPayload = { postId, userId: user?.id ?? null, shareId: share!.id, channel };
    await emitEvent(tx, { type: ENGAGEMENT_EVENTS.postShared, payload, occurredAt: now });
    const base = (ctx.config.publicUrl ?? "").replace(/\/+$/, "");
    return { shareUrl: `${base}/n/${postId}?s=${share!.id}`, shareCount: row!.shareCount, shareId: share!.id };
  });
}
