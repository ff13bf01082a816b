import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import { posts, uploads } from "../../../db/schema";
import type { AppContext } from "../../context";
import { uploadViewOf } from "../../media";
import { zonedInstant } from "../../jobs/schedule";
import { addDays } from "./rules";
import type { ProofCandidates } from "./schemas";
import { todayOf } from "./views";

/**
 * The member's notes published today (platform-local), newest first, for the check-in picker; each
 * says whether it already proved a day of this challenge. Other rules (category, topic) are left to
 * the check-in itself, which explains a refusal next to the picker.
 */
export async function listProofCandidates(ctx: AppContext, challengeId: string, userId: string): Promise<ProofCandidates> {
  const today = todayOf(ctx);
  const tz = ctx.config.platformTimeZone;
  const from = zonedInstant(today, 0, 0, tz);
  const to = zonedInstant(addDays(today, 1), 0, 0, tz);
  const rows = await ctx.db
    .select({
      id: posts.id,
      title: posts.title,
      publishedAt: posts.publishedAt,
      cover: uploads,
      used: sql<boolean>`exists (select 1 from challenge_checkins cc where cc.challenge_id = ${challengeId} and cc.post_id = ${posts.id})`,
    })
    .from(posts)
    .leftJoin(uploads, eq(uploads.id, posts.coverUploadId))
    .where(and(eq(posts.authorId, userId), eq(posts.status, "published"), gte(posts.publishedAt, from), lt(posts.publishedAt, to)))
    .orderBy(desc(posts.publishedAt))
    .limit(20);
  return {
    items: rows.map((r) => {
      const cover = r.cover ? uploadViewOf(r.cover) : null;
      return {
        id: r.id,
        title: r.title,
        publishedAt: r.publishedAt!.toISOString(),
        thumbUrl: cover ? (cover.thumbUrl ?? cover.mediumUrl ?? cover.url) : null,
        used: Boolean(r.used),
      };
    }),
  };
}
