import { eq } from "drizzle-orm";
import { appeals, comments, moderationActions, posts } from "../../db/schema";
import type { AppContext } from "../context";
import type { CurrentUser } from "../identity";
import { parseInput } from "../identity/parse-input";
import { AppError, isUniqueViolation } from "../shared/errors";
import { appealSchema, type AppealInput } from "./schemas";

/**
 * The author contests a staff decision that hid or removed their note or comment. One appeal per
 * decision, enforced by a unique index: a second one is CONFLICT. Someone else's decision is
 * NOT_FOUND.
 */
export async function appealDecision(ctx: AppContext, author: CurrentUser, input: AppealInput): Promise<{ id: string; status: "open" }> {
  const data = parseInput(appealSchema, input);
  const [action] = await ctx.db.select().from(moderationActions).where(eq(moderationActions.id, data.actionId)).limit(1);
  if (!action) throw new AppError("NOT_FOUND", "notFound");
  const [target] =
    action.targetType === "post"
      ? await ctx.db.select({ authorId: posts.authorId }).from(posts).where(eq(posts.id, action.targetId))
      : await ctx.db.select({ authorId: comments.authorId }).from(comments).where(eq(comments.id, action.targetId));
  if (!target || target.authorId !== author.id) throw new AppError("NOT_FOUND", "notFound");
  // Only a staff decision against the author can be contested; a keyword hold is still awaiting one.
  if (action.actorId === null || (action.action !== "hide" && action.action !== "remove")) {
    throw new AppError("CONFLICT", "content.appeal.notAllowed");
  }
  try {
    const [row] = await ctx.db
      .insert(appeals)
      .values({ actionId: action.id, authorId: author.id, body: data.body, createdAt: ctx.clock.now() })
      .returning({ id: appeals.id });
    return { id: row!.id, status: "open" };
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "content.appeal.exists", { cause: e });
    throw e;
  }
}
