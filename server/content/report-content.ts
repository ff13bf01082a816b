import { eq } from "drizzle-orm";
import { comments, posts, reports } from "../../db/schema";
import type { AppContext } from "../context";
import { requirePermission, type CurrentUser } from "../identity";
import { parseInput } from "../identity/parse-input";
import { AppError } from "../shared/errors";
import { REPORTS_PER_HOUR } from "./rate-limits";
import { reportContentSchema, type ReportContentInput } from "./schemas";
import { isVisibleTo } from "./views";

/**
 * Reports a note or comment the reporter can see. One report per member per target: reporting again
 * succeeds and changes nothing (`created: false`), so a double tap is harmless.
 */
export async function reportContent(ctx: AppContext, user: CurrentUser, input: ReportContentInput): Promise<{ created: boolean }> {
  requirePermission(user, "report:post:any");
  const data = parseInput(reportContentSchema, input);
  await requireReportable(ctx, user, data.targetType, data.targetId);
  await ctx.rateLimits.consume(REPORTS_PER_HOUR, user.id);
  const inserted = await ctx.db
    .insert(reports)
    .values({
      targetType: data.targetType,
      targetId: data.targetId,
      reporterId: user.id,
      reason: data.reason,
      detail: data.detail,
      createdAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning({ id: reports.id });
  return { created: inserted.length > 0 };
}

async function requireReportable(ctx: AppContext, user: CurrentUser, targetType: "post" | "comment", targetId: string) {
  if (targetType === "post") {
    const [post] = await ctx.db.select({ status: posts.status, authorId: posts.authorId }).from(posts).where(eq(posts.id, targetId));
    if (!post || !isVisibleTo(post, user)) throw new AppError("NOT_FOUND", "notFound");
    return;
  }
  const [row] = await ctx.db
    .select({ status: comments.status, postStatus: posts.status, postAuthorId: posts.authorId })
    .from(comments)
    .innerJoin(posts, eq(posts.id, comments.postId))
    .where(eq(comments.id, targetId));
  if (!row || row.status === "deleted" || !isVisibleTo({ status: row.postStatus, authorId: row.postAuthorId }, user)) {
    throw new AppError("NOT_FOUND", "notFound");
  }
}
