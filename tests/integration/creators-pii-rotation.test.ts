import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { AppLoadContext } from "@remix-run/node";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as detailPage from "../../app/routes/ops.creators.applications.$id";
import { auditLog, categories, creatorApplications, piiAccessLog } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { applyAsCreator, encryptPii, PiiKeyMissingError, rotatePii } from "../../server/creators/applications";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { FixedClock } from "../../server/shared/clock";
import { asRoute, routeCaller } from "../factories/routes";
import { createTestUser, uniqueHandle } from "../factories/users";
import { createTestContext, testConfig } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

const run = promisify(execFile);
const hexKey = () => crypto.randomBytes(32).toString("hex");

describe("rotating the key of applicants' personal data: old values stay readable, pii:rotate moves them, a missing key is named", () => {
  let db: TestDatabase;
  const clock = new FixedClock("2026-11-24T02:00:00Z");
  const OLD = hexKey();
  const NEW = crypto.randomBytes(32).toString("base64");
  const OTHER = hexKey();
  // Fresh data folders, so no key file from another test stands in for a key the test leaves out.
  const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "seedbed-pii-rotation-"));
  const single = { CREATOR_PII_KEY: OLD, DATA_DIR: dataDir() };
  const added = { CREATOR_PII_KEY: OLD, PII_KEYS: `k2:${NEW}`, DATA_DIR: dataDir() };
  const onlyNew = { PII_KEYS: `k2:${NEW}`, DATA_DIR: dataDir() };
  const missing = { PII_KEYS: `k3:${OTHER}`, DATA_DIR: dataDir() };
  const slug = `pii-${Date.now().toString(36)}`;
  const people = [
    { realName: "林小雨", contact: "+86 138 0013 8000", region: "上海市徐汇区" },
    { realName: "陈一", contact: "chen@example.test", region: "成都" },
    { realName: "王二", contact: "13900001111", region: "广州" },
    { realName: "赵三", contact: "zhao@example.test", region: "杭州" },
  ];
  const appIds: string[] = [];
  let staff: CurrentUser;

  const ctxWith = (env: Record<string, string>) => createTestContext(db.handle.db, { clock, config: testConfig(env) });
  const ciphers = async () =>
    db.handle.db
      .select({ id: creatorApplications.id, realName: creatorApplications.realNameCipher, contact: creatorApplications.contactCipher, region: creatorApplications.regionCipher })
      .from(creatorApplications)
      .orderBy(asc(creatorApplications.id));
  async function staffPage(env: Record<string, string>, id: string) {
    const ctx = ctxWith(env);
    const session = await createSession(ctx.db, { userId: staff.id, now: clock.now() });
    const context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    const res = await routeCaller(context).get(asRoute(detailPage), `/ops/creators/applications/${id}`, sessionCookie(ctx, session).split(";")[0]!, { id });
    return { status: res.status, body: (await res.json()) as { pii: Record<string, string> | null; piiKeyMissing: string | null } };
  }
  async function apply(env: Record<string, string>, person: (typeof people)[number]) {
    const { user } = await createTestUser(db.handle.db, { now: clock.now(), handle: uniqueHandle("pr") });
    const app = await applyAsCreator(ctxWith(env), user, { ...person, categories: [slug], talents: [], platformAccounts: [], sampleNotes: "", samplePostIds: [] });
    appIds.push(app.id);
    return app.id;
  }

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    await db.handle.db.insert(categories).values({ slug, nameZh: "美妆", nameEn: "Beauty", createdAt: clock.now() });
    staff = (await createTestUser(db.handle.db, { now: clock.now(), roles: ["staff"], handle: uniqueHandle("ps") })).user;
    // Three applications written with the single key, and one from before values carried a key id.
    for (const person of people.slice(0, 3)) await apply(single, person);
    const legacy = await apply(single, people[3]!);
    const oldKey = Buffer.from(OLD, "hex");
    await db.handle.db
      .update(creatorApplications)
      .set({ realNameCipher: encryptPii(oldKey, people[3]!.realName), contactCipher: encryptPii(oldKey, people[3]!.contact), regionCipher: encryptPii(oldKey, people[3]!.region) })
      .where(eq(creatorApplications.id, legacy));
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  it("after a new key is added, staff still read every old application, and new ones are written with the new key", async () => {
    const before = await ciphers();
    expect(before.filter((r) => r.realName.startsWith("v1.default."))).toHaveLength(3);
    expect(before.filter((r) => r.realName.split(".").length === 4)).toHaveLength(1);

    for (const [i, id] of appIds.entries()) {
      const { status, body } = await staffPage(added, id);
      expect(status).toBe(200);
      expect(body.pii).toEqual(people[i]);
      expect(body.piiKeyMissing).toBeNull();
    }
    const fresh = await apply(added, { realName: "钱五", contact: "qian@example.test", region: "南京" });
    const [row] = (await ciphers()).filter((r) => r.id === fresh);
    for (const value of [row!.realName, row!.contact, row!.region]) expect(value).toMatch(/^v1\.k2\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await staffPage(added, fresh)).body.pii).toEqual({ realName: "钱五", contact: "qian@example.test", region: "南京" });
  });

  it("pii:rotate moves every value to the current key in batches, after which the old key can go", async () => {
    const seen: [number, number][] = [];
    const result = await rotatePii(ctxWith(added), { batchSize: 2, progress: (done, total) => seen.push([done, total]) });
    expect(result).toEqual({ keyId: "k2", total: 4, rotated: 4 });
    expect(seen).toEqual([
      [0, 4],
      [2, 4],
      [4, 4],
    ]);
    for (const r of await ciphers()) for (const value of [r.realName, r.contact, r.region]) expect(value.startsWith("v1.k2.")).toBe(true);

    // The old key is no longer needed: with only the new one configured, staff read everything.
    for (const [i, id] of appIds.slice(0, 4).entries()) expect((await staffPage(onlyNew, id)).body.pii).toEqual(people[i]);
  });

  it("running it again changes nothing", async () => {
    const before = await ciphers();
    expect(await rotatePii(ctxWith(added), { batchSize: 2 })).toEqual({ keyId: "k2", total: 0, rotated: 0 });
    expect(await ciphers()).toEqual(before);
  });

  it("a value whose key is not configured: staff see the application with a notice naming the key, nothing is logged, and rotation stops with the key's name", async () => {
    const id = appIds[0]!;
    const logged = async () => ({
      views: (await db.handle.db.select().from(piiAccessLog).where(eq(piiAccessLog.applicationId, id))).length,
      audits: (await db.handle.db.select().from(auditLog).where(eq(auditLog.subjectId, id))).length,
    });
    const before = await logged();
    const page = await staffPage(missing, id);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ pii: null, piiKeyMissing: "k2", application: { id } });
    expect(await logged()).toEqual(before);

    // The same answer over /api/v1 (a server started with the incomplete PII_KEYS).
    const server: RunningSeedbed = await startTestServer(db, { clock, env: missing });
    try {
      const { token } = await createAccessToken(server.ctx, staff.id, { name: "test" });
      const res = await fetch(`${server.url}/api/v1/creator-applications/${id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ pii: null, piiKeyMissing: "k2", application: { id } });
    } finally {
      await server.stop();
    }
    expect(await logged()).toEqual(before);

    const rows = await ciphers();
    const failure = await rotatePii(ctxWith(missing)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PiiKeyMissingError);
    expect((failure as Error).message).toMatch(/"k2".*PII_KEYS/);
    expect(await ciphers()).toEqual(rows);
  });

  it("a run stopped by a missing key keeps its finished batches; the next run, with the key back, does only the rest", async () => {
    // One application on a third key, k9, that the first run does not know.
    const stray = { PII_KEYS: `k9:${hexKey()}`, DATA_DIR: dataDir() };
    const strayId = await apply(stray, { realName: "孙六", contact: "sun@example.test", region: "武汉" });
    const current = { PII_KEYS: `k3:${OTHER},k2:${NEW}`, DATA_DIR: dataDir() };
    const failure = await rotatePii(ctxWith(current), { batchSize: 1 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PiiKeyMissingError);
    const afterFirst = await ciphers();
    const done = afterFirst.filter((r) => r.realName.startsWith("v1.k3."));
    expect(afterFirst.find((r) => r.id === strayId)!.realName.startsWith("v1.k9.")).toBe(true);

    const complete = { PII_KEYS: `k3:${OTHER},k2:${NEW},${stray.PII_KEYS}`, DATA_DIR: dataDir() };
    const result = await rotatePii(ctxWith(complete), { batchSize: 1 });
    expect(result.rotated).toBe(afterFirst.length - done.length);
    const afterSecond = await ciphers();
    // What the first run finished was not touched again.
    for (const d of done) expect(afterSecond.find((r) => r.id === d.id)).toEqual(d);
    for (const r of afterSecond) expect([r.realName, r.contact, r.region].every((v) => v.startsWith("v1.k3."))).toBe(true);
    expect((await staffPage({ PII_KEYS: `k3:${OTHER}`, DATA_DIR: dataDir() }, strayId)).body.pii).toEqual({ realName: "孙六", contact: "sun@example.test", region: "武汉" });
  });

  it("refuses a malformed PII_KEYS at start-up, naming the variable", () => {
    for (const bad of [`k1`, `k1:short`, `k1:${OTHER},k1:${NEW}`, `bad id:${OTHER}`, `:${OTHER}`]) {
      expect(() => testConfig({ PII_KEYS: bad })).toThrow(/PII_KEYS: must be id:key pairs/);
    }
    expect(testConfig({ PII_KEYS: ` k1:${OTHER} , k0:${NEW} ` }).piiKeys).toEqual([
      { id: "k1", key: OTHER },
      { id: "k0", key: NEW },
    ]);
  });

  it("npm run pii:rotate draws its progress and says when there is nothing left to do", async () => {
    const env = { ...process.env, DATABASE_URL: db.url, PII_KEYS: `k4:${hexKey()},k3:${OTHER}`, DATA_DIR: dataDir(), LOG_LEVEL: "silent", NODE_ENV: "test" as const };
    const cli = path.resolve("server/creators/applications/rotate-pii-cli.ts");
    const tsx = path.resolve("node_modules/.bin/tsx");
    const first = await run(tsx, [cli, "--batch=2"], { env });
    const count = (await ciphers()).length;
    expect(first.stdout).toContain(`Re-encrypted ${count} application(s) to key "k4".`);
    expect(first.stderr).toMatch(new RegExp(`100% ${count}/${count}`));
    const again = await run(tsx, [cli], { env });
    expect(again.stdout).toContain(`already on key "k4"`);
    for (const r of await ciphers()) expect([r.realName, r.contact, r.region].every((v) => v.startsWith("v1.k4."))).toBe(true);
    // Bad arguments and a missing key end with a message and a non-zero exit, not a stack trace.
    await expect(run(tsx, [cli, "--batch=0"], { env })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("--batch") });
    await expect(run(tsx, [cli], { env: { ...env, PII_KEYS: `k5:${hexKey()}` } })).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining(`"k4" is not configured`) });
  }, 60_000);
});
