/**
 * `npm run bench`: builds for production, seeds a benchmark database, starts the production server and
 * loads it with autocannon. Every scenario is reported next to a baseline measured in the same run — a
 * bare Remix route returning static HTML of the same byte size — so results are ratios that survive a
 * change of machine. Results go to .bench/results-<time>.json (git-ignored).
 *
 * Options (environment): BENCH_DURATION seconds per measurement (default 8), BENCH_CONNECTIONS (default
 * 10), BENCH_DATABASE_URL to use a throwaway PostgreSQL database instead of a fresh PGlite directory
 * (recommended: it is what production runs, and it seeds faster), BENCH_USERS / BENCH_NOTES to change
 * the community's size (default 10,000 / 100,000), BENCH_ONLY to run only scenarios whose name
 * contains that text, BENCH_REUSE=1 (with BENCH_DATABASE_URL) to seed once and reuse it on later runs,
 * BENCH_SKIP_HTTP=1 to skip the build, the server and every HTTP scenario (only the in-process
 * measurements below run).
 *
 * After the HTTP scenarios, the gamification measurements of tests/bench/gamification.ts run in this
 * process against the same database (when BENCH_ONLY is unset or contains "gamification"): dailyCheckIn
 * as a ratio to the same INSERTs issued raw through postgres.js, and outbox → points throughput and lag.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { openDatabase } from "../../db/client";
import { runMigrations } from "../../db/migrate";
import { createLocalStorageSync } from "../../server/storage";
import { describeGamification, runGamificationBench, type GamificationResults } from "./gamification";
import { scenarios, type BenchFixtures, type Scenario } from "./scenarios";
import { BENCH_MEMBER, FULL_SIZE, seedBenchData } from "./seed";

const root = path.resolve(import.meta.dirname, "../..");
const outDir = path.join(root, ".bench");
const duration = Number(process.env.BENCH_DURATION ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

interface Measurement {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  bytes: number;
  errors: number;
  non2xx: number;
}

interface ScenarioResult {
  scenario: Measurement;
  baseline: Measurement;
  ratio: { requestsPerSecond: number; p95: number };
  compared?: { to: string; p50: number; p95: number; requestsPerSecond: number };
}

function step(message: string) {
  process.stderr.write(`\n▶ ${message}\n`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function measure(
  url: string,
  scenario: Pick<Scenario, "method" | "headers" | "body" | "nextRequest" | "connections" | "expectStatus">,
  fixtures: BenchFixtures,
  seconds = duration,
) {
  const latencies: number[] = [];
  let bytes = 0;
  const nextRequest = scenario.nextRequest?.(fixtures);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: scenario.method ?? "GET",
        headers: scenario.headers?.(fixtures),
        body: scenario.body?.(fixtures),
        connections: scenario.connections ?? connections,
        duration: seconds,
        ...(nextRequest ? { requests: [{ setupRequest: (req) => ({ ...req, ...nextRequest() }) }] } : {}),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, _status, resBytes, responseTime) => {
      latencies.push(responseTime);
      bytes = resBytes;
    });
  });
  latencies.sort((a, b) => a - b);
  const m: Measurement = {
    requestsPerSecond: Math.round(result.requests.average),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    bytes,
    errors: result.errors + result.timeouts,
    // A redirect scenario's 302s are its answers, not failures.
    non2xx: scenario.expectStatus && scenario.expectStatus >= 300 && scenario.expectStatus < 400 ? result.non2xx - ((result as unknown as Record<string, number>)["3xx"] ?? 0) : result.non2xx,
  };
  return m;
}

const round = (n: number) => Math.round(n * 100) / 100;

async function waitForReady(base: string, child: ChildProcess) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("server did not become ready in 120 s");
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const only = process.env.BENCH_ONLY;
  // The HTTP part runs unless skipped, or unless BENCH_ONLY names no HTTP scenario (e.g. "gamification").
  const runHttp =
    process.env.BENCH_SKIP_HTTP !== "1" &&
    (!only || scenarios.some((s) => s.name.includes(only) || (s.compareTo && s.compareTo.includes(only))));
  const runGamification = !only || only.includes("gamification");
  if (runHttp) {
    step("building for production (remix build)");
    execFileSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NODE_ENV: "production" },
    });
  }

  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const size = {
    ...FULL_SIZE,
    users: Number(process.env.BENCH_USERS ?? FULL_SIZE.users),
    notes: Number(process.env.BENCH_NOTES ?? FULL_SIZE.notes),
  };
  // BENCH_REUSE=1 with BENCH_DATABASE_URL keeps the seeded database and its media between runs, for quick
  // iterations while tuning; a result to report comes from a fresh seed (the likePost scenario writes).
  const reuseFile = databaseUrl ? path.join(outDir, `reuse-${crypto.createHash("sha1").update(databaseUrl).digest("hex").slice(0, 8)}.json`) : "";
  const reused =
    process.env.BENCH_REUSE === "1" && reuseFile && fs.existsSync(reuseFile)
      ? (JSON.parse(fs.readFileSync(reuseFile, "utf8")) as { dataDir: string; fixtures: BenchFixtures; seedSeconds: number })
      : undefined;
  const dataDir = reused?.dataDir ?? path.join(outDir, `data-${Date.now()}`);
  let fixtures: BenchFixtures;
  let seedSeconds: number;
  if (reused) {
    step(`reusing the seeded benchmark database (BENCH_REUSE=1, ${path.relative(root, reuseFile)})`);
    fixtures = reused.fixtures;
    seedSeconds = reused.seedSeconds;
  } else {
    step(`seeding the benchmark database (${databaseUrl ? "PostgreSQL" : "PGlite"}: ${size.users} members, ${size.notes} notes)`);
    const handle = await openDatabase(
      databaseUrl ? { kind: "postgres", url: databaseUrl, poolSize: 4 } : { kind: "pglite", dir: path.join(dataDir, "pglite") },
    );
    const seedStarted = performance.now();
    try {
      await runMigrations(handle);
      let lastLabel = "";
      fixtures = await seedBenchData(handle.db, {
        // The server started below reads media from DATA_DIR/media, whichever database is used.
        storage: createLocalStorageSync(path.join(dataDir, "media")),
        size,
        progress: (label, done, total) => {
          if (label !== lastLabel && lastLabel) process.stderr.write("\n");
          lastLabel = label;
          const seconds = ((performance.now() - seedStarted) / 1000).toFixed(1);
          process.stderr.write(`\r  ${label}: ${done}/${total} (${seconds} s)`);
        },
      });
      process.stderr.write("\n");
    } finally {
      await handle.close();
    }
    seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
    process.stderr.write(`  seeded in ${seedSeconds} s\n`);
    if (reuseFile && process.env.BENCH_REUSE === "1") fs.writeFileSync(reuseFile, JSON.stringify({ dataDir, fixtures, seedSeconds }));
  }

  const results: Record<string, ScenarioResult> = {};
  let gamification: GamificationResults | undefined;
  try {
    if (runHttp) await runHttpScenarios({ dataDir, databaseUrl, fixtures, results, only });
    // ── Gamification (tests/bench/gamification.ts): in this process, once the server has let go of the database.
    if (runGamification) {
      step("gamification: dailyCheckIn vs raw INSERTs, outbox → points");
      gamification = await runGamificationBench({ databaseUrl, pgliteDir: path.join(dataDir, "pglite") });
    }
  } finally {
    if (!databaseUrl) fs.rmSync(dataDir, { recursive: true, force: true });
    else if (!reuseFile || process.env.BENCH_REUSE !== "1") fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const rows = Object.entries(results).flatMap(([name, r]) => [
    { scenario: `${name} — baseline`, ...pick(r.baseline), "ratio req/s": "", "ratio p95": "" },
    { scenario: name, ...pick(r.scenario), "ratio req/s": r.ratio.requestsPerSecond, "ratio p95": r.ratio.p95 },
  ]);
  if (rows.length > 0) console.table(rows);
  for (const [name, r] of Object.entries(results)) {
    if (!r.compared) continue;
    console.log(
      `${name} vs ${r.compared.to}: p50 ×${r.compared.p50}, p95 ×${r.compared.p95}, req/s ×${r.compared.requestsPerSecond}`,
    );
  }
  if (gamification) for (const line of describeGamification(gamification)) console.log(line);
  const file = path.join(outDir, `results-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      { at: new Date().toISOString(), duration, connections, node: process.version, database: databaseUrl ? "postgres" : "pglite", size, seedSeconds, results, gamification },
      null,
      2,
    ),
  );
  console.log(`Results written to ${path.relative(root, file)}`);
}

/** Starts the production server on the seeded data, runs the HTTP scenarios into `results`, stops it. */
async function runHttpScenarios(options: {
  dataDir: string;
  databaseUrl: string | undefined;
  fixtures: BenchFixtures;
  results: Record<string, ScenarioResult>;
  only: string | undefined;
}) {
  const { dataDir, databaseUrl, fixtures, results, only } = options;
  step("starting the production server");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server/main.ts")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
      LOG_LEVEL: "warn",
      BENCH_ROUTES: "1",
      // No background jobs in the measured server: the 10-minute score job rewrites every recent note
      // for seconds, and landing inside one scenario's run and not another's made ratios swing by ±0.3.
      // (The seed computed the scores; production runs jobs in `npm run worker` or its own process.)
      RUN_JOBS: "0",
      DATA_DIR: dataDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: "" }),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForReady(base, child);
    fixtures.memberCookie = await logIn(base);
    // Warm-up: JIT, caches and connection pools, so the first scenario is not penalised.
    await measure(`${base}/bench-baseline?bytes=2048`, {}, fixtures);
    if (databaseUrl) {
      // The test machines' PostgreSQL runs with autovacuum off; production runs it. Clear the dead row
      // versions the seed and the server's first score job (it rewrites every recent note) left, as
      // autovacuum would, so scans measure live rows rather than skipping a table's worth of dead ones.
      step("vacuum analyze (what autovacuum does in production)");
      const pg = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      try {
        await pg.unsafe("vacuum (analyze)");
      } finally {
        await pg.end();
      }
    }

    for (const scenario of scenarios) {
      if (only && !scenario.name.includes(only) && !(scenario.compareTo && scenario.compareTo.includes(only))) continue;
      const url = `${base}${scenario.path(fixtures)}`;
      const probe = await fetch(url, {
        method: scenario.method ?? "GET",
        headers: scenario.headers?.(fixtures),
        body: scenario.body?.(fixtures),
        redirect: "manual",
      });
      const size = (await probe.arrayBuffer()).byteLength;
      if (scenario.expectStatus && probe.status !== scenario.expectStatus) {
        throw new Error(`${scenario.name}: expected ${scenario.expectStatus}, got ${probe.status}`);
      }
      // A short unmeasured run first, so every scenario is measured warm (plans, buffers, caches) — not
      // only the first, and not deep pages whose notes happen to be cold. Writes are not warmed up: they
      // would spend the notes the measured run likes.
      if (!scenario.nextRequest) await measure(url, scenario, fixtures, 2);
      step(`${scenario.name}: baseline of ${size} bytes`);
      const baseline = await measure(`${base}/bench-baseline?bytes=${size}`, { connections: scenario.connections }, fixtures);
      step(`${scenario.name}: ${scenario.method ?? "GET"} ${scenario.path(fixtures).slice(0, 120)}`);
      const measured = await measure(url, scenario, fixtures);
      results[scenario.name] = {
        scenario: measured,
        baseline,
        ratio: {
          requestsPerSecond: round(measured.requestsPerSecond / baseline.requestsPerSecond),
          p95: round(measured.p95 / baseline.p95),
        },
      };
      const other = scenario.compareTo ? results[scenario.compareTo] : undefined;
      if (scenario.compareTo && other) {
        results[scenario.name]!.compared = {
          to: scenario.compareTo,
          p50: round(measured.p50 / other.scenario.p50),
          p95: round(measured.p95 / other.scenario.p95),
          requestsPerSecond: round(measured.requestsPerSecond / other.scenario.requestsPerSecond),
        };
      }
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

/** Logs the bench member in over HTTP, as a browser would, and returns the session cookie pair. */
async function logIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/log-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: BENCH_MEMBER.handle, password: BENCH_MEMBER.password }),
  });
  if (res.status !== 200) throw new Error(`bench member log-in failed: ${res.status} ${await res.text()}`);
  const pair = res.headers
    .getSetCookie()
    .map((h) => h.split(";")[0] ?? "")
    .find((p) => p.startsWith("sb_session=") && p.length > "sb_session=".length);
  if (!pair) throw new Error("log-in set no session cookie");
  return pair;
}

function pick(m: Measurement) {
  return { "req/s": m.requestsPerSecond, "p50 ms": m.p50, "p95 ms": m.p95, "p99 ms": m.p99, bytes: m.bytes, errors: m.errors + m.non2xx };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
