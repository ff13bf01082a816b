import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badgeGrants, badges, notifications, outboxEvents } from "../../db/schema";
import {
  backfillBadges,
  ensureDefaultBadges,
  evaluateCounterBadges,
  listBadges,
  listUserBadges,
} from "../../server/gamification/badges";
import { badgesConsumers, badgesForActivity } from "../../server/gamification/badges/consumers";
import type { CurrentUser } from "../../server/identity";
import { emitEvent, type OutboxEvent } from "../../server/jobs";
import { createJobRunner } from "../../server/jobs/runner";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

/**
 * Badges as members earn them: activity events delivered through the real outbox runner (and by
 * hand, twice), concurrent evaluations, multiple-grant badges, the nightly backfill and progress.
 */
describe("badge grants", () => {
  let db: TestDatabase;
  let clock: FixedClock;
  let ctx: ReturnType<typeof createTestContext>;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 24 });
    clock = new FixedClock("2026-11-23T02:00:00Z");
    ctx = createTestContext(db.handle.db, { clock });
    await ensureDefaultBadges(db.handle.db, clock.now());
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const runner = () =>
    createJobRunner({ db: db.handle.db, logger: ctx.logger, clock, consumers: badgesConsumers, context: { config: ctx.config, realtime: ctx.realtime } });

  const member = async (name = "小鹿") => (await createTestUser(db.handle.db, { displayName: name })).user;

  async function setStats(userId: string, stats: { likes?: number; posts?: number; favorites?: number; followers?: number }) {
    await db.handle.db.execute(sql`
      insert into user_stats (user_id, likes_received, post_count, favorites_received, follower_count)
      values (${userId}, ${stats.likes ?? 0}, ${stats.posts ?? 0}, ${stats.favorites ?? 0}, ${stats.followers ?? 0})
      on conflict (user_id) do update set likes_received = excluded.likes_received, post_count = excluded.post_count,
        favorites_received = excluded.favorites_received, follower_count = excluded.follower_count`);
  }

  async function emit(type: string, payload: Record<string, unknown>): Promise<OutboxEvent> {
    clock.advance(1_000);
    const eventId = await db.handle.db.transaction((tx) => emitEvent(tx, { type, payload, occurredAt: clock.now() }));
    const [row] = await db.handle.db.select().from(outboxEvents).where(eq(outboxEvents.id, eventId));
    return row!;
  }

  const badgeBySlug = async (slug: string) => (await db.handle.db.select().from(badges).where(eq(badges.slug, slug)))[0]!;
  const grantsOf = async (userId: string, slug: string) => {
    const badge = await badgeBySlug(slug);
    return db.handle.db
      .select()
      .from(badgeGrants)
      .where(and(eq(badgeGrants.userId, userId), eq(badgeGrants.badgeId, badge.id)))
      .orderBy(badgeGrants.seq);
  };

  it("grants 人气新星 at the 100th like, once, even when the like event is delivered twice", async () => {
    const author = await member("作者小鹿");
    await setStats(author.id, { likes: 99, posts: 3 });
    const like = await emit("content.post.liked", { postId: randomUUID(), userId: randomUUID(), authorId: author.id, categoryId: null });
    await runner().drain();
    expect(await grantsOf(author.id, "rising-star")).toHaveLength(0);

    await setStats(author.id, { likes: 100, posts: 3 });
    const hundredth = await emit("content.post.liked", { postId: randomUUID(), userId: randomUUID(), authorId: author.id, categoryId: null });
    await runner().drain();
    // The same event handed to the consumer again (a redelivery after a crash) grants nothing new.
    for (const event of [hundredth, hundredth, like]) {
      await db.handle.db.transaction((tx) => badgesForActivity.handle(tx, event, { clock, logger: ctx.logger, realtime: ctx.realtime, config: ctx.config }));
    }
    const grants = await grantsOf(author.id, "rising-star");
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ seq: 1, idempotencyKey: `badge:${grants[0]!.badgeId}:${author.id}`, revokedAt: null });
    expect(grants[0]!.certificateCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
    expect((await badgeBySlug("rising-star")).holderCount).toBe(1);
    // 万人迷 needs 1,000.
    expect(await grantsOf(author.id, "crowd-favourite")).toHaveLength(0);

    // The grant's event reaches the member's inbox as one "badge" notification.
    await runner().drain();
    const inbox = await db.handle.db.select().from(notifications).where(eq(notifications.userId, author.id));
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ type: "badge", subjectType: "badge", subjectId: grants[0]!.badgeId, actorIds: [] });
    expect(inbox[0]!.data).toMatchObject({ nameZh: "人气新星", tier: "silver", certificateCode: grants[0]!.certificateCode });
    expect(ctx.realtime.sent.some((s) => s.target === `user:${author.id}` && s.event === "notification:created")).toBe(true);
  });

  it("grants one badge when 20 evaluations for one member run at once", async () => {
    const author = await member();
    await setStats(author.id, { posts: 1 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => db.handle.db.transaction((tx) => evaluateCounterBadges(tx, author.id, clock.now(), ["posts.published"]))),
    );
    expect(results.flat()).toHaveLength(1);
    expect(await grantsOf(author.id, "first-post")).toHaveLength(1);
    const events = await db.handle.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.type, "gamification.badge.granted"), sql`${outboxEvents.payload}->>'userId' = ${author.id}`));
    expect(events).toHaveLength(1);
  });

  it("grants a multiple badge once per challenge: seq 1 and 2, and a repeat of either grants nothing", async () => {
    const finisher = await member();
    const [first, second] = [randomUUID(), randomUUID()];
    await emit("gamification.challenge.completed", { challengeId: first, userId: finisher.id, rewardBadgeId: null });
    await emit("gamification.challenge.completed", { challengeId: second, userId: finisher.id, rewardBadgeId: null });
    await emit("gamification.challenge.completed", { challengeId: first, userId: finisher.id, rewardBadgeId: null });
    await runner().drain();
    const grants = await grantsOf(finisher.id, "challenger");
    expect(grants.map((g) => [g.seq, g.idempotencyKey])).toEqual([
      [1, `badge:${grants[0]!.badgeId}:${finisher.id}:challenge:${first}`],
      [2, `badge:${grants[0]!.badgeId}:${finisher.id}:challenge:${second}`],
    ]);
    expect(new Set(grants.map((g) => g.certificateCode)).size).toBe(2);
    // One holder, however many times they hold it.
    expect((await badgeBySlug("challenger")).holderCount).toBe(1);
    const mine = await listUserBadges(ctx, finisher.id);
    expect(mine.filter((b) => b.badge.slug === "challenger").map((b) => b.seq)).toEqual([2, 1]);
  });

  it("grants a challenge's own reward badge and streak badges from check-ins", async () => {
    const member1 = await member();
    const now = clock.now();
    const [reward] = await db.handle.db
      .insert(badges)
      .values({ slug: `reward-${Date.now()}`, nameZh: "护肤 21 天", nameEn: "21 Days of Skincare", criterion: { type: "manual" }, createdAt: now, updatedAt: now })
      .returning();
    await emit("gamification.challenge.completed", { challengeId: randomUUID(), userId: member1.id, rewardBadgeId: reward!.id });
    await emit("gamification.checkin.recorded", { userId: member1.id, localDate: "2026-11-22", streak: 6 });
    await runner().drain();
    expect(await grantsOf(member1.id, reward!.slug)).toHaveLength(1);
    expect(await grantsOf(member1.id, "streak-7")).toHaveLength(0);
    await emit("gamification.checkin.recorded", { userId: member1.id, localDate: "2026-11-23", streak: 7 });
    await runner().drain();
    expect(await grantsOf(member1.id, "streak-7")).toHaveLength(1);
    expect(await grantsOf(member1.id, "streak-30")).toHaveLength(0);
  });

  it("backfills what events missed, set-based, and grants nothing twice", async () => {
    const a = await member();
    const b = await member();
    const c = await member();
    await setStats(a.id, { likes: 150, posts: 4, followers: 120 });
    await setStats(b.id, { likes: 1200, posts: 2 });
    // c checked in 7 days in a row last month, with no event (an import, say).
    for (let day = 1; day <= 7; day++) {
      await db.handle.db.execute(
        sql`insert into checkins (user_id, local_date, streak, created_at) values (${c.id}, ${`2026-10-0${day}`}, ${day}, now())`,
      );
    }
    const first = await backfillBadges(db.handle.db, clock.now());
    expect((await grantsOf(a.id, "rising-star")).length).toBe(1);
    expect((await grantsOf(a.id, "well-followed")).length).toBe(1);
    expect((await grantsOf(a.id, "crowd-favourite")).length).toBe(0);
    expect((await grantsOf(b.id, "crowd-favourite")).length).toBe(1);
    expect((await grantsOf(b.id, "rising-star")).length).toBe(1);
    expect((await grantsOf(c.id, "streak-7")).length).toBe(1);
    expect(first.byBadge["crowd-favourite"]).toBe(1);
    expect(first.granted).toBeGreaterThanOrEqual(6);

    const before = await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(badgeGrants);
    const second = await backfillBadges(db.handle.db, clock.now());
    expect(second.granted).toBe(0);
    expect(await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(badgeGrants)).toEqual(before);
    // Holder counts agree with the grants.
    const [{ n } = { n: 0 }] = await db.handle.db
      .select({ n: sql<number>`count(distinct ${badgeGrants.userId})::int` })
      .from(badgeGrants)
      .where(and(eq(badgeGrants.badgeId, (await badgeBySlug("rising-star")).id), sql`${badgeGrants.revokedAt} is null`));
    expect((await badgeBySlug("rising-star")).holderCount).toBe(Number(n));
  });

  it("tells a member how far they are: 还差 3 个赞 to 人气新星", async () => {
    const author = await member();
    await setStats(author.id, { likes: 97, posts: 1 });
    await evaluateCounterBadges(db.handle.db, author.id, clock.now());
    const list = await listBadges(ctx, author);
    const byslug = new Map(list.map((b) => [b.slug, b]));
    expect(byslug.get("rising-star")!.progress).toEqual({ earned: false, times: 0, current: 97, target: 100, remaining: 3 });
    expect(byslug.get("crowd-favourite")!.progress).toMatchObject({ current: 97, target: 1000, remaining: 903 });
    expect(byslug.get("first-post")!.progress).toMatchObject({ earned: true, times: 1, remaining: 0 });
    expect(byslug.get("verified-creator")!.progress).toEqual({ earned: false, times: 0, current: null, target: null, remaining: null });
    // Visitors see the badges without progress.
    expect((await listBadges(ctx, null)).every((b) => b.progress === null)).toBe(true);
    const visitor: CurrentUser | null = null;
    expect((await listBadges(ctx, visitor)).length).toBe(list.length);
  });
});
