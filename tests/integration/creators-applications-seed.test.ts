import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categories, creatorApplications, creatorInvitations, posts, userRoles } from "../../db/schema";
import { applicationsSeedSteps } from "../../db/seed/creators/applications";
import type { DemoSeedState } from "../../db/seed/demo";
import { recruitmentFunnel } from "../../server/creators/recruitment";
import type { CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

/** The demo's applications step, run alone on a few community members. */
describe("demo creator applications seed", () => {
  let db: TestDatabase;
  const clock = new FixedClock("2026-11-23T02:00:00Z");
  let ctx: ReturnType<typeof createTestContext>;
  let staff: CurrentUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db, { clock });
    const now = clock.now();
    staff = (await createTestUser(ctx.db, { handle: "staff", roles: ["staff"], now })).user;
    const member = (await createTestUser(ctx.db, { handle: "member", now })).user;
    const [cat] = await ctx.db.insert(categories).values({ slug: "beauty", nameZh: "美妆", nameEn: "Beauty", createdAt: now }).returning();
    await ctx.db.insert(categories).values({ slug: "food", nameZh: "美食", nameEn: "Food", createdAt: now });
    for (let i = 0; i < 7; i++) {
      const { user } = await createTestUser(ctx.db, { now });
      await ctx.db.insert(posts).values({ authorId: user.id, status: "published", title: "笔记", categoryId: cat!.id, publishedAt: now, createdAt: now, updatedAt: now });
    }
    const state: DemoSeedState = { users: { staff, member } };
    await ctx.db.transaction(async (tx) => {
      for (const step of applicationsSeedSteps) await step.run(tx, ctx, state);
    });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  it("leaves an application in every state, the approved one a creator, and a funnel with each step", async () => {
    const rows = await ctx.db.select().from(creatorApplications);
    expect(rows.map((r) => r.status).sort()).toEqual(["approved", "in_review", "rejected", "submitted", "trial"]);
    expect(rows.every((r) => r.realNameCipher.startsWith("v1."))).toBe(true);
    const trial = rows.find((r) => r.status === "trial")!;
    expect(trial.trialDeadline!.getTime()).toBeGreaterThan(clock.now().getTime());
    const approved = rows.find((r) => r.status === "approved")!;
    const roles = await ctx.db.select().from(userRoles).where(eq(userRoles.userId, approved.applicantId));
    expect(roles.map((r) => r.role)).toContain("creator");
    const member = await ctx.db.select().from(creatorApplications).where(sql`${creatorApplications.applicantId} in (select id from users where handle = 'member')`);
    expect(member).toHaveLength(0);
    expect(await ctx.db.select().from(creatorInvitations)).toHaveLength(3);
    expect(await recruitmentFunnel(ctx, staff)).toEqual({ invited: 3, applied: 2, approved: 1, firstSale: 0 });
  });
});
