import { inject } from "vitest";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { databaseUrl } from "./global-setup";

let counter = 0;

export interface TestDatabase {
  url: string;
  name: string;
  handle: DatabaseHandle;
  /** Closes the connection pool (the database is dropped at the end of the run). */
  close(): Promise<void>;
}

/**
 * Creates `name` as a copy of `template`. PostgreSQL copies the files, so a seeded template costs a
 * second, not the minute its seed took.
 */
export async function cloneDatabase(admin: postgres.Sql, name: string, template: string): Promise<void> {
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database "${name}" template "${template}"`);
      return;
    } catch (e) {
      // 55006: the template is briefly in use by a concurrent clone; wait and retry.
      if ((e as { code?: string }).code !== "55006" || attempt > 50) throw e;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }
}

/**
 * A fresh, migrated PostgreSQL database for the calling test file, cloned from the run's template:
 * each file starts from an empty schema, no matter what ran before it in the same worker. `template`
 * names another template of this run to clone instead (the seeded demo community, see `./demo`).
 */
export async function createTestDatabase(options: { poolSize?: number; template?: string } = {}): Promise<TestDatabase> {
  const services = inject("services");
  const template = options.template ?? inject("templateDatabase");
  const name = `${services.runPrefix}_w${process.env.VITEST_POOL_ID ?? "0"}_${process.pid}_${++counter}`;
  const admin = postgres(services.postgresUrl, { max: 1, onnotice: () => {} });
  try {
    await cloneDatabase(admin, name, template);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(services.postgresUrl, name);
  const handle = await openDatabase({ kind: "postgres", url, poolSize: options.poolSize ?? 5 });
  return { url, name, handle, close: () => handle.close() };
}
