import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { challengeParticipants, fanGroupMembers, fanGroups, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { fanGroupsConsumers, fanGroupSize, lockedPostIds } from "../../server/creators";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { createJobRunner } from "../../server/jobs/runner";
import { loadPostCards } from "../../server/content/views";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";
import { createNote } from "./feeds-fixtures";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };
type Member = { user: CurrentUser; token: string };
type Membership = { created: boolean; removed?: boolean; memberCount: number; member: { level: number; interactionPoints: number } | null };

describe("/api/v1 fan groups: join and leave under races, fan levels from interaction, fan-only notes and challenges", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock("2026-11-24T02:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    server = await startTestServer(db, { clock, env: { DATABASE_POOL_SIZE: "12" } });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function member(roles: Role[] = []): Promise<Member> {
    const { user } = await createTestUser(db.handle.db, { now: clock.now(), roles, handle: uniqueHandle("fg") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    return { user, token };
  }

  const api = (path: string, init: { method?: string; json?: unknown; as?: Member | null } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? (init.json !== undefined ? "POST" : "GET"),
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": "en",
        ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });
  const join = (who: Member | null, creatorId: string) => api(`/creators/${creatorId}/fan-group/members`, { as: who, json: {} });
  const leave = (who: Member, creatorId: string) => api(`/creators/${creatorId}/fan-group/members/me`, { as: who, method: "DELETE" });
  const countOf = async (creatorId: string) => (await db.handle.db.select().from(fanGroups).where(eq(fanGroups.creatorId, creatorId)))[0]?.memberCount ?? 0;
  const rowsOf = async (creatorId: string) => db.handle.db.select().from(fanGroupMembers).where(eq(fanGroupMembers.creatorId, creatorId));

  it("joins once and leaves once however many requests race, and the member count stays exact", async () => {
    const creator = await member(["creator"]);
    const fan = await member();
    const joins = await Promise.all(Array.from({ length: 20 }, () => join(fan, creator.user.id)));
    expect(joins.every((r) => r.status === 200)).toBe(true);
    const bodies = (await Promise.all(joins.map((r) => r.json()))) as Membership[];
    expect(bodies.filter((b) => b.created)).toHaveLength(1);
    expect(await countOf(creator.user.id)).toBe(1);

    const crowd = await Promise.all(Array.from({ length: 15 }, () => member()));
    await Promise.all(crowd.flatMap((m) => [join(m, creator.user.id), join(m, creator.user.id)]));
    expect(await countOf(creator.user.id)).toBe(16);
    expect(await fanGroupSize(db.handle.db, creator.user.id)).toBe(16);

    const leaves = await Promise.all(Array.from({ length: 10 }, () => leave(fan, creator.user.id)));
    expect(leaves.every((r) => r.status === 200)).toBe(true);
    expect(((await Promise.all(leaves.map((r) => r.json()))) as Membership[]).filter((b) => b.removed)).toHaveLength(1);
    expect(await countOf(creator.user.id)).toBe(15);
    expect((await rowsOf(creator.user.id)).length).toBe(15);
  });

  it("refuses visitors, one's own group, unknown ids and members who aren't creators, changing nothing", async () => {
    const creator = await member(["creator"]);
    const plain = await member();
    expect((await join(null, creator.user.id)).status).toBe(401);
    const own = await join(creator, creator.user.id);
    expect(own.status).toBe(409);
    expect(((await own.json()) as ApiError).error.message).toBe("You own this fan group.");
    expect((await join(plain, (await member()).user.id)).status).toBe(404);
    expect((await join(plain, "not-a-uuid")).status).toBe(422);
    expect((await join(plain, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect(await countOf(creator.user.id)).toBe(0);
    // Every signed-in role may be a fan of someone else.
    for (const roles of [["creator"], ["mcn_admin"], ["staff"], ["admin"]] as Role[][]) {
      expect((await join(await member(roles), creator.user.id)).status).toBe(200);
    }
    expect(await countOf(creator.user.id)).toBe(4);
  });

  it("raises a fan's level with likes and comments on the creator's notes, a like counting once even after unliking and liking again", async () => {
    const creator = await member(["creator"]);
    const fan = await member();
    const notes = await Promise.all(Array.from({ length: 6 }, () => createNote(db.handle.db, creator.user.id, { publishedAt: clock.now() })));
    // Interaction before joining counts from the day they join.
    expect((await api(`/posts/${notes[0]!.id}/like`, { as: fan, json: {} })).status).toBe(200);
    const runner = createJobRunner({ db: db.handle.db, logger: server.ctx.logger, clock, consumers: fanGroupsConsumers, context: { config: server.ctx.config, realtime: server.ctx.realtime } });
    await runner.drain();
    expect((await ((await join(fan, creator.user.id)).json()) as Membership).member).toMatchObject({ interactionPoints: 1, level: 1 });

    for (const note of notes.slice(1)) expect((await api(`/posts/${note.id}/like`, { as: fan, json: {} })).status).toBe(200);
    // Unlike and like again: still one like's worth.
    await api(`/posts/${notes[1]!.id}/like`, { as: fan, method: "DELETE" });
    await api(`/posts/${notes[1]!.id}/like`, { as: fan, json: {} });
    for (const note of notes.slice(0, 2)) {
      const res = await api(`/posts/${note.id}/comments`, { as: fan, json: { body: "太实用了，收藏！" } });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    await runner.drain();
    const [row] = await db.handle.db.select().from(fanGroupMembers).where(and(eq(fanGroupMembers.creatorId, creator.user.id), eq(fanGroupMembers.userId, fan.user.id)));
    expect(row).toMatchObject({ interactionPoints: 6 + 2 * 3, level: 2 });

    const page = (await (await api(`/creators/${creator.user.id}/fan-group`, { as: fan })).json()) as { fanGroup: { me: { level: number }; levels: { level: number; count: number }[] } };
    expect(page.fanGroup.me.level).toBe(2);
    expect(page.fanGroup.levels.find((l) => l.level === 2)!.count).toBe(1);
  });

  it("keeps fan-only notes from everyone but fans and the author; only the author may mark them", async () => {
    const creator = await member(["creator"]);
    const fan = await member();
    const stranger = await member();
    const note = await createNote(db.handle.db, creator.user.id, { publishedAt: clock.now() });
    expect((await api(`/posts/${note.id}/fan-only`, { as: await member(["creator"]), method: "PUT", json: { fanOnly: true } })).status).toBe(403);
    expect((await api(`/posts/${note.id}/fan-only`, { as: stranger, method: "PUT", json: { fanOnly: true } })).status).toBe(403);
    expect((await api(`/posts/${note.id}/fan-only`, { as: creator, method: "PUT", json: { fanOnly: "yes" } })).status).toBe(422);
    expect((await lockedPostIds(db.handle.db, [note.id], stranger.user.id)).size).toBe(0);
    expect((await api(`/posts/${note.id}/fan-only`, { as: creator, method: "PUT", json: { fanOnly: true } })).status).toBe(200);
    await join(fan, creator.user.id);
    expect([...(await lockedPostIds(db.handle.db, [note.id], stranger.user.id))]).toEqual([note.id]);
    expect([...(await lockedPostIds(db.handle.db, [note.id], null))]).toEqual([note.id]);
    expect((await lockedPostIds(db.handle.db, [note.id], fan.user.id)).size).toBe(0);
    expect((await lockedPostIds(db.handle.db, [note.id], creator.user.id)).size).toBe(0);
    // Feed cards: a lock and no cover for the stranger, the note as it is for the fan.
    const [strangerCard] = await loadPostCards(server.ctx, [note.id], stranger.user.id);
    expect(strangerCard).toMatchObject({ fanOnlyLocked: true, cover: null });
    const [fanCard] = await loadPostCards(server.ctx, [note.id], fan.user.id);
    expect(fanCard!.fanOnlyLocked).toBeUndefined();
  });

  it("admits only fans to a fan-only check-in challenge and its campaign", async () => {
    const creator = await member(["creator"]);
    const fan = await member();
    const stranger = await member();
    await join(fan, creator.user.id);
    const res = await api("/campaigns", {
      as: creator,
      json: {
        type: "checkin_challenge",
        title: "粉丝专属 14 天护肤打卡",
        startsAt: new Date(clock.now().getTime() - 3_600_000).toISOString(),
        endsAt: new Date(clock.now().getTime() + 14 * 86_400_000).toISOString(),
        requiredDays: 10,
        rewardPoints: 20,
        fanGroupOnly: true,
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { campaign } = (await res.json()) as { campaign: { id: string; challengeId: string } };

    const refused = await api(`/challenges/${campaign.challengeId}/participants`, { as: stranger, json: {} });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ApiError).error.message).toBe("Only members of this creator's fan group can join.");
    expect((await api(`/campaigns/${campaign.id}/participants`, { as: stranger, json: {} })).status).toBe(403);
    expect(await db.handle.db.select().from(challengeParticipants).where(eq(challengeParticipants.challengeId, campaign.challengeId))).toHaveLength(0);

    expect((await api(`/challenges/${campaign.challengeId}/participants`, { as: fan, json: {} })).status).toBe(200);
    expect((await api(`/campaigns/${campaign.id}/participants`, { as: fan, json: {} })).status).toBe(200);
    expect(await db.handle.db.select().from(challengeParticipants).where(eq(challengeParticipants.challengeId, campaign.challengeId))).toHaveLength(1);
  });
});
