import { sql } from "drizzle-orm";
import type { AppContext } from "../../context";
import { userSummaries } from "../../content";
import { AppError } from "../../shared/errors";
import { activityIds } from "./activity";
import { dayNumber } from "./rules";
import type { ActivityItem } from "./schemas";
import { findChallenge } from "./views";
import { rowsOf } from "../../shared/sql-rows";

/**
 * The latest joins, check-ins and completions on a challenge, newest first: what the page shows
 * before live pushes take over. Items carry the same ids as the pushes, so a page that gets both
 * shows each once.
 */
export async function listChallengeActivity(ctx: AppContext, challengeId: string, options: { limit?: number } = {}): Promise<{ items: ActivityItem[] }> {
  const challenge = await findChallenge(ctx.db, challengeId);
  if (!challenge) throw new AppError("NOT_FOUND", "challenges.notFound");
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 50);
  type Row = { kind: ActivityItem["kind"]; user_id: string; local_date: string | null; at: Date | string };
  const rows = rowsOf<Row>(
    await ctx.db.execute(sql`
      select * from (
        (select 'checkedIn' as kind, user_id, local_date::text as local_date, created_at as at
           from challenge_checkins where challenge_id = ${challenge.id} order by created_at desc limit ${limit})
        union all
        (select 'joined', user_id, null, joined_at from challenge_participants
           where challenge_id = ${challenge.id} order by joined_at desc limit ${limit})
        union all
        (select 'completed', user_id, null, completed_at from challenge_participants
           where challenge_id = ${challenge.id} and completed_at is not null order by completed_at desc limit ${limit})
      ) a order by at desc, kind limit ${limit}`),
  );
  const users = new Map((await userSummaries(ctx, rows.map((r) => r.user_id))).map((u) => [u.id, u]));
  return {
    items: rows.flatMap((r) => {
      const user = users.get(r.user_id);
      if (!user) return [];
      const at = new Date(r.at);
      const id =
        r.kind === "checkedIn"
          ? activityIds.checkedIn(challenge.id, r.user_id, r.local_date!)
          : r.kind === "joined"
            ? activityIds.joined(challenge.id, r.user_id)
            : activityIds.completed(challenge.id, r.user_id);
      const day = r.kind === "checkedIn" ? dayNumber(challenge.startsOn, r.local_date!) : null;
      return [{ id, kind: r.kind, user, day, at: at.toISOString() }];
    }),
  };
}
