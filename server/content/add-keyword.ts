import { moderationKeywords } from "../../db/schema";
import type { AppContext } from "../context";
import { requirePermission, type CurrentUser } from "../identity";
import { parseInput } from "../identity/parse-input";
import { AppError, isUniqueViolation } from "../shared/errors";
import type { KeywordView } from "./list-keywords";
import { keywordSchema } from "./schemas";

/**
 * Adds a keyword (compared without case). It applies to notes published or edited from now on;
 * notes already public stay up until reported.
 */
export async function addKeyword(ctx: AppContext, staff: CurrentUser, input: { keyword: string }): Promise<KeywordView> {
  requirePermission(staff, "moderate:post:any");
  const data = parseInput(keywordSchema, input);
  try {
    const [row] = await ctx.db
      .insert(moderationKeywords)
      .values({ keyword: data.keyword, createdBy: staff.id, createdAt: ctx.clock.now() })
      .returning();
    ctx.logger.info({ staffId: staff.id, keywordId: row!.id }, "moderation keyword added");
    return { id: row!.id, keyword: row!.keyword, createdAt: row!.createdAt.toISOString() };
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new AppError("CONFLICT", "content.keyword.exists", { fields: { keyword: ["content.keyword.exists"] }, cause: e });
    }
    throw e;
  }
}
