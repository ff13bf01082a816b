import { and, asc, desc, eq, gt, lt, or } from "drizzle-orm";
import { z } from "zod";
import { appeals, moderationActions } from "../../db/schema";
import type { AppContext } from "../context";
import { requirePermission, type CurrentUser } from "../identity";
import { decodeCursor, encodeCursor } from "./feeds/cursor";
import { userSummaries, type UserSummary } from "./views";

export type AppealView = {
  id: string;
  actionId: string;
  action: string;
  actionReason: string;
  targetType: "post" | "comment";
  targetId: string;
  author: UserSummary;
  body: string;
  status: "open" | "upheld" | "overturned";
  createdAt: string;
  decidedAt: string | null;
};

const cursorShape = z.object({ c: z.iso.datetime(), id: z.uuid() });

/**
 * Appeals for staff: open ones oldest first (a queue), or decided ones newest first (a record).
 * Keyset-paginated.
 */
export async function listAppeals(
  ctx: AppContext,
  staff: CurrentUser,
  options: { status?: "open" | "decided"; cursor?: string; limit?: number } = {},
): Promise<{ items: AppealView[]; nextCursor: string | null }> {
  requirePermission(staff, "moderate:post:any");
  const open = (options.status ?? "open") === "open";
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 50);
  const after = options.cursor ? decodeCursor(cursorShape, options.cursor) : null;
  const afterTime = after ? new Date(after.c) : null;
  const keyset =
    after && afterTime
      ? open
        ? or(gt(appeals.createdAt, afterTime), and(eq(appeals.createdAt, afterTime), gt(appeals.id, after.id)))
        : or(lt(appeals.createdAt, afterTime), and(eq(appeals.createdAt, afterTime), lt(appeals.id, after.id)))
      : undefined;
  const statusFilter = open ? eq(appeals.status, "open") : or(eq(appeals.status, "upheld"), eq(appeals.status, "overturned"));
  const rows = await ctx.db
    .select({ appeal: appeals, action: moderationActions })
    .from(appeals)
    .innerJoin(moderationActions, eq(moderationActions.id, appeals.actionId))
    .where(and(statusFilter, keyset))
    .orderBy(...(open ? [asc(appeals.createdAt), asc(appeals.id)] : [desc(appeals.createdAt), desc(appeals.id)]))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const authors = new Map((await userSummaries(ctx, page.map((r) => r.appeal.authorId))).map((u) => [u.id, u]));
  const last = page[page.length - 1];
  return {
    items: page.flatMap(({ appeal, action }) => {
      const author = authors.get(appeal.authorId);
      if (!author) return [];
      return [
        {
          id: appeal.id,
          actionId: action.id,
          action: action.action,
          actionReason: action.reason,
          targetType: action.targetType,
          targetId: action.targetId,
          author,
          body: appeal.body,
          status: appeal.status,
          createdAt: appeal.createdAt.toISOString(),
          decidedAt: appeal.decidedAt ? appeal.decidedAt.toISOString() : null,
        },
      ];
    }),
    nextCursor: rows.length > limit && last ? encodeCursor({ c: last.appeal.createdAt.toISOString(), id: last.appeal.id }) : null,
  };
}
