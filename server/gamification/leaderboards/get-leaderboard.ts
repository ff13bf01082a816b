import { sql, type SQL } from "drizzle-orm";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { mediaUrl } from "../../media/views";
import { localDate } from "../../shared/clock";
import { daysBefore, periodBounds } from "./periods";
import { leaderboardQuerySchema, type Leaderboard, type LeaderboardQuery } from "./schemas";
import { rowsOf } from "../../shared/sql-rows";

/** Staff and admins run the platform; their test awards and check-ins don't compete. */
const eligible = (userId: SQL) => sql`exists (select 1 from users u where u.id = ${userId} and u.status = 'active')
  and not exists (select 1 from user_roles r where r.user_id = ${userId} and r.role in ('staff', 'admin'))`;

/**
 * Points earned in the window: per member, the sum of their available-points postings in entries whose
 * other side is the platform's points issuance account — rule awards (check-ins, notes, likes …) and
 * challenge rewards, net of any reversal of such an award (a refunded purchase's points come off).
 * Spending (redemptions go to `expense`), refunds of redemptions (back from `expense`), expiry
 * (`breakage`) and transfers between a member's own accounts (pending → available) are not earnings,
 * so they don't count. The window is by the entry's occurred_at.
 */
function pointsScores(start: Date | null, end: Date | null): SQL {
  return sql`
    select a.owner_id as user_id, sum(p.amount)::bigint as value
    from postings p
    join ledger_accounts a on a.id = p.account_id
    join journal_entries e on e.id = p.entry_id
    where a.owner_type = 'user' and a.asset = 'points' and a.kind = 'available'
      ${start ? sql`and e.occurred_at >= ${start.toISOString()}::timestamptz` : sql``}
      ${end ? sql`and e.occurred_at < ${end.toISOString()}::timestamptz` : sql``}
      and exists (
        select 1 from postings q join ledger_accounts i on i.id = q.account_id
        where q.entry_id = p.entry_id and i.owner_type = 'platform' and i.asset = 'points' and i.kind = 'issuance')
    group by a.owner_id`;
}

/**
 * Current streaks: consecutive check-in days ending today or yesterday (a streak is still alive
 * until today's platform-local day ends). Islands of consecutive dates share `date + row_number`
 * when numbered newest first; the island holding the latest date is the current streak.
 */
function streakScores(today: string): SQL {
  const yesterday = daysBefore(today, 1);
  return sql`
    select s.user_id, count(*)::bigint as value from (
      select user_id, local_date,
        local_date + (row_number() over (partition by user_id order by local_date desc))::int as island,
        max(local_date) over (partition by user_id) as last_date
      from checkins where local_date <= ${today}::date
    ) s
    where s.last_date >= ${yesterday}::date and s.island = s.last_date + 1
    group by s.user_id`;
}

/**
 * A leaderboard: points earned this week / month / ever, or current check-in streaks. Equal values
 * share a rank and the next rank skips (1, 2, 2, 4); among equals the order is by handle so pages are
 * stable. The signed-in member's own rank comes back even when they are outside the top N.
 */
export async function getLeaderboard(ctx: Pick<AppContext, "db" | "clock" | "config">, viewer: CurrentUser | null, input: LeaderboardQuery = {}): Promise<Leaderboard> {
  const q = parseInput(leaderboardQuerySchema, input);
  const now = ctx.clock.now();
  const tz = ctx.config.platformTimeZone;
  const bounds = q.board === "points" ? periodBounds(q.period, now, tz) : { start: null, end: null };
  const scores = q.board === "points" ? pointsScores(bounds.start, bounds.end) : streakScores(localDate(now, tz));
  const me = viewer?.id ?? null;

  const rows = rowsOf<{
    user_id: string;
    value: string | number;
    rank: string | number;
    position: string | number;
    total: string | number;
    handle: string;
    display_name: string;
    avatar_key: string | null;
  }>(
    await ctx.db.execute(sql`
      with scores as (${scores}),
      ranked as (
        select s.user_id, s.value,
          rank() over (order by s.value desc) as rank,
          row_number() over (order by s.value desc, u.handle, s.user_id) as position,
          count(*) over () as total
        from scores s join users u on u.id = s.user_id
        where s.value > 0 and ${eligible(sql`s.user_id`)}
      )
      select r.*, u.handle, u.display_name, u.avatar_key
      from ranked r join users u on u.id = r.user_id
      where r.position <= ${q.limit} ${me ? sql`or r.user_id = ${me}` : sql``}
      order by r.position`),
  );

  const entries = rows
    .filter((r) => Number(r.position) <= q.limit)
    .map((r) => ({
      rank: Number(r.rank),
      value: Number(r.value),
      user: { id: r.user_id, handle: r.handle, displayName: r.display_name, avatarUrl: r.avatar_key ? mediaUrl(r.avatar_key) : null },
    }));
  const mine = me ? rows.find((r) => r.user_id === me) : undefined;
  return {
    board: q.board,
    period: q.board === "points" ? q.period : "all",
    startsAt: bounds.start?.toISOString() ?? null,
    endsAt: bounds.end?.toISOString() ?? null,
    entries,
    me: mine ? { rank: Number(mine.rank), value: Number(mine.value) } : null,
    total: Number(rows[0]?.total ?? 0),
  };
}
