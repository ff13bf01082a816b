import { sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { defineSchedule } from "../../jobs/schedule";
import { HOT_GRAVITY, HOT_SCORE_FLOOR, SCORE_WINDOW_DAYS } from "./rules";

/**
 * Recomputes hot_score and quality_score in one bulk UPDATE (formulas: rules.hotScore and
 * rules.qualityScore) for the notes that can still move: published in the last SCORE_WINDOW_DAYS,
 * or older but still ranked above HOT_SCORE_FLOOR (so an old viral note keeps decaying instead of
 * freezing at its last score). Both sets are index range scans (posts_published_idx, posts_hot_idx).
 * Idempotent: the result depends only on the counters and `now`.
 */
export async function recomputePostScores(db: Queryable, now: Date): Promise<{ updated: number }> {
  const result = await db.execute(sql`
    update posts p set hot_score = s.hot, quality_score = s.quality
    from (
      select p.id,
        (p.like_count + 2 * p.favorite_count + 3 * p.comment_count + p.share_count + 1)::float8
          / power(greatest(extract(epoch from (${now.toISOString()}::timestamptz - p.published_at))::float8 / 3600, 0) + 2, ${HOT_GRAVITY}::float8)
          -- Staff curation (pin, boost, bury): its factor fades linearly back to 1 over its decay days.
          * coalesce((select (1 + (c.weight_bp - 10000)::float8 / 10000
                          * greatest(0, 1 - extract(epoch from (${now.toISOString()}::timestamptz - c.starts_at))::float8 / 86400 / c.decay_days))
                      from post_curations c where c.post_id = p.id and c.ended_at is null), 1) as hot,
        0.25 * (case when p.media_kind = 'video' then 1
                     else least((select count(*) from post_media m where m.post_id = p.id), 4)::float8 / 4 end)
          + 0.25 * least(char_length(p.body), 300)::float8 / 300
          + 0.5 * (1 - exp(-(p.like_count + 2 * p.favorite_count + 3 * p.comment_count + p.share_count)::float8 / 20)) as quality
      from posts p
      where p.status = 'published' and p.published_at is not null
        and (p.published_at >= ${now.toISOString()}::timestamptz - make_interval(days => ${SCORE_WINDOW_DAYS})
             or p.hot_score > ${HOT_SCORE_FLOOR}::float8
             or exists (select 1 from post_curations c where c.post_id = p.id and c.ended_at is null))
    ) s
    where p.id = s.id`);
  const r = result as { count?: number; affectedRows?: number };
  return { updated: Number(r.count ?? r.affectedRows ?? 0) };
}

/** Every 10 minutes: the hot tab and recommendations read these scores, never compute them. */
export const postScoresSchedule = defineSchedule({
  name: "content.postScores",
  every: "10m",
  async run(ctx) {
    const { updated } = await recomputePostScores(ctx.db, ctx.clock.now());
    ctx.logger.info({ updated }, "post scores recomputed");
  },
});
