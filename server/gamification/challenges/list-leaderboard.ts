import { sql } from "drizzle-orm";
import type { AppContext } from "../../context";
import { userSummaries } from "../../content";
import { AppError } from "../../shared/errors";
import type { Leaderboard } from "./schemas";
import { findChallenge } from "./views";
import { rowsOf } from "../../shared/sql-rows";

/**
 * The challenge's leaderboard: most days done first, then whoever finished their last check-in on an
 * earlier day (they got there first). Members level on both share a rank (1, 1, 3 …). Members who
 * joined but never checked in are not listed. Reads the board index (challenge_id, days_done, last_checkin_date).
 */
export async function listChallengeLeaderboard(
  ctx: AppContext,
  challengeId: string,
  viewer: { id: string } | null,
  options: { limit?: number } = {},
): Promise<Leaderboard> {
  const challenge = await findChallenge(ctx.db, challengeId);
  if (!challenge) throw new AppError("NOT_FOUND", "challenges.notFound");
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
  const ranked = sql`
    select user_id, days_done, last_checkin_date::text as last_checkin_date, completed_at is not null as completed,
      rank() over (order by days_done desc, last_checkin_date asc) as rank
    from challenge_participants
    where challenge_id = ${challenge.id} and days_done > 0`;
  type Row = { user_id: string; days_done: number; last_checkin_date: string | null; completed: boolean; rank: string | number };
  const rows = rowsOf<Row>(await ctx.db.execute(sql`select * from (${ranked}) b order by rank, user_id limit ${limit}`));
  const meRow = viewer
    ? rowsOf<Row>(await ctx.db.execute(sql`select * from (${ranked}) b where user_id = ${viewer.id}`))[0]
    : undefined;
  const users = new Map((await userSummaries(ctx, rows.map((r) => r.user_id))).map((u) => [u.id, u]));
  return {
    items: rows.flatMap((r) => {
      const user = users.get(r.user_id);
      return user
        ? [{ rank: Number(r.rank), user, daysDone: Number(r.days_done), lastCheckinDate: r.last_checkin_date, completed: Boolean(r.completed) }]
        : [];
    }),
    me: meRow ? { rank: Number(meRow.rank), daysDone: Number(meRow.days_done) } : null,
  };
}
