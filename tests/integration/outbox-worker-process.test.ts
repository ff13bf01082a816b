import { spawn } from "node:child_process";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobRuns, searchIndexState } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";
import { waitFor } from "../fixtures/outbox-harness";

const root = path.resolve(import.meta.dirname, "../..");

describe("where jobs run", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  const pruneRuns = () => db.handle.db.select().from(jobRuns).where(eq(jobRuns.job, "jobs.pruneExpired"));

  it("`npm run worker` runs the registered jobs, builds search indexes never built, and exits cleanly on SIGTERM", async () => {
    await db.handle.db.delete(searchIndexState);
    const child = spawn(process.execPath, ["--import", "tsx", "server/worker.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: "info", REDIS_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await waitFor(async () => (await pruneRuns()).some((r) => r.status === "succeeded"), 30_000, "the worker's first scheduled run");
      // With web nodes on RUN_JOBS=0 the worker is what builds the search indexes.
      await waitFor(async () => (await db.handle.db.select().from(searchIndexState)).length >= 2, 30_000, "the worker's search backfill");
    } catch (e) {
      child.kill("SIGKILL");
      throw new Error(`${(e as Error).message}\n${output}`);
    }
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("worker running");
    expect(output).toContain("jobs stopped");
  }, 60_000);

  it("the web process runs jobs only when RUN_JOBS allows it", async () => {
    await db.handle.db.delete(jobRuns);
    const quiet = await startTestServer(db, { env: { RUN_JOBS: "0" } });
    await new Promise((r) => setTimeout(r, 500));
    expect(await pruneRuns()).toEqual([]);
    await quiet.stop();

    const busy = await startTestServer(db, { env: { RUN_JOBS: "1" } });
    try {
      await waitFor(async () => (await pruneRuns()).length === 1, 10_000, "the web process's scheduled run");
    } finally {
      await busy.stop();
    }
  });
});
