import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { challengeParticipants, challenges, notifications } from "../../db/schema";
import { ensureDefaultCategories } from "../../server/content";
import { createChallenge, joinChallenge, remindParticipants, reminderGroupKey } from "../../server/gamification";
import type { CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

/** The evening reminder: only those who joined an active challenge, haven't finished and haven't checked in today; once a day. */
describe("challenge evening reminder", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  const clock = new FixedClock("2026-03-10T04:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 8 });
    ctx = createTestContext(db.handle.db, { clock });
    await ensureDefaultCategories(ctx.db, clock.now());
  });
  afterAll(async () => {
    await db?.close();
  });

  const user = async (roles: ("staff" | "creator")[] = []) => (await createTestUser(ctx.db, { roles, now: new Date("2026-01-01T00:00:00Z") })).user;
  const inbox = (u: CurrentUser) => ctx.db.select().from(notifications).where(and(eq(notifications.userId, u.id), eq(notifications.type, "challenge")));

  it("reminds those who haven't checked in today, once per member per day, even when the slot runs again or twice at once", async () => {
    clock.set("2026-03-10T04:00:00Z");
    const staff = await user(["staff"]);
    const a = await createChallenge(ctx, staff, { title: "21 天护肤打卡", startsOn: "2026-03-10", endsOn: "2026-04-08", requiredDays: 21, proofRequired: false });
    const b = await createChallenge(ctx, staff, { title: "每日早起", startsOn: "2026-03-10", endsOn: "2026-03-20", requiredDays: 5, proofRequired: false });
    const later = await createChallenge(ctx, staff, { title: "下周开始", startsOn: "2026-03-16", endsOn: "2026-03-20", requiredDays: 2, proofRequired: false });
    const [checkedIn, forgot, twice, finished, onlyUpcoming] = await Promise.all([user(), user(), user(), user(), user()]);
    for (const u of [checkedIn, forgot, twice, finished]) await joinChallenge(ctx, u, a.id);
    await joinChallenge(ctx, twice, b.id);
    await joinChallenge(ctx, onlyUpcoming, later.id);
    await ctx.db
      .update(challengeParticipants)
      .set({ daysDone: 1, lastCheckinDate: "2026-03-10" })
      .where(and(eq(challengeParticipants.challengeId, a.id), eq(challengeParticipants.userId, checkedIn.id)));
    await ctx.db
      .update(challengeParticipants)
      .set({ completedAt: clock.now() })
      .where(and(eq(challengeParticipants.challengeId, a.id), eq(challengeParticipants.userId, finished.id)));

    const evening = new Date("2026-03-10T12:00:00Z"); // 20:00 in Shanghai
    const runs = await Promise.all([remindParticipants(ctx.db, ctx, evening), remindParticipants(ctx.db, ctx, evening)]);
    expect(runs.map((r) => r.reminded).sort()).toEqual([0, 2]);
    expect(await inbox(checkedIn)).toHaveLength(0);
    expect(await inbox(finished)).toHaveLength(0);
    expect(await inbox(onlyUpcoming)).toHaveLength(0);
    const [forgotRow] = await inbox(forgot);
    expect(forgotRow).toMatchObject({ groupKey: reminderGroupKey("2026-03-10"), subjectType: "challenge", subjectId: a.id });
    const twiceRows = await inbox(twice);
    expect(twiceRows).toHaveLength(1);
    expect((twiceRows[0]!.data as { challenges: { id: string }[] }).challenges.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());

    // Read, then the slot runs again: still one reminder today.
    await ctx.db.update(notifications).set({ readAt: evening }).where(eq(notifications.userId, forgot.id));
    expect((await remindParticipants(ctx.db, ctx, new Date(evening.getTime() + 60_000))).reminded).toBe(0);
    expect(await inbox(forgot)).toHaveLength(1);
    // The pushes went to the reminded members' own rooms.
    expect(ctx.realtime.sent.filter((s) => s.event === "notification:created").map((s) => s.target).sort()).toEqual(
      [`user:${forgot.id}`, `user:${twice.id}`].sort(),
    );

    // Tomorrow is another day.
    const tomorrow = new Date("2026-03-11T12:00:00Z");
    expect((await remindParticipants(ctx.db, ctx, tomorrow)).reminded).toBe(3);
    expect(await inbox(forgot)).toHaveLength(2);
    const total = await ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(notifications)
      .where(inArray(notifications.userId, [checkedIn.id, forgot.id, twice.id, finished.id, onlyUpcoming.id]));
    expect(Number(total[0]!.n)).toBe(2 + 3);
    expect((await ctx.db.select().from(challenges)).length).toBe(3);
  });
});
