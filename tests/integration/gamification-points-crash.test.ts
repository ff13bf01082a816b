import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { like, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { journalEntries } from "../../db/schema";
import { countDeliveries } from "../../server/jobs/process-outbox";
import { emitEvent } from "../../server/jobs/emit-event";
import { balanceOf, checkLedgerInvariants, userAccount } from "../../server/ledger";
import { createTestUser } from "../factories/users";
import { waitFor } from "../fixtures/outbox-harness";
import { createTestDatabase, type TestDatabase } from "../setup/database";

const root = path.resolve(import.meta.dirname, "../..");
const mod = (p: string) => JSON.stringify(path.join(root, p));

/**
 * A job worker in its own Node process running the real points consumers (the award consumer's handler
 * wrapped with a short sleep inside the delivery's transaction, so a SIGKILL lands mid-batch).
 * `node --import tsx` rather than the tsx CLI, so the signal hits the process holding the transaction.
 */
const WORKER = `
import { openDatabase } from ${mod("db/client.ts")};
import { loadConfig } from ${mod("server/config.ts")};
import { defineConsumer } from ${mod("server/jobs/consumer.ts")};
import { createJobRunner } from ${mod("server/jobs/runner.ts")};
import { systemClock } from ${mod("server/shared/clock.ts")};
import { createLogger } from ${mod("server/shared/logger.ts")};
import { pointsConsumers, pointsForContent } from ${mod("server/gamification/points/consumers.ts")};
const url = process.env.DATABASE_URL;
const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: url, LOG_LEVEL: "silent" });
const handle = await openDatabase({ kind: "postgres", url, poolSize: 3 });
const slow = defineConsumer({ ...pointsForContent, async handle(tx, event, ctx) {
  await pointsForContent.handle(tx, event, ctx);
  await new Promise((r) => setTimeout(r, 3));
} });
const runner = createJobRunner({
  db: handle.db, logger: createLogger({ level: "silent" }), clock: systemClock,
  consumers: pointsConsumers.map((c) => (c.name === slow.name ? slow : c)),
  context: { config, realtime: { toUser() {}, toRoom() {}, disconnectUser() {} } },
  pollIntervalMs: 20, batchSize: 25,
});
runner.start();
process.stdout.write("ready\\n");
process.on("SIGTERM", async () => { await runner.stop(); await handle.close(); process.exit(0); });
`;

function spawnWorker(databaseUrl: string): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", WORKER], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
    void exited.then((code) => reject(new Error(`worker exited (${code}) before ready: ${stderr}`)));
  });
  ready.catch(() => {});
  return { child, ready, exited };
}

describe("points awards when the outbox processor is killed", () => {
  let db: TestDatabase;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    db = await createTestDatabase({ poolSize: 4 });
  });
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await db?.close();
  });

  it(
    "pays every award exactly once after a SIGKILL mid-batch and a restart, and the ledger invariants hold",
    async () => {
      // 12 members; each gets 20 likes on a note (1 point each) and writes 14 comments (2 each, 10 a day).
      const members = await Promise.all(Array.from({ length: 12 }, async () => (await createTestUser(db.handle.db)).user));
      const at = new Date("2026-11-23T04:00:00Z");
      let events = 0;
      for (const m of members) {
        const postId = crypto.randomUUID();
        await db.handle.db.transaction(async (tx) => {
          for (let i = 0; i < 20; i++) {
            await emitEvent(tx, { type: "content.post.liked", payload: { postId, userId: crypto.randomUUID(), authorId: m.id, categoryId: null }, occurredAt: at });
          }
          for (let i = 0; i < 14; i++) {
            await emitEvent(tx, {
              type: "content.comment.created",
              payload: { commentId: crypto.randomUUID(), postId, userId: m.id, postAuthorId: m.id, mentionedUserIds: [], excerpt: "好" },
              occurredAt: at,
            });
          }
        });
        events += 34;
      }

      const first = spawnWorker(db.url);
      children.push(first.child);
      await first.ready;
      await waitFor(async () => (await countDeliveries(db.handle.db)).delivered >= 60, 60_000, "the first worker to make progress");
      first.child.kill("SIGKILL");
      await first.exited;
      const afterKill = await countDeliveries(db.handle.db);
      expect(afterKill.delivered).toBeGreaterThanOrEqual(60);
      expect(afterKill.delivered).toBeLessThan(events); // the kill really landed mid-way

      const second = spawnWorker(db.url);
      children.push(second.child);
      await second.ready;
      await waitFor(async () => (await countDeliveries(db.handle.db)).delivered === events, 90_000, "every delivery");

      const keys = await db.handle.db
        .select({ key: journalEntries.idempotencyKey, n: sql<number>`count(*)::int` })
        .from(journalEntries)
        .where(like(journalEntries.idempotencyKey, "points:%"))
        .groupBy(journalEntries.idempotencyKey);
      expect(keys).toHaveLength(events); // one entry per event (capped comments included), none twice
      for (const m of members) {
        expect(await balanceOf(db.handle.db, userAccount(m.id, "points"))).toBe(20 + 10 * 2);
        expect(await balanceOf(db.handle.db, userAccount(m.id, "growth"))).toBe(20 + 10 * 2);
      }
      const report = await checkLedgerInvariants(db.handle.db);
      expect(report).toMatchObject({ ok: true, drift: [], unbalancedEntries: [], negative: [] });

      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
    },
    180_000,
  );
});
