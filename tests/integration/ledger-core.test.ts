import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awardPoints } from "../../server/gamification";
import { balanceOf, checkLedgerInvariants, platformAccount, postEntry, userAccount } from "../../server/ledger";
import type { CurrentUser } from "../../server/identity";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { createTestUser } from "../factories/users";

const TZ = "Asia/Shanghai";

describe("the ledger: exactly-once entries, balances that never overdraw", () => {
  let db: TestDatabase;
  let member: CurrentUser;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 20 });
    member = (await createTestUser(db.handle.db)).user;
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  it("posts an entry once per idempotency key, however many times it is sent at once", async () => {
    const now = new Date();
    const send = () =>
      db.handle.db.transaction((tx) =>
        postEntry(tx, {
          idempotencyKey: `test:grant:${member.id}`,
          reason: "test",
          userId: member.id,
          occurredAt: now,
          now,
          postings: [
            { account: userAccount(member.id, "points"), amount: 30 },
            { account: platformAccount("points", "issuance"), amount: -30 },
          ],
        }),
      );
    const results = await Promise.all(Array.from({ length: 40 }, send));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entryId)).size).toBe(1);
    expect(await balanceOf(db.handle.db, userAccount(member.id, "points"))).toBe(30);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("refuses a spend beyond the balance inside the database, leaving nothing behind", async () => {
    const now = new Date();
    const spend = (i: number) =>
      db.handle.db
        .transaction((tx) =>
          postEntry(tx, {
            idempotencyKey: `test:spend:${member.id}:${i}`,
            reason: "test",
            userId: member.id,
            occurredAt: now,
            now,
            postings: [
              { account: userAccount(member.id, "points"), amount: -20 },
              { account: platformAccount("points", "expense"), amount: 20 },
            ],
          }),
        )
        .then(
          () => "ok",
          (e: { code?: string; message?: string }) => `${e.code}:${e.message}`,
        );
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => spend(i)));
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "CONFLICT:ledger.insufficient")).toHaveLength(9);
    expect(await balanceOf(db.handle.db, userAccount(member.id, "points"))).toBe(10);
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("pays a capped rule at most its daily count, even when the awards race", async () => {
    const author = (await createTestUser(db.handle.db)).user;
    const at = new Date("2026-03-02T04:00:00Z");
    // post.published: 10 points, 3 a day by default.
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db.handle.db.transaction((tx) =>
          awardPoints(tx, { userId: author.id, ruleKey: "post.published", idempotencyKey: `points:test:${author.id}:${i}`, occurredAt: at, now: at, timeZone: TZ }),
        ),
      ),
    );
    expect(results.filter((r) => r.outcome === "awarded")).toHaveLength(3);
    expect(results.filter((r) => r.outcome === "capped")).toHaveLength(9);
    expect(await balanceOf(db.handle.db, userAccount(author.id, "points"))).toBe(30);
    expect(await balanceOf(db.handle.db, userAccount(author.id, "growth"))).toBe(30);
    // The next platform-local day has a fresh cap (16:00 UTC is midnight in Shanghai).
    const nextDay = new Date("2026-03-02T16:00:00Z");
    const again = await db.handle.db.transaction((tx) =>
      awardPoints(tx, { userId: author.id, ruleKey: "post.published", idempotencyKey: `points:test:${author.id}:next`, occurredAt: nextDay, now: nextDay, timeZone: TZ }),
    );
    expect(again.outcome).toBe("awarded");
    expect((await checkLedgerInvariants(db.handle.db)).ok).toBe(true);
  });

  it("levels a member up when growth crosses a threshold", async () => {
    const fan = (await createTestUser(db.handle.db)).user;
    const at = new Date("2026-03-05T04:00:00Z");
    // post.featured: 50 growth, no cap: two of them reach V2 (100).
    const first = await db.handle.db.transaction((tx) =>
      awardPoints(tx, { userId: fan.id, ruleKey: "post.featured", idempotencyKey: `points:test:feat:${fan.id}:1`, occurredAt: at, now: at, timeZone: TZ }),
    );
    expect(first.levelChange).toBeNull();
    const second = await db.handle.db.transaction((tx) =>
      awardPoints(tx, { userId: fan.id, ruleKey: "post.featured", idempotencyKey: `points:test:feat:${fan.id}:2`, occurredAt: at, now: at, timeZone: TZ }),
    );
    expect(second.levelChange).toEqual({ from: 1, to: 2 });
  });
});
