import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPointsSummary, listPointsLedger } from "../../server/gamification/points";
import { pointsConsumers } from "../../server/gamification/points/consumers";
import { createJobRunner } from "../../server/jobs/runner";
import { checkLedgerInvariants } from "../../server/ledger";
import { createLogger } from "../../server/shared/logger";
import { createTestContext } from "../setup/context";
import { createDemoDatabase, DEMO_DATABASE_TIMEOUT_MS, type DemoDatabase } from "../setup/demo";

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}

describe("the demo community's points history", () => {
  let db: DemoDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  // Awards for activity (purchase points follow orders, not these events; see distribution-earnings-purchase-points).
  const awardEntries = async () =>
    Number(rowsOf<{ n: string }>(await db.handle.db.execute(sql`select count(*) as n from journal_entries where reason like 'rule:%' and reason <> 'rule:purchase' and source_event_id is not null`))[0]!.n);
  const idOf = async (handle: string) => rowsOf<{ id: string }>(await db.handle.db.execute(sql`select id from users where handle = ${handle}`))[0]!.id;

  beforeAll(async () => {
    db = await createDemoDatabase();
    ctx = createTestContext(db.handle.db, { config: db.config });
  }, DEMO_DATABASE_TIMEOUT_MS);
  afterAll(async () => {
    await db?.close();
  });

  it("gives the demo member and creator balances and a ledger with several reasons, and someone a level above V1", async () => {
    for (const handle of ["member", "creator"]) {
      const id = await idOf(handle);
      const summary = await getPointsSummary(db.handle.db, id, { today: "2026-11-23", locale: "zh-CN" });
      expect(summary.points, handle).toBeGreaterThan(0);
      const ledger = await listPointsLedger(ctx, id, { limit: 50 }, "zh-CN");
      expect(new Set(ledger.items.map((i) => i.reason)).size, handle).toBeGreaterThanOrEqual(2);
    }
    const creator = await getPointsSummary(db.handle.db, await idOf("creator"), { today: "2026-11-23", locale: "zh-CN" });
    expect(creator.level.level).toBeGreaterThan(1);
    const ranked = rowsOf<{ n: string }>(await db.handle.db.execute(sql`select count(*) as n from user_levels where level > 1`));
    expect(Number(ranked[0]!.n)).toBeGreaterThan(1);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("pays every award exactly once when the worker later delivers the events the seed already paid", async () => {
    const paidBySeed = await awardEntries();
    await createJobRunner({ db: db.handle.db, logger: createLogger({ level: "silent" }), clock: ctx.clock, consumers: pointsConsumers, context: { config: ctx.config, realtime: ctx.realtime } }).drain();
    // One entry per award-bearing event (likes of one's own note earn nothing), none twice.
    const events = rowsOf<{ n: string }>(
      await db.handle.db.execute(sql`
        select count(*) as n from outbox_events
        where type in ('content.post.published', 'content.comment.created', 'content.post.featured')
           or (type = 'content.post.liked' and payload->>'userId' <> payload->>'authorId')`),
    );
    const after = await awardEntries();
    expect(after).toBe(Number(events[0]!.n));
    expect(after).toBeGreaterThan(paidBySeed);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });
});
