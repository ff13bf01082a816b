import type { AppLoadContext } from "@remix-run/node";
import { and, eq, sql } from "drizzle-orm";
import { userRoles } from "../../../db/schema";
import { brandDisclosures, lockedPostIds } from "../../../server/creators";
import type { CurrentUser } from "../../../server/identity";

/** Whether the reader may not see a fan-only note, and the brand of a brand campaign it is entered in. */
export async function noteCampaignState(context: AppLoadContext, postId: string, viewer: CurrentUser | null): Promise<{ locked: boolean; disclosure: string | null }> {
  const [locked, brands] = await Promise.all([lockedPostIds(context.db, [postId], viewer?.id), brandDisclosures(context.db, [postId])]);
  return { locked: locked.has(postId), disclosure: brands.get(postId) ?? null };
}

/** A creator's fan group size for the badge on their profile; null for someone who isn't a creator. */
export async function fanBadgeOf(context: AppLoadContext, userId: string): Promise<{ count: number } | null> {
  const [row] = await context.db
    .select({ count: sql<number>`coalesce((select member_count from fan_groups where creator_id = ${userId}), 0)::int` })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.role, "creator")));
  return row ? { count: Number(row.count) } : null;
}
