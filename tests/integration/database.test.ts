import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { runMigrations } from "../../db/migrate";
import { users } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../setup/database";

describe("database", () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    await testDb?.close();
  });

  it("logs statements slower than the threshold, inside and outside transactions", async () => {
    const logged: { durationMs: number; query: string }[] = [];
    const handle = await openDatabase({
      kind: "postgres",
      url: testDb.url,
      poolSize: 2,
      slowQueries: { thresholdMs: 50, log: (e) => logged.push(e) },
    });
    try {
      await handle.db.execute(sql`select 1`);
      expect(logged).toHaveLength(0); // fast statements stay quiet
      await handle.db.execute(sql`select pg_sleep(0.08)`);
      await handle.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_sleep(0.06) as in_tx`);
      });
      expect(logged.map((l) => l.query)).toEqual([
        expect.stringContaining("pg_sleep(0.08)"),
        expect.stringContaining("in_tx"),
      ]);
      expect(logged.every((l) => l.durationMs >= 50)).toBe(true);
    } finally {
      await handle.close();
    }
  });

  it("applies the same migrations on embedded PGlite, and a second run is a no-op", async () => {
    const pglite: DatabaseHandle = await openDatabase({ kind: "pglite", dir: "memory://" });
    try {
      await runMigrations(pglite);
      await runMigrations(pglite);
      const rows = await pglite.db.select().from(users);
      expect(rows).toEqual([]);
      const tables = await pglite.db.execute<{ table_name: string }>(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      );
      const onPostgres = await testDb.handle.db.execute<{ table_name: string }>(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      );
      const names = (r: unknown) => ((r as { rows?: { table_name: string }[] }).rows ?? (r as { table_name: string }[])).map((x) => x.table_name);
      expect(names(tables)).toEqual(names(onPostgres));
      expect(names(tables)).toContain("outbox_events");
    } finally {
      await pglite.close();
    }
  });

  it("lets concurrent starts migrate one at a time", async () => {
    const fresh = await createTestDatabase();
    try {
      const handles = await Promise.all(
        [1, 2, 3].map(() => openDatabase({ kind: "postgres", url: fresh.url, poolSize: 2 })),
      );
      await Promise.all(handles.map((h) => runMigrations(h)));
      await Promise.all(handles.map((h) => h.close()));
    } finally {
      await fresh.close();
    }
  });
});
