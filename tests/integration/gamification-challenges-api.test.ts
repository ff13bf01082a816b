import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categories, challengeCheckins, challengeParticipants, challenges, journalEntries, notifications, outboxEvents, postTopics, topics, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { CHALLENGE_ACTIVITY_EVENT, challengeRewardKey, notifyChallengeCompleted, type ChallengeActivityPush } from "../../server/gamification";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { balanceOf, checkLedgerInvariants, userAccount } from "../../server/ledger";
import { FixedClock } from "../../server/shared/clock";
import { command, closeAllSockets, connect, nextEvent } from "../fixtures/realtime-clients";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";
import { createNote } from "./feeds-fixtures";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };
type Member = { user: CurrentUser; token: string };
type Detail = { id: string; phase: string; participantCount: number; completedCount: number; me: { daysDone: number; completedAt: string | null } | null; myDates: string[] };

/** 12:00 on 10 March 2026 in Shanghai (UTC+8). */
const NOON_MAR_10 = "2026-03-10T04:00:00Z";
const shanghai = (local: string) => new Date(`${local}+08:00`);

describe("/api/v1 challenges: create, join, check in with proof, complete once", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock(NOON_MAR_10);
  let staff: Member;
  let creator: Member;
  let member: Member;
  let beautyId: string;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
    server = await startTestServer(db, { clock, env: { DATABASE_POOL_SIZE: "20" } });
    staff = await newMember(["staff"]);
    creator = await newMember(["creator"]);
    member = await newMember();
    beautyId = (await db.handle.db.select({ id: categories.id }).from(categories).where(eq(categories.slug, "beauty")))[0]!.id;
  }, 60_000);
  afterAll(async () => {
    closeAllSockets();
    await server?.stop();
    await db?.close();
  });

  async function newMember(roles: Role[] = []): Promise<Member> {
    const { user } = await createTestUser(db.handle.db, { now: new Date("2026-01-01T00:00:00Z"), roles, handle: uniqueHandle("ch") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    return { user, token };
  }

  const api = (path: string, init: { method?: string; as?: Member | null; body?: unknown } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": "en",
        ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  const base = { title: "21 天护肤打卡", description: "每天护肤，记录变化", rules: "每天发一篇护肤笔记", startsOn: "2026-03-10", endsOn: "2026-04-08", requiredDays: 21 };

  async function newChallenge(overrides: Record<string, unknown> = {}): Promise<Detail> {
    const res = await api("/challenges", { as: staff, body: { ...base, ...overrides } });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as Detail;
  }
  const countChallenges = async () => Number((await db.handle.db.select({ n: sql<number>`count(*)` }).from(challenges))[0]!.n);
  const fieldsOf = async (res: Response) => Object.keys(((await res.json()) as ApiError).error.fields ?? {});

  it("lets staff and creators create challenges; visitors get 401 and plain members 403 on every write", async () => {
    clock.set(NOON_MAR_10);
    expect((await api("/challenges", { as: null, body: base })).status).toBe(401);
    expect((await api("/challenges", { as: member, body: base })).status).toBe(403);
    const byCreator = await api("/challenges", { as: creator, body: { ...base, title: "创作者粉丝打卡" } });
    expect(byCreator.status).toBe(201);
    const created = await newChallenge({ rewardPoints: 30, categorySlug: "beauty" });
    expect(created).toMatchObject({ phase: "active", participantCount: 0, me: null, myDates: [] });

    expect((await api(`/challenges/${created.id}/participants`, { method: "POST", as: null })).status).toBe(401);
    expect((await api(`/challenges/${created.id}/check-ins`, { as: null, body: {} })).status).toBe(401);
    expect((await api(`/challenges/${created.id}/proof-candidates`, { as: null })).status).toBe(401);
    // Reading is for everyone.
    expect((await api(`/challenges/${created.id}`, { as: null })).status).toBe(200);
    expect((await api(`/challenges`, { as: null })).status).toBe(200);
    expect((await api(`/challenges/${created.id}/leaderboard`, { as: null })).status).toBe(200);
    expect((await api(`/challenges/${created.id}/activity`, { as: null })).status).toBe(200);
    expect((await api(`/challenges?joined=true`, { as: null })).status).toBe(401);
  });

  it("refuses bad challenges with a message on the field to fix, and creates nothing", async () => {
    clock.set(NOON_MAR_10);
    const before = await countChallenges();
    const cases: [Record<string, unknown>, string][] = [
      [{ endsOn: "2026-03-09" }, "endsOn"],
      [{ requiredDays: 31 }, "requiredDays"],
      [{ requiredDays: 0 }, "requiredDays"],
      [{ requiredDays: 2.5 }, "requiredDays"],
      [{ categorySlug: "no-such-vertical" }, "categorySlug"],
      [{ startsOn: "2026-03-09" }, "startsOn"],
      [{ startsOn: "2026-02-30" }, "startsOn"],
      [{ startsOn: "10/03/2026" }, "startsOn"],
      [{ endsOn: "2027-06-01" }, "endsOn"],
      [{ title: "" }, "title"],
      [{ title: "长".repeat(41) }, "title"],
      [{ rewardPoints: -1 }, "rewardPoints"],
      [{ makeupCardsAllowed: 99 }, "makeupCardsAllowed"],
      [{ proofRequired: "sometimes" }, "proofRequired"],
      [{ coverUploadId: "8a1f7c9e-0b3d-4c55-9e2a-1d4f6b7c8d9e" }, "coverUploadId"],
      [{ rewardBadgeId: "8a1f7c9e-0b3d-4c55-9e2a-1d4f6b7c8d9e" }, "rewardBadgeId"],
      [{ categorySlug: "beauty", topic: "护肤" }, "topic"],
      [{ topic: "两个 词" }, "topic"],
      [{ colour: "red" }, ""],
    ];
    for (const [overrides, field] of cases) {
      const res = await api("/challenges", { as: staff, body: { ...base, ...overrides } });
      expect(res.status, JSON.stringify(overrides)).toBe(422);
      const fields = await fieldsOf(res);
      if (field) expect(fields, JSON.stringify(overrides)).toContain(field);
      else expect(fields.length).toBeGreaterThan(0);
    }
    expect((await api("/challenges", { as: staff, body: "not an object" })).status).toBe(400);
    expect(await countChallenges()).toBe(before);
  });

  it("counts 50 parallel joins of one member as one participation, and 100 members as exactly 100", async () => {
    clock.set(NOON_MAR_10);
    const c = await newChallenge();
    const one = await newMember();
    const results = await Promise.all(Array.from({ length: 50 }, () => api(`/challenges/${c.id}/participants`, { method: "POST", as: one })));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const bodies = (await Promise.all(results.map((r) => r.json()))) as { created: boolean }[];
    expect(bodies.filter((b) => b.created)).toHaveLength(1);

    const crowd = await Promise.all(Array.from({ length: 100 }, () => newMember()));
    const joins = await Promise.all(crowd.map((m) => api(`/challenges/${c.id}/participants`, { method: "POST", as: m })));
    expect(joins.every((r) => r.status === 200)).toBe(true);
    const rows = await db.handle.db.select().from(challengeParticipants).where(eq(challengeParticipants.challengeId, c.id));
    expect(rows).toHaveLength(101);
    const detail = (await (await api(`/challenges/${c.id}`, { as: one })).json()) as Detail;
    expect(detail.participantCount).toBe(101);
    expect(detail.me).toMatchObject({ daysDone: 0, completedAt: null });

    expect((await api(`/challenges/8a1f7c9e-0b3d-4c55-9e2a-1d4f6b7c8d9e/participants`, { method: "POST", as: one })).status).toBe(404);
    expect((await api(`/challenges/not-an-id/participants`, { method: "POST", as: one })).status).toBe(422);
    // After the last day nobody can join.
    clock.set(shanghai("2026-04-09T00:00:00"));
    const late = await api(`/challenges/${c.id}/participants`, { method: "POST", as: await newMember() });
    expect(late.status).toBe(409);
    clock.set(NOON_MAR_10);
  });

  it("accepts only the member's own note, published that day, once; everything else is a 4xx with a postId message and changes nothing", async () => {
    clock.set(NOON_MAR_10);
    const c = await newChallenge({ categorySlug: "beauty", requiredDays: 3 });
    const me = await newMember();
    const other = await newMember();
    const checkIn = (body: unknown, as: Member = me) => api(`/challenges/${c.id}/check-ins`, { as, body });
    const note = (authorId: string, publishedAt: Date, extra: Parameters<typeof createNote>[2] = {}) =>
      createNote(db.handle.db, authorId, { publishedAt, categoryId: beautyId, ...extra });

    const todays = await note(me.user.id, shanghai("2026-03-10T09:00:00"));
    // Not joined yet.
    const notJoined = await checkIn({ postId: todays.id });
    expect(notJoined.status).toBe(409);
    expect(((await notJoined.json()) as ApiError).error.code).toBe("CONFLICT");
    await api(`/challenges/${c.id}/participants`, { method: "POST", as: me });

    const rejected: [string, unknown, number][] = [
      ["no proof", {}, 422],
      ["a note from before the challenge", { postId: (await note(me.user.id, shanghai("2026-03-09T20:00:00"))).id }, 422],
      ["someone else's note", { postId: (await note(other.user.id, shanghai("2026-03-10T08:00:00"))).id }, 422],
      ["a draft", { postId: (await note(me.user.id, shanghai("2026-03-10T08:00:00"), { status: "draft", publishedAt: null })).id }, 422],
      ["a note outside the category", { postId: (await note(me.user.id, shanghai("2026-03-10T08:00:00"), { categoryId: null })).id }, 422],
      ["a note that doesn't exist", { postId: "8a1f7c9e-0b3d-4c55-9e2a-1d4f6b7c8d9e" }, 422],
      ["a malformed id", { postId: "nope" }, 422],
    ];
    for (const [why, body, status] of rejected) {
      const res = await checkIn(body);
      expect(res.status, why).toBe(status);
      expect(await fieldsOf(res), why).toContain("postId");
    }
    expect(await db.handle.db.select().from(challengeCheckins).where(eq(challengeCheckins.challengeId, c.id))).toHaveLength(0);

    const ok = await checkIn({ postId: todays.id });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ localDate: "2026-03-10", day: 1, daysDone: 1, requiredDays: 3, completedNow: false });
    // Once a day, even with another good note.
    const second = await checkIn({ postId: (await note(me.user.id, shanghai("2026-03-10T13:00:00"))).id });
    expect(second.status).toBe(409);

    // The next day: a note written at 23:59:59 yesterday is yesterday's; reusing day one's proof is refused too.
    const lateNight = await note(me.user.id, shanghai("2026-03-10T23:59:59"));
    clock.set(shanghai("2026-03-11T00:00:00"));
    for (const postId of [lateNight.id, todays.id]) {
      const res = await checkIn({ postId });
      expect(res.status).toBe(422);
      expect(await fieldsOf(res)).toContain("postId");
    }
    const midnight = await note(me.user.id, shanghai("2026-03-11T00:00:00"));
    expect((await checkIn({ postId: midnight.id })).status).toBe(201);

    // The database itself refuses a second day proved by the same note.
    await expect(
      db.handle.db.insert(challengeCheckins).values({ challengeId: c.id, userId: me.user.id, localDate: "2026-03-12", postId: todays.id, createdAt: new Date() }),
    ).rejects.toThrow();

    const detail = (await (await api(`/challenges/${c.id}`, { as: me })).json()) as Detail;
    expect(detail.me?.daysDone).toBe(2);
    expect(detail.myDates).toEqual(["2026-03-10", "2026-03-11"]);
    clock.set(NOON_MAR_10);
  });

  it("opens check-ins only between the start and end dates", async () => {
    clock.set(NOON_MAR_10);
    const c = await newChallenge({ startsOn: "2026-03-12", endsOn: "2026-03-14", requiredDays: 2, proofRequired: false });
    const me = await newMember();
    expect((await api(`/challenges/${c.id}/participants`, { method: "POST", as: me })).status).toBe(200);
    expect((await api(`/challenges/${c.id}/check-ins`, { as: me, body: {} })).status).toBe(409);
    clock.set(shanghai("2026-03-12T00:00:00"));
    expect((await api(`/challenges/${c.id}/check-ins`, { as: me, body: {} })).status).toBe(201);
    clock.set(shanghai("2026-03-15T00:00:00"));
    expect((await api(`/challenges/${c.id}/check-ins`, { as: me, body: {} })).status).toBe(409);
    clock.set(NOON_MAR_10);
  });

  it("completes once and pays the reward once when the completing check-ins race", async () => {
    clock.set(NOON_MAR_10);
    const c = await newChallenge({ requiredDays: 2, rewardPoints: 40, topic: "早C晚A" });
    const [topic] = await db.handle.db.select().from(topics).where(eq(topics.name, "早C晚A"));
    const me = await newMember();
    await api(`/challenges/${c.id}/participants`, { method: "POST", as: me });
    const tagged = async (at: Date) => {
      const n = await createNote(db.handle.db, me.user.id, { publishedAt: at });
      await db.handle.db.insert(postTopics).values({ postId: n.id, topicId: topic!.id });
      return n;
    };
    const untagged = await createNote(db.handle.db, me.user.id, { publishedAt: shanghai("2026-03-10T10:00:00") });
    const wrong = await api(`/challenges/${c.id}/check-ins`, { as: me, body: { postId: untagged.id } });
    expect(wrong.status).toBe(422);
    expect((await api(`/challenges/${c.id}/check-ins`, { as: me, body: { postId: (await tagged(shanghai("2026-03-10T10:00:00"))).id } })).status).toBe(201);

    clock.set(shanghai("2026-03-11T21:00:00"));
    const notes = await Promise.all(Array.from({ length: 12 }, (_, i) => tagged(shanghai(`2026-03-11T20:${String(i).padStart(2, "0")}:00`))));
    const results = await Promise.all(notes.map((n) => api(`/challenges/${c.id}/check-ins`, { as: me, body: { postId: n.id } })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(11);
    const winner = (await results.find((r) => r.status === 201)!.json()) as { completedNow: boolean; rewardPoints: number; daysDone: number };
    expect(winner).toMatchObject({ completedNow: true, rewardPoints: 40, daysDone: 2 });

    const entries = await db.handle.db.select().from(journalEntries).where(eq(journalEntries.idempotencyKey, challengeRewardKey(c.id, me.user.id)));
    expect(entries).toHaveLength(1);
    expect(await balanceOf(db.handle.db, userAccount(me.user.id, "points"))).toBe(40);
    const completedEvents = await db.handle.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.type, "gamification.challenge.completed"), sql`${outboxEvents.payload}->>'challengeId' = ${c.id}`));
    expect(completedEvents).toHaveLength(1);
    expect(completedEvents[0]!.payload).toEqual({ challengeId: c.id, userId: me.user.id, rewardBadgeId: null, rewardPoints: 40 });
    const detail = (await (await api(`/challenges/${c.id}`, { as: me })).json()) as Detail;
    expect(detail.completedCount).toBe(1);
    expect(detail.me?.completedAt).not.toBeNull();

    // Day three: still allowed (the leaderboard counts it) but nothing is paid again.
    clock.set(shanghai("2026-03-12T09:00:00"));
    const more = await api(`/challenges/${c.id}/check-ins`, { as: me, body: { postId: (await tagged(shanghai("2026-03-12T08:00:00"))).id } });
    expect(await more.json()).toMatchObject({ completedNow: false, daysDone: 3, rewardPoints: 0 });
    expect(await balanceOf(db.handle.db, userAccount(me.user.id, "points"))).toBe(40);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);

    // The completion notice reaches the member's inbox once, however often the event is delivered.
    for (let i = 0; i < 2; i++) {
      await db.handle.db.transaction((tx) =>
        notifyChallengeCompleted.handle(tx, completedEvents[0]!, { clock, logger: server.ctx.logger, realtime: server.ctx.realtime, config: server.ctx.config }),
      );
    }
    const inbox = await db.handle.db.select().from(notifications).where(eq(notifications.userId, me.user.id));
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ type: "challenge", subjectType: "challenge", subjectId: c.id });
    expect(inbox[0]!.data).toMatchObject({ kind: "completed", rewardPoints: 40 });
    clock.set(NOON_MAR_10);
  });

  it("ranks the leaderboard by days done, then the earliest last check-in, with ties sharing a rank", async () => {
    clock.set(NOON_MAR_10);
    const c = await newChallenge({ requiredDays: 3 });
    const people = await Promise.all(Array.from({ length: 5 }, () => newMember()));
    const facts: [number, string | null][] = [
      [3, "2026-03-14"],
      [4, "2026-03-15"],
      [3, "2026-03-14"],
      [3, "2026-03-13"],
      [0, null],
    ];
    await db.handle.db.insert(challengeParticipants).values(
      people.map((p, i) => ({ challengeId: c.id, userId: p.user.id, daysDone: facts[i]![0], lastCheckinDate: facts[i]![1], joinedAt: new Date() })),
    );
    const board = (await (await api(`/challenges/${c.id}/leaderboard`, { as: people[2] })).json()) as {
      items: { rank: number; user: { id: string }; daysDone: number }[];
      me: { rank: number } | null;
    };
    expect(board.items.map((i) => [i.rank, i.daysDone])).toEqual([
      [1, 4],
      [2, 3],
      [3, 3],
      [3, 3],
    ]);
    expect(board.items[0]!.user.id).toBe(people[1]!.user.id);
    expect(board.items[1]!.user.id).toBe(people[3]!.user.id);
    expect(new Set(board.items.slice(2).map((i) => i.user.id))).toEqual(new Set([people[0]!.user.id, people[2]!.user.id]));
    expect(board.me).toEqual({ rank: 3, daysDone: 3 });
    expect((await api(`/challenges/${c.id}/leaderboard?limit=0`)).status).toBe(422);
  });

  it("lists challenges by phase and those I joined, with my progress on the cards", async () => {
    clock.set(NOON_MAR_10);
    const active = await newChallenge({ title: "进行中的挑战" });
    const upcoming = await newChallenge({ title: "即将开始", startsOn: "2026-03-20", endsOn: "2026-03-30", requiredDays: 5 });
    const me = await newMember();
    await api(`/challenges/${active.id}/participants`, { method: "POST", as: me });
    type Page = { items: { id: string; phase: string; me: unknown }[]; nextCursor: string | null };
    const ids = async (query: string, as: Member | null = me) => ((await (await api(`/challenges${query}`, { as })).json()) as Page).items.map((i) => i.id);
    expect(await ids("?status=active")).toContain(active.id);
    expect(await ids("?status=active")).not.toContain(upcoming.id);
    expect(await ids("?status=upcoming")).toEqual(expect.arrayContaining([upcoming.id]));
    expect(await ids("?status=ended")).toEqual([]);
    expect(await ids("?joined=true")).toEqual([active.id]);
    const mine = ((await (await api(`/challenges?joined=true`, { as: me })).json()) as Page).items[0]!;
    expect(mine.me).toMatchObject({ daysDone: 0, checkedInToday: false });

    // Paging visits each once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await api(`/challenges?limit=2${cursor ? `&cursor=${cursor}` : ""}`)).json()) as Page;
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await countChallenges());
    for (const q of ["?status=soon", "?limit=0", "?cursor=%%%", "?joined=maybe", "?colour=red"]) expect((await api(`/challenges${q}`)).status, q).toBe(422);
  });

  it("pushes joins and check-ins live to visitors on the challenge page", async () => {
    clock.set(NOON_MAR_10);
    const c = await newChallenge({ proofRequired: false, requiredDays: 1 });
    const visitor = await connect(server.url);
    expect(await command(visitor, "room:join", { room: `challenge:${c.id}` })).toEqual({ data: { room: `challenge:${c.id}` } });
    const me = await newMember();

    const joined = nextEvent<ChallengeActivityPush>(visitor, CHALLENGE_ACTIVITY_EVENT);
    await api(`/challenges/${c.id}/participants`, { method: "POST", as: me });
    expect(await joined).toMatchObject({ challengeId: c.id, participantCount: 1, item: { kind: "joined", user: { id: me.user.id } } });

    const checkedIn = nextEvent<ChallengeActivityPush>(visitor, CHALLENGE_ACTIVITY_EVENT);
    await api(`/challenges/${c.id}/check-ins`, { as: me, body: {} });
    expect(await checkedIn).toMatchObject({ item: { kind: "checkedIn", day: 1, user: { id: me.user.id } } });

    const feed = (await (await api(`/challenges/${c.id}/activity`)).json()) as { items: { id: string; kind: string }[] };
    expect(feed.items.map((i) => i.kind)).toEqual(expect.arrayContaining(["joined", "checkedIn", "completed"]));
  });
});
