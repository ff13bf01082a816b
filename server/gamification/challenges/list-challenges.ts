import { and, asc, desc, eq, gt, gte, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { challengeParticipants, challenges } from "../../../db/schema";
import type { AppContext } from "../../context";
import { parseInput } from "../../identity/parse-input";
import { AppError } from "../../shared/errors";
import { listChallengesSchema, type ChallengePage, type ListChallengesInput } from "./schemas";
import { challengeSummaries, publicSummary, todayOf } from "./views";

const DEFAULT_LIMIT = 20;

/** Cursor: the last row's sort key and id, base64url; anything else is a 422 on `cursor`. */
const encodeCursor = (startsOn: string, id: string) => Buffer.from(`${startsOn}|${id}`).toString("base64url");
function decodeCursor(cursor: string): { startsOn: string; id: string } {
  const [startsOn = "", id = ""] = Buffer.from(cursor, "base64url").toString().split("|");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startsOn) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { cursor: ["validation.invalid"] } });
  }
  return { startsOn, id };
}

/**
 * Published challenges, newest start first, optionally only those active, upcoming or ended today
 * (platform-local), and only those the caller joined. Each card carries the caller's progress.
 */
export async function listChallenges(ctx: AppContext, input: ListChallengesInput, viewer: { id: string } | null): Promise<ChallengePage> {
  const q = parseInput(listChallengesSchema, input);
  if (q.joined && !viewer) throw new AppError("UNAUTHENTICATED", "challenges.filter.joinedNeedsLogin");
  const today = todayOf(ctx);
  const limit = q.limit ?? DEFAULT_LIMIT;
  const where: SQL[] = [sql`${challenges.status} = 'published'`];
  if (q.status === "active") where.push(lte(challenges.startsOn, today), gte(challenges.endsOn, today));
  if (q.status === "upcoming") where.push(gt(challenges.startsOn, today));
  if (q.status === "ended") where.push(lt(challenges.endsOn, today));
  if (q.joined && viewer) {
    where.push(
      sql`exists (select 1 from ${challengeParticipants} p where p.challenge_id = ${challenges.id} and p.user_id = ${viewer.id})`,
    );
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    where.push(or(lt(challenges.startsOn, c.startsOn), and(eq(challenges.startsOn, c.startsOn), lt(challenges.id, c.id)))!);
  }
  // Upcoming challenges read best soonest-first; the others newest-first.
  const order = q.status === "upcoming" ? [asc(challenges.startsOn), asc(challenges.id)] : [desc(challenges.startsOn), desc(challenges.id)];
  if (q.status === "upcoming" && q.cursor) {
    const c = decodeCursor(q.cursor);
    where.pop();
    where.push(or(gt(challenges.startsOn, c.startsOn), and(eq(challenges.startsOn, c.startsOn), gt(challenges.id, c.id)))!);
  }
  const rows = await ctx.db
    .select({ id: challenges.id, startsOn: challenges.startsOn })
    .from(challenges)
    .where(and(...where))
    .orderBy(...order)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const items = await challengeSummaries(ctx.db, page.map((r) => r.id), viewer?.id ?? null, today);
  const last = page[page.length - 1];
  return { items: items.map(publicSummary), nextCursor: rows.length > limit && last ? encodeCursor(last.startsOn, last.id) : null };
}
