import { eq } from "drizzle-orm";
import { moderationKeywords } from "../../db/schema";
import type { AppContext } from "../context";
import { requirePermission, type CurrentUser } from "../identity";
import { AppError } from "../shared/errors";
import { isUuid } from "./schemas";

/** Removes a keyword; notes it already held stay in the queue for a decision. */
export async function removeKeyword(ctx: AppContext, staff: CurrentUser, keywordId: string): Promise<void> {
  requirePermission(staff, "moderate:post:any");
  if (!isUuid(keywordId)) throw new AppError("NOT_FOUND", "notFound");
  const deleted = await ctx.db.delete(moderationKeywords).where(eq(moderationKeywords.id, keywordId)).returning({ id: moderationKeywords.id });
  if (deleted.length === 0) throw new AppError("NOT_FOUND", "notFound");
  ctx.logger.info({ staffId: staff.id, keywordId }, "moderation keyword removed");
}
