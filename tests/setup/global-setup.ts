import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import postgres from "postgres";
import { openDatabase } from "../../db/client";
import { runMigrations } from "../../db/migrate";
import { acquireServices, releaseServices, type ServiceInfo } from "./services";

declare module "vitest" {
  export interface ProvidedContext {
    services: ServiceInfo;
    /** A migrated database every test database is cloned from. */
    templateDatabase: string;
  }
}

export function databaseUrl(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The data directory (pictures, keys) written beside this run's seeded demo template (see `./demo`). */
export function demoDataDir(runPrefix: string, variant: "demo" | "demo_live"): string {
  return path.join(os.tmpdir(), `${runPrefix}_${variant}_data`);
}

/** Services for the whole run, and one migrated template database that workers clone. */
export default async function setup(project: TestProject) {
  const { info } = await acquireServices();
  const templateDatabase = `${info.runPrefix}_template`;
  const admin = postgres(info.postgresUrl, { max: 1, onnotice: () => {} });
  try {
    // Both projects (integration, e2e) may ask; the first creates it.
    const exists = await admin`select 1 from pg_database where datname = ${templateDatabase}`;
    if (exists.length === 0) {
      await admin.unsafe(`create database "${templateDatabase}"`);
      const handle = await openDatabase({ kind: "postgres", url: databaseUrl(info.postgresUrl, templateDatabase), poolSize: 1 });
      try {
        await runMigrations(handle);
      } finally {
        await handle.close();
      }
    }
  } finally {
    await admin.end();
  }
  project.provide("services", info);
  project.provide("templateDatabase", templateDatabase);

  for (const [what, reason] of [
    ["Redis", info.redisSkipReason],
    ["S3", info.s3SkipReason],
    ["Chromium", info.chromiumSkipReason],
  ] as const) {
    if (reason) console.warn(`[tests] ${what} tests are skipped: ${reason}`);
  }

  return async () => {
    const cleanup = postgres(info.postgresUrl, { max: 1, onnotice: () => {} });
    try {
      const rows = await cleanup<{ datname: string }[]>`select datname from pg_database where datname like ${info.runPrefix + "\\_%"}`;
      for (const { datname } of rows) await cleanup.unsafe(`drop database if exists "${datname}" with (force)`);
    } catch {
      // the embedded server may already be gone
    } finally {
      await cleanup.end();
    }
    for (const variant of ["demo", "demo_live"] as const) fs.rmSync(demoDataDir(info.runPrefix, variant), { recursive: true, force: true });
    await releaseServices();
  };
}
