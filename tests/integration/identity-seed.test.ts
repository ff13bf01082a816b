import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_HANDLES, DEMO_PASSWORD } from "../../db/seed/demo";
import { logIn } from "../../server/identity";
import { createTestContext } from "../setup/context";
import { createDemoDatabase, DEMO_DATABASE_TIMEOUT_MS, type DemoDatabase } from "../setup/demo";

describe("demo seed", () => {
  let db: DemoDatabase;

  // That the accounts are made once when two processes seed together is proved on a fresh database in
  // seed-demo.test.ts; here they are as every first start leaves them.
  beforeAll(async () => {
    db = await createDemoDatabase();
  }, DEMO_DATABASE_TIMEOUT_MS);
  afterAll(async () => {
    await db?.close();
  });

  it("lets each demo account log in with the documented password and the matching roles", async () => {
    const ctx = createTestContext(db.handle.db, { config: db.config });
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
