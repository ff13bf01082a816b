import { and, eq, inArray, sql } from "drizzle-orm";
import { posts } from "../../db/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPost, listComments } from "../../server/content";
import { findCurrentUser, type CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { rowsOf } from "../../server/shared/sql-rows";
import { createLocalStorageSync } from "../../server/storage";
import { createTestContext } from "../setup/context";
import { createDemoDatabase, type DemoDatabase } from "../setup/demo";

/** The whole demo seed: a fan-only note to try the lock on, and applications with sample notes. */
describe("demo seed: the creator's fan-only note and applications' sample notes", () => {
  let db: DemoDatabase;
  const clock = new FixedClock("2026-11-23T02:00:00Z");
  let ctx: ReturnType<typeof createTestContext>;
  const demo: Record<string, CurrentUser> = {};

  beforeAll(async () => {
    db = await createDemoDatabase();
    ctx = createTestContext(db.handle.db, { clock, storage: createLocalStorageSync(db.mediaDir) });
    for (const handle of ["creator", "member", "staff"]) {
      const [row] = rowsOf<{ id: string }>(await ctx.db.execute(sql`select id from users where handle = ${handle}`));
      demo[handle] = (await findCurrentUser(ctx.db, row!.id))!;
    }
  }, 600_000);
  afterAll(async () => {
    await db?.close();
  });

  it("has a fan-only note of the demo creator whose comments the demo member (a fan) and staff read, and a visitor doesn't", async () => {
    const [note] = rowsOf<{ post_id: string }>(await ctx.db.execute(sql`select post_id from fan_only_posts where creator_id = ${demo.creator!.id}`));
    expect(note).toBeDefined();
    const id = note!.post_id;
    for (const who of [demo.member!, demo.staff!, demo.creator!]) {
      expect((await getPost(ctx, id, who)).fanOnlyLocked).toBeUndefined();
      expect((await listComments(ctx, id, who)).items.length).toBeGreaterThan(0);
    }
    expect((await getPost(ctx, id, null)).fanOnlyLocked).toBe(true);
    await expect(listComments(ctx, id, null)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("gives the seeded applications sample notes from the applicants' own published notes", async () => {
    const rows = rowsOf<{ applicant_id: string; sample_post_ids: string[] }>(
      await ctx.db.execute(sql`select applicant_id, sample_post_ids from creator_applications`),
    );
    const withSamples = rows.filter((r) => r.sample_post_ids.length > 0);
    expect(withSamples.length).toBeGreaterThan(0);
    for (const r of withSamples) {
      const own = await ctx.db
        .select({ id: posts.id })
        .from(posts)
        .where(and(inArray(posts.id, r.sample_post_ids), eq(posts.authorId, r.applicant_id), eq(posts.status, "published")));
      expect(own).toHaveLength(r.sample_post_ids.length);
    }
  });
});
