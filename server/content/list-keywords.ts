import { asc } from "drizzle-orm";
import { moderationKeywords } from "../../db/schema";
import type { AppContext } from "../context";
import { requirePermission, type CurrentUser } from "../identity";

export type KeywordView = { id: string; keyword: string; createdAt: string };

/** The keywords that hold matching notes for review, alphabetically. */
export async function listKeywords(ctx: AppContext, staff: CurrentUser): Promise<KeywordView[]> {
  requirePermission(staff, "moderate:post:any");
  const rows = await ctx.db.select().from(moderationKeywords).orderBy(asc(moderationKeywords.keyword));
  return rows.map((r) => ({ id: r.id, keyword: r.keyword, createdAt: r.createdAt.toISOString() }));
}
