import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSeedbed } from "../../server/boot";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";
import { services } from "../setup/context";

const s = services();

describe("health and readiness", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db, {
      env: {
        REDIS_URL: s.redisUrl ?? undefined,
        ...(s.s3
          ? {
              S3_ENDPOINT: s.s3.endpoint,
              S3_BUCKET: s.s3.bucket,
              S3_REGION: s.s3.region,
              S3_ACCESS_KEY_ID: s.s3.accessKeyId,
              S3_SECRET_ACCESS_KEY: s.s3.secretAccessKey,
            }
          : {}),
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  it("answers /healthz while the process lives", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("reports every real dependency reachable on /readyz", async () => {
    const res = await fetch(`${server.url}/readyz`);
    const body = (await res.json()) as { status: string; checks: { name: string; ok: boolean }[] };
    expect(res.status).toBe(200);
    const names = body.checks.filter((c) => c.ok).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["database", "storage", "search"]));
    if (s.redisUrl) expect(names).toContain("redis");
  });

  it.skipIf(!s.s3)("stores and reads back bytes through the S3 protocol", async () => {
    expect(server.storage.kind).toBe("s3");
    await server.storage.put("health/probe.txt", Buffer.from("种草"), "text/plain");
    expect((await server.storage.get("health/probe.txt"))?.toString()).toBe("种草");
    await server.storage.delete("health/probe.txt");
    expect(await server.storage.get("health/probe.txt")).toBeNull();
  });

  it("sends security headers with a CSP and a request id on every response", async () => {
    const res = await fetch(`${server.url}/healthz`, { headers: { "x-request-id": "probe-123" } });
    expect(res.headers.get("x-request-id")).toBe("probe-123");
    const api = await fetch(`${server.url}/favicon.ico`);
    expect(api.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("reports not ready when the database is gone", async () => {
    const other = await createTestDatabase();
    const doomed = await startTestServer(other);
    await other.handle.close();
    await doomed.dbHandle.close();
    const res = await fetch(`${doomed.url}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { checks: { name: string; ok: boolean }[] };
    expect(body.checks.find((c) => c.name === "database")?.ok).toBe(false);
    doomed.httpServer.close();
  });
});
