import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_HANDLES, DEMO_PASSWORD, seedDemoOnce } from "../../db/seed/demo";
import { logIn } from "../../server/identity";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

const rowsOfCount = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { n: string }[];

describe("demo seed", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  const userCount = async () => {
    const rows = await db.handle.db.execute<{ n: string }>(sql`select count(*) as n from users`);
    return Number((Array.isArray(rows) ? rows[0] : (rows as { rows: { n: string }[] }).rows[0])!.n);
  };

  it("creates the five demo accounts once, even when two processes seed at the same time", async () => {
    const ctx = createTestContext(db.handle.db);
    await Promise.all([seedDemoOnce(ctx), seedDemoOnce(createTestContext(db.handle.db))]);
    await seedDemoOnce(ctx);
    expect(await userCount()).toBeGreaterThanOrEqual(DEMO_HANDLES.length);
    const [row] = rowsOfCount(await db.handle.db.execute(sql`select count(*) as n from users where lower(handle) = 'admin'`));
    expect(Number(row!.n)).toBe(1);
  }, 180_000);

  it("lets each demo account log in with the documented password and the matching roles", async () => {
    const ctx = createTestContext(db.handle.db);
    const expected: Record<string, string[]> = {
      admin: ["member", "admin"],
      staff: ["member", "staff"],
      mcn: ["member", "mcn_admin"],
      creator: ["member", "creator"],
      member: ["member"],
    };
    for (const handle of DEMO_HANDLES) {
      const { user } = await logIn(ctx, { login: handle, password: DEMO_PASSWORD }, { ip: "127.0.0.1" });
      expect(user.roles, handle).toEqual(expected[handle]);
    }
  });
});
