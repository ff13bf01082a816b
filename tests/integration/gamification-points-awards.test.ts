import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { journalEntries, notifications, outboxEvents, type OutboxEvent } from "../../db/schema";
import { createComment, featurePost, likePost } from "../../server/content";
import {
  awardPoints,
  getPointsSummary,
  listPointsLedger,
  POINTS_POLICY_KEY,
  readLastLedgerCheck,
  runLedgerCheck,
} from "../../server/gamification/points";
import { pointsConsumers, pointsForContent } from "../../server/gamification/points/consumers";
import type { CurrentUser } from "../../server/identity";
import { createJobRunner } from "../../server/jobs/runner";
import { emitEvent } from "../../server/jobs/emit-event";
import { balanceOf, checkLedgerInvariants, userAccount } from "../../server/ledger";
import { writeSetting } from "../../server/ops";
import { FixedClock } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { createNote } from "./feeds-fixtures";

const TZ = "Asia/Shanghai";

describe("points for activity: rules → effects through the outbox", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  const clock = new FixedClock("2026-11-23T04:00:00Z"); // 12:00 in Shanghai

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
    ctx = createTestContext(db.handle.db, { clock });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const member = async (roles: ("staff" | "creator")[] = []) => (await createTestUser(db.handle.db, { roles, now: new Date("2026-11-01T00:00:00Z") })).user;
  const runner = () =>
    createJobRunner({ db: db.handle.db, logger: createLogger({ level: "silent" }), clock, consumers: pointsConsumers, context: { config: ctx.config, realtime: ctx.realtime } });
  const points = (u: CurrentUser) => balanceOf(db.handle.db, userAccount(u.id, "points"));
  const growth = (u: CurrentUser) => balanceOf(db.handle.db, userAccount(u.id, "growth"));
  const entriesOf = (u: CurrentUser) => db.handle.db.select().from(journalEntries).where(eq(journalEntries.userId, u.id));

  it("pays the author for a like, a featuring and a publish, and the commenter for a comment, once each", async () => {
    const author = await member();
    const fan = await member();
    const staff = await member(["staff"]);
    const note = await createNote(db.handle.db, author.id, { title: "秋冬保湿面霜测评" });
    await db.handle.db.transaction((tx) =>
      emitEvent(tx, { type: "content.post.published", payload: { postId: note.id, authorId: author.id, title: note.title }, occurredAt: clock.now() }),
    );
    await likePost(ctx, fan, note.id);
    await likePost(ctx, author, note.id); // one's own note earns nothing
    await createComment(ctx, fan, { postId: note.id, body: "好用吗？" });
    await featurePost(ctx, staff, note.id);
    await runner().drain();

    // publish 10 + like 1 + featured 50 for the author; comment 2 for the fan.
    expect(await points(author)).toBe(61);
    expect(await growth(author)).toBe(61);
    expect(await points(fan)).toBe(2);
    const page = await listPointsLedger(ctx, author.id, {}, "zh-CN");
    expect(page.items.map((i) => `${i.reasonText} +${i.points}`).sort()).toEqual(["发布笔记 +10", "笔记获赞 +1", "笔记被精选 +50"]);
    expect(page.items.every((i) => i.post?.title === "秋冬保湿面霜测评")).toBe(true);
    const en = await listPointsLedger(ctx, fan.id, {}, "en");
    expect(en.items).toEqual([expect.objectContaining({ reasonText: "Write a comment", ruleKey: "comment.created", points: 2, growth: 2, capped: false })]);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("awards exactly once when the same event is delivered twice, and when workers race over it", async () => {
    const author = await member();
    const fan = await member();
    const note = await createNote(db.handle.db, author.id);
    const eventId = await db.handle.db.transaction((tx) =>
      emitEvent(tx, { type: "content.post.liked", payload: { postId: note.id, userId: fan.id, authorId: author.id, categoryId: null }, occurredAt: clock.now() }),
    );
    const [event] = await db.handle.db.select().from(outboxEvents).where(eq(outboxEvents.id, eventId));
    const deliver = () => db.handle.db.transaction((tx) => pointsForContent.handle(tx, event as OutboxEvent, { ...ctx, logger: ctx.logger }));
    await deliver();
    await deliver();
    await Promise.all(Array.from({ length: 10 }, deliver));
    await Promise.all([runner().drain(), runner().drain(), runner().drain()]);
    expect(await points(author)).toBe(1);
    const entries = await entriesOf(author);
    expect(entries.map((e) => e.idempotencyKey)).toEqual([`points:like:${note.id}:${fan.id}:like.received`]);
    expect(entries[0]).toMatchObject({ sourceEventId: eventId, reason: "rule:like.received" });
  });

  it("pays a note's author once per liker, however often the like is taken back and given again", async () => {
    const author = await member();
    const fan = await member();
    const note = await createNote(db.handle.db, author.id);
    for (let i = 0; i < 3; i++) {
      const eventId = await db.handle.db.transaction((tx) =>
        emitEvent(tx, { type: "content.post.liked", payload: { postId: note.id, userId: fan.id, authorId: author.id, categoryId: null }, occurredAt: clock.now() }),
      );
      const [event] = await db.handle.db.select().from(outboxEvents).where(eq(outboxEvents.id, eventId));
      await db.handle.db.transaction((tx) => pointsForContent.handle(tx, event as OutboxEvent, { ...ctx, logger: ctx.logger }));
    }
    expect(await points(author)).toBe(1);
  });

  it("stops a rule at its daily count and says so in the ledger", async () => {
    const author = await member();
    const at = new Date("2026-11-23T05:00:00Z");
    for (let i = 0; i < 5; i++) {
      await db.handle.db.transaction((tx) =>
        emitEvent(tx, { type: "content.post.published", payload: { postId: crypto.randomUUID(), authorId: author.id, title: `第${i}篇` }, occurredAt: at }),
      );
    }
    await runner().drain();
    expect(await points(author)).toBe(30); // 3 a day
    const page = await listPointsLedger(ctx, author.id, {}, "zh-CN");
    expect(page.items.filter((i) => i.capped)).toHaveLength(2);
    expect(page.items.filter((i) => !i.capped).every((i) => i.points === 10)).toBe(true);
  });

  it("holds the global daily points cap across rules when 60 awards race", async () => {
    await db.handle.db.transaction((tx) =>
      writeSetting(tx, { key: POINTS_POLICY_KEY, value: { globalDailyCap: 40, expiry: { mode: "never" }, reminderDays: 30 }, actorId: null, now: clock.now() }),
    );
    try {
      const star = await member();
      const at = new Date("2026-11-24T03:00:00Z");
      // 30 likes (1 each) and 10 of 30 comments (2 each, 10 a day) want 50 points; growth stays below V2.
      const rules = ["like.received", "comment.created"];
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          db.handle.db.transaction((tx) =>
            awardPoints(tx, { userId: star.id, ruleKey: rules[i % 2]!, idempotencyKey: `points:test:global:${star.id}:${i}`, occurredAt: at, now: at, timeZone: TZ }),
          ),
        ),
      );
      const paid = results.reduce((s, r) => s + r.points, 0);
      expect(paid).toBe(40);
      expect(await points(star)).toBe(40);
      // Growth is not capped by the points cap: every award within its rule's count still grows the member.
      expect(await growth(star)).toBe(50);
      expect(results.filter((r) => r.outcome === "awarded")).toHaveLength(40);
      expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
    } finally {
      await db.handle.db.transaction((tx) =>
        writeSetting(tx, { key: POINTS_POLICY_KEY, value: { globalDailyCap: 200, expiry: { mode: "never" }, reminderDays: 30 }, actorId: null, now: clock.now() }),
      );
    }
  });

  it("multiplies points by the member's level (V3 ×1.1) and raises their daily cap", async () => {
    const veteran = await member();
    const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n, 3));
    // Ten featurings over ten days: 500 growth reaches V3 (its ×1.1 applies from the next award on).
    for (let i = 0; i < 10; i++) {
      await db.handle.db.transaction((tx) =>
        awardPoints(tx, { userId: veteran.id, ruleKey: "post.featured", idempotencyKey: `points:test:mult:${veteran.id}:${i}`, occurredAt: day(i), now: day(i), timeZone: TZ }),
      );
    }
    const summary = await getPointsSummary(db.handle.db, veteran.id, { today: "2026-11-25", locale: "zh-CN" });
    expect(summary.level).toMatchObject({ level: 3, name: "种草能手", growth: 500, nextLevel: 4, nextLevelAt: 2000, remaining: 1500, percent: 0 });
    const before = await points(veteran);
    const r = await db.handle.db.transaction((tx) =>
      awardPoints(tx, { userId: veteran.id, ruleKey: "post.published", idempotencyKey: `points:test:mult:${veteran.id}:pub`, occurredAt: day(20), now: day(20), timeZone: TZ }),
    );
    expect(r.points).toBe(11);
    expect((await points(veteran)) - before).toBe(11);
    // V3's cap is 200 + 50: five featurings on one day pay 55 × 4 = 220, then 30 of the fifth.
    const paid = [];
    for (let i = 0; i < 5; i++) {
      paid.push(
        (
          await db.handle.db.transaction((tx) =>
            awardPoints(tx, { userId: veteran.id, ruleKey: "post.featured", idempotencyKey: `points:test:cap:${veteran.id}:${i}`, occurredAt: day(21), now: day(21), timeZone: TZ }),
          )
        ).points,
      );
    }
    expect(paid).toEqual([55, 55, 55, 55, 30]);
  });

  it("tells a member who levels up: a level notice in the inbox and a push, once", async () => {
    const climber = await member();
    const at = clock.now();
    await db.handle.db.transaction(async (tx) => {
      await awardPoints(tx, { userId: climber.id, ruleKey: "post.featured", idempotencyKey: `points:test:up:${climber.id}:1`, occurredAt: at, now: at, timeZone: TZ });
      await awardPoints(tx, { userId: climber.id, ruleKey: "post.featured", idempotencyKey: `points:test:up:${climber.id}:2`, occurredAt: at, now: at, timeZone: TZ });
    });
    ctx.realtime.sent.length = 0;
    await runner().drain();
    await runner().drain();
    const notes = await db.handle.db.select().from(notifications).where(and(eq(notifications.userId, climber.id), eq(notifications.type, "level")));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.data).toMatchObject({ from: 1, to: 2, nameZh: "活跃达人", excerpt: "恭喜升级到 V2 活跃达人！" });
    const pushes = ctx.realtime.sent.filter((s) => s.target === `user:${climber.id}`).map((s) => s.event);
    expect(pushes).toEqual(expect.arrayContaining(["notification:created", "level:changed"]));
    const summary = await getPointsSummary(db.handle.db, climber.id, { today: "2026-11-23", locale: "en" });
    expect(summary.level).toMatchObject({ level: 2, name: "Regular", growth: 100, nextLevelAt: 500, remaining: 400, percent: 0 });
  });

  it("records the nightly ledger check's outcome and logs drift as an error", async () => {
    const logged: { level: string; msg: string }[] = [];
    const logger = {
      error: (_o: unknown, msg: string) => logged.push({ level: "error", msg }),
      info: (_o: unknown, msg: string) => logged.push({ level: "info", msg }),
    } as unknown as Parameters<typeof runLedgerCheck>[1]["logger"];
    const ok = await runLedgerCheck(db.handle.db, { now: clock.now(), logger });
    expect(ok.ok).toBe(true);
    expect(await readLastLedgerCheck(db.handle.db)).toMatchObject({ ok: true, drift: 0, at: clock.now().toISOString() });

    // Simulated corruption of one cached balance (never done by the application) is caught and reported.
    const victim = await member();
    await db.handle.db.transaction((tx) =>
      awardPoints(tx, { userId: victim.id, ruleKey: "comment.created", idempotencyKey: `points:test:drift:${victim.id}`, occurredAt: clock.now(), now: clock.now(), timeZone: TZ }),
    );
    await db.handle.db.execute(sql`
      update account_balances set balance = balance + 7
      where account_id = (select id from ledger_accounts where owner_id = ${victim.id} and asset = 'points' and kind = 'available')`);
    const bad = await runLedgerCheck(db.handle.db, { now: clock.now(), logger });
    expect(bad.ok).toBe(false);
    expect(bad.drift).toEqual([expect.objectContaining({ cached: 9, actual: 2 })]);
    expect(logged.at(-1)).toEqual({ level: "error", msg: "ledger invariants violated" });
    expect(await readLastLedgerCheck(db.handle.db)).toMatchObject({ ok: false, drift: 1 });
    await db.handle.db.execute(sql`
      update account_balances set balance = balance - 7
      where account_id = (select id from ledger_accounts where owner_id = ${victim.id} and asset = 'points' and kind = 'available')`);
  });
});
