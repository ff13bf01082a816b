import crypto from "node:crypto";
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categories, creatorApplications } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { applyAsCreator } from "../../server/creators/applications";
import { requestMcnPayout } from "../../server/creators/mcn";
import { commissionsConsumers } from "../../server/distribution";
import { createJobRunner } from "../../server/jobs/runner";
import { createLogger } from "../../server/shared/logger";
import { createTestMcn, signTestCreator } from "../factories/creators-mcn";
import { confirmOrder, createPaidOrder, createTestLink } from "../factories/distribution-earnings";
import { createTestUser, TEST_PASSWORD, uniqueHandle } from "../factories/users";
import { chromiumPath, PhoneBrowser } from "../setup/browser";
import { testConfig } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

const SHOTS = "/tmp/shots";

/**
 * Staff in the browser: an MCN's payout in the queue names the MCN and links to its read-only roster; an
 * application whose personal data was encrypted with a key this server does not have still opens, with
 * a notice naming the key.
 */
describe.skipIf(!chromiumPath)("payout queue and personal-data keys in the browser", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const phone = new PhoneBrowser({ password: TEST_PASSWORD });

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    db = await createTestDatabase();
    server = await startTestServer(db, { withUi: true });
    await phone.launch(server.url);
  }, 180_000);
  afterAll(async () => {
    await phone.close();
    await server?.stop();
    await db?.close();
  });

  it("shows an MCN's payout by the MCN's name; the link opens its roster with the share net of refunds", async () => {
    const ctx = server.ctx;
    const mcn = await createTestMcn(ctx, "青禾传媒");
    const { creator } = await signTestCreator(ctx, mcn, { shareBp: 5_000, startsOn: "2026-01-01" });
    const { link, productId } = await createTestLink(db.handle.db, creator.id);
    const buyer = (await createTestUser(db.handle.db)).user;
    const now = ctx.clock.now();
    const order = await createPaidOrder(db.handle.db, { buyerId: buyer.id, creatorId: creator.id, linkId: link.id, paidAt: now, lines: [{ productId, unitPriceCents: 200_000, commissionRateBp: 1_000 }] });
    const drain = () => createJobRunner({ db: db.handle.db, logger: createLogger({ level: "silent" }), clock: ctx.clock, consumers: [...commissionsConsumers], context: { config: ctx.config, realtime: ctx.realtime } }).drain();
    await drain();
    await confirmOrder(db.handle.db, order, now);
    await drain();
    await requestMcnPayout(ctx, mcn.admin, mcn.mcnId, { amountCents: 6_000 });

    const staff = (await createTestUser(db.handle.db, { handle: uniqueHandle("st"), roles: ["staff"] })).user;
    const { page } = await phone.open(staff.handle);
    expect((await page.goto(`${server.url}/ops/payouts`))?.status()).toBe(200);
    const owner = page.getByTestId("payout-mcn");
    expect(await owner.textContent()).toContain("MCN 机构 青禾传媒");
    expect(await owner.textContent()).not.toContain(mcn.mcnId);
    await page.screenshot({ path: `${SHOTS}/ops-payouts-mcn.png`, fullPage: true });

    await owner.getByRole("link", { name: "青禾传媒" }).click();
    await page.waitForURL(`${server.url}/mcn/${mcn.mcnId}`);
    // A client-side navigation: the URL changes before the new page is drawn.
    await expect.poll(() => page.locator("h1").textContent()).toContain("青禾传媒");
    expect(await page.getByRole("columnheader", { name: "30 天机构分成" }).count()).toBe(1);
    expect(await page.getByRole("row", { name: new RegExp(creator.displayName) }).textContent()).toContain("¥100.00");
    expect(await page.getByTestId("mcn-earnings").textContent()).toBe("¥40.00");
    // Read only: no invitation, notice or payout forms for staff.
    expect(await page.locator("input[name=intent]").count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/mcn-roster-view.png`, fullPage: true });
    expect(phone.errors).toEqual([]);
  });

  it("opens an application whose personal data needs a key this server lacks, with a notice naming the key", async () => {
    const slug = `e2e-${Date.now().toString(36)}`;
    await db.handle.db.insert(categories).values({ slug, nameZh: "美妆", nameEn: "Beauty", createdAt: server.ctx.clock.now() });
    const applicant = (await createTestUser(db.handle.db, { handle: uniqueHandle("ap") })).user;
    // Written by a process that had key k9, which this server was never given.
    const elsewhere = { ...server.ctx, config: testConfig({ PII_KEYS: `k9:${crypto.randomBytes(32).toString("hex")}`, DATA_DIR: fs.mkdtempSync("/tmp/seedbed-e2e-pii-") }) };
    const app = await applyAsCreator(elsewhere, applicant, { realName: "林小雨", contact: "13800138000", region: "上海", categories: [slug] });
    const [row] = await db.handle.db.select().from(creatorApplications).where(eq(creatorApplications.id, app.id));
    expect(row!.realNameCipher.startsWith("v1.k9.")).toBe(true);

    const staff = (await createTestUser(db.handle.db, { handle: uniqueHandle("st"), roles: ["staff"] })).user;
    const { page } = await phone.open(staff.handle);
    expect((await page.goto(`${server.url}/ops/creators/applications/${app.id}`))?.status()).toBe(200);
    expect(await page.getByTestId("pii-key-missing").textContent()).toContain("“k9”");
    expect(await page.getByTestId("pii-real-name").count()).toBe(0);
    // The review itself still works.
    expect(await page.getByRole("button", { name: "通过" }).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/ops-application-key-missing.png`, fullPage: true });
    expect(phone.errors).toEqual([]);
  });
});
