import { and, eq, inArray, isNull } from "drizzle-orm";
import { notifications } from "../../db/schema";
import type { AppContext } from "../context";
import { markNotificationsReadInput, parseInput, type MarkNotificationsReadInput } from "./schemas";
import { unreadCountOf } from "./views";

/**
 * Marks the member's own notifications read: the listed ids, or all of them. Ids of someone else's
 * notifications (or unknown ones) are silently skipped rather than reported, so the answer never
 * tells whether another member's notification exists. Reading a row closes its aggregation: the next
 * like on that note starts a new row.
 */
export async function markNotificationsRead(
  ctx: Pick<AppContext, "db" | "clock">,
  userId: string,
  input: MarkNotificationsReadInput,
): Promise<{ marked: number; unreadCount: number }> {
  const { ids } = parseInput(markNotificationsReadInput, input);
  const marked = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, [...new Set(ids)]) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return { marked: marked.length, unreadCount: await unreadCountOf(ctx.db, userId) };
}
