import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { inject } from "vitest";
import { seedDemoOnce } from "../../db/seed/demo";
import { openDatabase } from "../../db/client";
import type { Config } from "../../server/config";
import { systemClock } from "../../server/shared/clock";
import { createTestContext, testConfig } from "./context";
import { cloneDatabase, createTestDatabase, type TestDatabase } from "./database";
import { databaseUrl, demoDataDir } from "./global-setup";

/**
 * A `beforeAll` timeout for files that call `createDemoDatabase`: the first caller of a run builds the
 * template (a full seed: about a minute and a half on an idle two-core machine, several when it is
 * busy) while the others wait, and a build cut short by a timeout is lost with its worker.
 */
export const DEMO_DATABASE_TIMEOUT_MS = 600_000;

export interface DemoDatabase extends TestDatabase {
  /**
   * This file's own copy of the data directory the seed wrote beside the database: the pictures
   * (`media/`) and the key the applicants' personal data is encrypted with. Tests may add to it.
   */
  dataDir: string;
  mediaDir: string;
  /** A test configuration reading that directory; pass it to `createTestContext`. */
  config: Config;
}

/**
 * A database holding the whole demo community, as `seedDemoOnce` leaves it on a first start, with its
 * data directory beside it. The real seed runs once per test run, into a template that every caller
 * clones (PostgreSQL copies the files): the first caller of any worker builds it under a PostgreSQL
 * advisory lock while the others wait, so a run that needs no demo data never pays for it.
 *
 * By default the seed runs on `createTestContext`'s fixed clock (2026-11-23T02:00:00Z), the instant every
 * demo test of domain functions measures against, so a template built minutes before a test reads
 * exactly as a fresh seed. `clock: "system"` seeds at the real time instead, as a server's first start
 * does, for browser tests where "today" is the real one (checking in from the button); such a template
 * is only the minutes between its build and the test older than a fresh seed.
 */
export async function createDemoDatabase(options: { poolSize?: number; clock?: "fixed" | "system" } = {}): Promise<DemoDatabase> {
  const variant = options.clock === "system" ? "demo_live" : "demo";
  const template = await ensureDemoTemplate(variant);
  const db = await createTestDatabase({ poolSize: options.poolSize, template });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "seedbed-demo-data-"));
  fs.cpSync(demoDataDir(inject("services").runPrefix, variant), dataDir, { recursive: true });
  return {
    ...db,
    dataDir,
    mediaDir: path.join(dataDir, "media"),
    config: testConfig({ DATA_DIR: dataDir }),
    close: async () => {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `seed` while no other full demo seed of this run is going (integration and browser tests may
 * otherwise build their templates together). Each seed is one long transaction: when its steps used
 * savepoints it held over 4,000 locks to the end, and two at once outgrew PostgreSQL's default lock
 * table ("out of shared memory"). Taking turns keeps whatever a future step holds from adding up, and
 * two seeds sharing a two-core machine finish no sooner side by side than one after the other.
 */
export async function inDemoSeedSlot<T>(seed: () => Promise<T>): Promise<T> {
  const services = inject("services");
  const lock = postgres(services.postgresUrl, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(hashtext(${`${services.runPrefix}_demo_seed`}))`;
    return await seed();
  } finally {
    // Ending the session releases the lock.
    await lock.end();
  }
}

/** The seeded template's name, building it first when no worker has yet. */
async function ensureDemoTemplate(variant: "demo" | "demo_live"): Promise<string> {
  const services = inject("services");
  const name = `${services.runPrefix}_${variant}`;
  const building = `${name}_building`;
  const admin = postgres(services.postgresUrl, { max: 1, onnotice: () => {} });
  try {
    // A session lock: it is also released if this worker dies mid-seed, and the next caller starts over.
    await admin`select pg_advisory_lock(hashtext(${name}))`;
    const exists = await admin`select 1 from pg_database where datname = ${name}`;
    if (exists.length > 0) return name;

    const dataDir = demoDataDir(services.runPrefix, variant);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
    await cloneDatabase(admin, building, inject("templateDatabase"));
    const handle = await openDatabase({ kind: "postgres", url: databaseUrl(services.postgresUrl, building), poolSize: 2 });
    try {
      const config = testConfig({ DATA_DIR: dataDir });
      await inDemoSeedSlot(() => seedDemoOnce(createTestContext(handle.db, variant === "demo_live" ? { config, clock: systemClock } : { config })));
    } finally {
      await handle.close();
    }
    // Only a finished seed carries the template's name, so a half-built one is never cloned.
    await admin.unsafe(`alter database "${building}" rename to "${name}"`);
    return name;
  } finally {
    await admin.end();
  }
}
