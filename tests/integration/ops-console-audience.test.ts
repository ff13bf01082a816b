import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { likes, notifications, segmentNotifications, userTagAssignments } from "../../db/schema";
import type { CurrentUser } from "../../server/identity";
import { createSegment, createUserTag, evaluateRuleTags, listSegments, listUserTags, notifySegment, sendSegmentNotifications, tagUser, untagUser } from "../../server/ops";
import { FixedClock } from "../../server/shared/clock";
import { createPaidOrder, createTestLink } from "../factories/distribution-earnings";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { createNote, ensureCategory } from "./feeds-fixtures";

describe("ops console: tags made by rules on the clock, manual tags, RFM segments and a segment notified once", () => {
  let db: TestDatabase;
  const clock = new FixedClock("2026-11-10T04:00:00Z");
  let ctx: ReturnType<typeof createTestContext>;
  let staff: CurrentUser;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
    ctx = createTestContext(db.handle.db, { clock });
    staff = (await createTestUser(ctx.db, { roles: ["staff"] })).user;
  });
  afterAll(async () => {
    await db?.close();
  });

  const carriers = async (tagId: string) =>
    (await ctx.db.select().from(userTagAssignments).where(eq(userTagAssignments.tagId, tagId))).map((a) => `${a.userId}:${a.source}`).sort();

  it("美妆爱好者 (≥ 5 likes in 美妆 in 30 days) is added when a member gets there and removed when the likes age out", async () => {
    const beauty = await ensureCategory(ctx.db, "beauty", "美妆");
    const other = await ensureCategory(ctx.db, "food", "美食");
    const author = (await createTestUser(ctx.db)).user;
    const fan = (await createTestUser(ctx.db)).user;
    const almost = (await createTestUser(ctx.db)).user;
    const beautyNotes = await Promise.all(Array.from({ length: 5 }, () => createNote(ctx.db, author.id, { categoryId: beauty })));
    const foodNote = await createNote(ctx.db, author.id, { categoryId: other });
    const tag = await createUserTag(ctx, staff, { name: "美妆爱好者", kind: "rule", rule: { kind: "likesInCategory", category: "美妆", min: 5, days: 30 } });
    const likeAt = new Date("2026-11-09T04:00:00Z");
    for (const n of beautyNotes) await ctx.db.insert(likes).values({ userId: fan.id, postId: n.id, createdAt: likeAt });
    for (const n of beautyNotes.slice(0, 4)) await ctx.db.insert(likes).values({ userId: almost.id, postId: n.id, createdAt: likeAt });
    await ctx.db.insert(likes).values({ userId: almost.id, postId: foodNote.id, createdAt: likeAt }); // another category: doesn't count

    expect(await evaluateRuleTags(ctx.db, clock.now())).toMatchObject({ added: 1, removed: 0 });
    expect(await carriers(tag.id)).toEqual([`${fan.id}:rule`]);
    expect(await evaluateRuleTags(ctx.db, clock.now())).toMatchObject({ added: 0, removed: 0 }); // nothing more on a re-run

    // 31 days after the likes, they are out of the window: the tag comes off.
    clock.set("2026-12-10T05:00:00Z");
    expect(await evaluateRuleTags(ctx.db, clock.now())).toMatchObject({ added: 0, removed: 1 });
    expect(await carriers(tag.id)).toEqual([]);
    expect((await listUserTags(ctx, staff)).find((t) => t.id === tag.id)).toMatchObject({ members: 0, evaluatedAt: clock.now().toISOString() });
    clock.set("2026-11-10T04:00:00Z");

    // Rule-made tags are the rule's: staff cannot add them by hand.
    await expect(tagUser(ctx, staff, tag.id, { handle: fan.handle })).rejects.toMatchObject({ code: "VALIDATION_FAILED", fields: { handle: ["ops.tags.ruleMade"] } });
  });

  it("manual tags go on and off by hand, idempotently; bad input changes nothing; members cannot tag", async () => {
    const vip = await createUserTag(ctx, staff, { name: "重点用户", kind: "manual" });
    const m = (await createTestUser(ctx.db)).user;
    await Promise.all([tagUser(ctx, staff, vip.id, { handle: m.handle }), tagUser(ctx, staff, vip.id, { handle: `@${m.handle}` })]);
    expect(await carriers(vip.id)).toEqual([`${m.id}:manual`]);
    await untagUser(ctx, staff, vip.id, m.id);
    await untagUser(ctx, staff, vip.id, m.id);
    expect(await carriers(vip.id)).toEqual([]);

    await expect(createUserTag(ctx, staff, { name: "重点用户", kind: "manual" })).rejects.toMatchObject({ fields: { name: ["ops.tags.nameTaken"] } });
    await expect(createUserTag(ctx, staff, { name: "x", kind: "rule" })).rejects.toMatchObject({ fields: { rule: ["ops.tags.rule"] } });
    await expect(createUserTag(ctx, staff, { name: "y", kind: "rule", rule: { kind: "likesInCategory", category: "美妆", min: 0, days: 30 } })).rejects.toMatchObject({ fields: { "rule.min": ["ops.tags.min"] } });
    await expect(tagUser(ctx, staff, vip.id, { handle: "nobody-here" })).rejects.toMatchObject({ fields: { handle: ["ops.tags.noSuchMember"] } });
    expect((await listUserTags(ctx, staff)).map((t) => t.name)).not.toContain("x");
    await expect(tagUser(ctx, m, vip.id, { handle: m.handle })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createSegment(ctx, m, { name: "z", definition: { kind: "tag", tagId: vip.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("an RFM segment counts recent, frequent, big buyers; notifying it about a campaign from 20 racing requests notifies each member once", async () => {
    const creator = (await createTestUser(ctx.db, { roles: ["creator"] })).user;
    const { link, productId } = await createTestLink(ctx.db, creator.id);
    const buyers = await Promise.all(Array.from({ length: 7 }, async () => (await createTestUser(ctx.db)).user));
    const small = (await createTestUser(ctx.db)).user;
    const lapsed = (await createTestUser(ctx.db)).user;
    const order = (buyerId: string, cents: number, paidAt: Date) => createPaidOrder(ctx.db, { buyerId, creatorId: creator.id, linkId: link.id, paidAt, lines: [{ productId, unitPriceCents: cents, commissionRateBp: 1_000 }] });
    for (const b of buyers) {
      await order(b.id, 30_000, new Date("2026-11-01T04:00:00Z"));
      await order(b.id, 30_000, new Date("2026-11-08T04:00:00Z"));
    }
    await order(small.id, 1_000, new Date("2026-11-08T04:00:00Z"));
    await order(small.id, 1_000, new Date("2026-11-09T04:00:00Z"));
    await order(lapsed.id, 90_000, new Date("2026-08-01T04:00:00Z"));
    await order(lapsed.id, 90_000, new Date("2026-08-02T04:00:00Z"));
    const segment = await createSegment(ctx, staff, { name: "高价值活跃买家", definition: { kind: "rfm", maxRecencyDays: 30, minFrequency: 2, minMonetaryCents: 50_000, windowDays: 90 } });
    expect(segment.count).toBe(7);
    expect((await listSegments(ctx, staff)).find((s) => s.id === segment.id)?.count).toBe(7);

    const input = { campaignId: "double-12", title: "双十二好物节", message: "你常买的好物今晚 8 点开抢", href: "/products" };
    const answers = await Promise.all(Array.from({ length: 20 }, () => notifySegment(ctx, staff, segment.id, input)));
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(answers[0]).toMatchObject({ total: 7 });
    // Two workers sending at once still notify each member exactly once.
    const sent = await Promise.all([sendSegmentNotifications(ctx.db, clock.now()), sendSegmentNotifications(ctx.db, clock.now())]);
    expect(sent[0] + sent[1]).toBe(7);
    expect(await sendSegmentNotifications(ctx.db, clock.now())).toBe(0);
    const [job] = await ctx.db.select().from(segmentNotifications).where(eq(segmentNotifications.segmentId, segment.id));
    expect(job).toMatchObject({ status: "done", sent: 7, total: 7 });
    const inbox = await ctx.db.select({ userId: notifications.userId, data: notifications.data }).from(notifications).where(eq(notifications.groupKey, `segment:${job!.id}`));
    expect(inbox.map((n) => n.userId).sort()).toEqual(buyers.map((b) => b.id).sort());
    expect(inbox[0]!.data).toMatchObject({ href: "/products", excerpt: expect.stringContaining("双十二好物节") });

    // Bad input: 422 with the field, nothing queued.
    await expect(notifySegment(ctx, staff, segment.id, { ...input, campaignId: "other", href: "https://evil.example/" })).rejects.toMatchObject({ fields: { href: ["ops.segments.href"] } });
    const [{ n }] = (await ctx.db.execute(sql`select count(*)::int as n from segment_notifications where campaign_id = 'other'`)) as unknown as [{ n: number }];
    expect(n).toBe(0);
    await expect(createSegment(ctx, staff, { name: "bad", definition: { kind: "rfm", windowDays: 0 } })).rejects.toMatchObject({ fields: { "definition.windowDays": ["ops.segments.window"] } });
    expect(await ctx.db.select().from(segmentNotifications).where(and(eq(segmentNotifications.segmentId, segment.id)))).toHaveLength(1);
  });
});
