import { and, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { categories, challengeParticipants, challenges, topics, uploads, type Upload } from "../../../db/schema";
import { uploadViewOf } from "../../media";
import { localDate } from "../../shared/clock";
import { phaseOf, spanDays } from "./rules";
import type { ChallengeSummary, MyProgress } from "./schemas";

export type ChallengeRow = typeof challenges.$inferSelect;
export type ParticipantRow = typeof challengeParticipants.$inferSelect;

/** The platform-local date of `now`: the one "today" every challenge rule uses. */
export function todayOf(ctx: { clock: { now(): Date }; config: { platformTimeZone: string } }): string {
  return localDate(ctx.clock.now(), ctx.config.platformTimeZone);
}

export function progressOf(p: ParticipantRow, today: string): MyProgress {
  return {
    daysDone: p.daysDone,
    lastCheckinDate: p.lastCheckinDate,
    joinedAt: p.joinedAt.toISOString(),
    completedAt: p.completedAt?.toISOString() ?? null,
    checkedInToday: p.lastCheckinDate === today,
  };
}

function coverOf(upload: Upload | null) {
  if (!upload) return null;
  const view = uploadViewOf(upload);
  return { url: view.mediumUrl ?? view.url, thumbUrl: view.thumbUrl ?? view.mediumUrl ?? view.url };
}

/**
 * Summaries of these challenges in the order given, with the viewer's progress when they joined.
 * One query for the rows and their cover, category and topic, one for the viewer's participations.
 */
export async function challengeSummaries(
  db: Queryable,
  ids: readonly string[],
  viewerId: string | null,
  today: string,
): Promise<(ChallengeSummary & { row: ChallengeRow })[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ c: challenges, cover: uploads, category: { slug: categories.slug, nameZh: categories.nameZh, nameEn: categories.nameEn }, topic: topics.name })
    .from(challenges)
    .leftJoin(uploads, eq(uploads.id, challenges.coverUploadId))
    .leftJoin(categories, eq(categories.id, challenges.categoryId))
    .leftJoin(topics, eq(topics.id, challenges.topicId))
    .where(inArray(challenges.id, [...ids]));
  const mine = viewerId
    ? await db
        .select()
        .from(challengeParticipants)
        .where(and(eq(challengeParticipants.userId, viewerId), inArray(challengeParticipants.challengeId, [...ids])))
    : [];
  const mineById = new Map(mine.map((p) => [p.challengeId, p]));
  const byId = new Map(rows.map((r) => [r.c.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const c = r.c;
    const p = mineById.get(id);
    return [
      {
        row: c,
        id: c.id,
        title: c.title,
        description: c.description,
        cover: coverOf(r.cover),
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        spanDays: spanDays(c.startsOn, c.endsOn),
        requiredDays: c.requiredDays,
        phase: phaseOf(c, today),
        today,
        category: r.category?.slug ? r.category : null,
        topic: r.topic ?? null,
        proofRequired: c.proofRequired,
        makeupCardsAllowed: c.makeupCardsAllowed,
        rewardPoints: c.rewardPoints,
        rewardBadgeId: c.rewardBadgeId,
        participantCount: c.participantCount,
        completedCount: c.completedCount,
        me: p ? progressOf(p, today) : null,
      },
    ];
  });
}

/** Drops the raw row a summary carries for internal use, so API responses stay as documented. */
export function publicSummary<T extends { row: ChallengeRow }>(s: T): Omit<T, "row"> {
  const { row: _row, ...rest } = s;
  return rest;
}

/** A published challenge by id, or null (an unknown id and a malformed one alike). */
export async function findChallenge(db: Queryable, id: string): Promise<ChallengeRow | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const [row] = await db
    .select()
    .from(challenges)
    .where(and(eq(challenges.id, id), sql`${challenges.status} = 'published'`));
  return row ?? null;
}
