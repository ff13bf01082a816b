import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commissions, orders } from "../../db/schema";
import { DEMO_PASSWORD, seedDemoOnce } from "../../db/seed/demo";
import type { RunningSeedbed } from "../../server/boot";
import { createDistributionLink } from "../../server/distribution/links/create-link";
import type { CurrentUser } from "../../server/identity";
import { createTestProduct } from "../factories/commerce";
import { grantDistributionRights } from "../factories/distribution-links";
import { createTestUser, TEST_PASSWORD, uniqueHandle } from "../factories/users";
import { chromiumPath, PhoneBrowser } from "../setup/browser";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { createDemoDatabase, DEMO_DATABASE_TIMEOUT_MS, type DemoDatabase } from "../setup/demo";
import { startTestServer } from "../setup/server";

const SHOTS = "/tmp/shots";

/**
 * The whole loop in real browsers (production build, jobs running in the web process): a creator
 * copies their product link and keeps 我的收益 open; a visitor in a second browser opens the link,
 * signs up and buys with the sandbox payment; the creator's page shows the pending commission without
 * a reload, pushed over the socket.
 */
describe.skipIf(!chromiumPath)("earnings in the browser", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  // Headless Chromium counts as a bot, whose link clicks are not counted: present as a phone.
  const phone = new PhoneBrowser({ password: TEST_PASSWORD, phoneUserAgent: true, permissions: ["clipboard-read", "clipboard-write"] });
  const newPage = (handle: string | null) => phone.open(handle);
  let creator: CurrentUser;
  let productId: string;
  let linkId: string;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    db = await createTestDatabase();
    server = await startTestServer(db, { withUi: true, env: { RUN_JOBS: "1" } });
    await phone.launch(server.url);
    creator = (await createTestUser(db.handle.db, { handle: uniqueHandle("ea"), roles: ["creator"], displayName: "种草达人小满" })).user;
    await grantDistributionRights(db.handle.db, creator.id);
    productId = (await createTestProduct(db.handle.db, { title: "玻尿酸保湿精华 30ml", priceCents: 12_900, commissionRateBp: 1_000, stock: 20 })).id;
    linkId = (await createDistributionLink(server.ctx, creator, { targetType: "product", targetId: productId })).link.id;
  }, 180_000);
  afterAll(async () => {
    await phone.close();
    await server?.stop();
    await db?.close();
  });

  it("shows the creator the pending commission of a visitor's purchase through their link, live", async () => {
    const { page: creatorPage } = await newPage(creator.handle);
    await creatorPage.goto(`${server.url}/me/links/${linkId}`);
    await creatorPage.waitForLoadState("networkidle");
    await creatorPage.getByRole("button", { name: "复制推广链接" }).click();
    const url = await creatorPage.evaluate(() => navigator.clipboard.readText());
    expect(url).toMatch(new RegExp(`^${server.url}/d/[1-9A-HJ-NP-Za-km-z]{10}$`));

    await creatorPage.goto(`${server.url}/me/earnings`);
    await creatorPage.waitForLoadState("networkidle");
    expect(await creatorPage.getByTestId("earnings-pending").textContent()).toBe("¥0.00");
    await creatorPage.screenshot({ path: `${SHOTS}/earnings-empty.png`, fullPage: true });

    // A visitor opens the link in another browser, signs up and buys one.
    const { page: visitor } = await newPage(null);
    await visitor.goto(url);
    expect(new URL(visitor.url()).pathname).toBe(`/products/${productId}`);
    const handle = uniqueHandle("by");
    await visitor.goto(`${server.url}/signup`);
    await visitor.getByLabel("用户名").fill(handle);
    await visitor.getByLabel("邮箱").fill(`${handle}@example.test`);
    await visitor.getByLabel("密码").fill(TEST_PASSWORD);
    await visitor.getByRole("button", { name: "注册" }).click();
    await visitor.waitForURL((u) => !u.pathname.startsWith("/signup"));
    await visitor.goto(`${server.url}/products/${productId}`);
    await visitor.waitForLoadState("networkidle");
    await visitor.getByRole("button", { name: "立即下单" }).click();
    await visitor.waitForURL(/\/orders\/[0-9a-f-]{36}/);
    await visitor.waitForLoadState("networkidle");
    await visitor.getByRole("button", { name: /使用沙箱支付/ }).click();
    await expect.poll(async () => (await db.handle.db.select({ status: orders.status }).from(orders).where(eq(orders.creatorId, creator.id)))[0]?.status).toBe("paid");

    // The creator's open page updates by itself: the toast, then the pending figure.
    await expect.poll(() => creatorPage.getByRole("status").filter({ hasText: "新订单" }).count(), { timeout: 15_000 }).toBe(1);
    expect(await creatorPage.getByRole("status").filter({ hasText: "新订单" }).textContent()).toContain("¥12.90");
    await expect.poll(() => creatorPage.getByTestId("earnings-pending").textContent(), { timeout: 15_000 }).toBe("¥12.90");
    await expect.poll(() => creatorPage.getByTestId("commission").count()).toBe(1);
    await creatorPage.screenshot({ path: `${SHOTS}/earnings-live.png`, fullPage: true });
    const [row] = await db.handle.db.select().from(commissions).where(eq(commissions.creatorId, creator.id));
    expect(row).toMatchObject({ amountCents: 1_290, status: "pending", linkId });
    expect(phone.errors).toEqual([]);
  });

  it("renders the staff payout queue and takes a payout request from the form", async () => {
    const staff = (await createTestUser(db.handle.db, { handle: uniqueHandle("st"), roles: ["staff"] })).user;
    const { page } = await newPage(staff.handle);
    const res = await page.goto(`${server.url}/ops/payouts`);
    expect(res?.status()).toBe(200);
    await page.waitForLoadState("networkidle");
    expect(await page.locator("h1").textContent()).toContain("提现审核");
    await page.screenshot({ path: `${SHOTS}/ops-payouts.png`, fullPage: true });

    const { page: creatorPage } = await newPage(creator.handle);
    await creatorPage.goto(`${server.url}/me/earnings`);
    await creatorPage.waitForLoadState("networkidle");
    await creatorPage.getByLabel("提现金额（元）").fill("10");
    await creatorPage.getByRole("button", { name: "申请提现" }).click();
    // ¥10 is under the ¥50 minimum: the message sits next to the field.
    await expect.poll(() => creatorPage.locator(".field-errors").textContent()).toContain("提现金额低于最低提现额");
    expect(phone.errors).toEqual([]);
  });
});

/** The first start's demo: the demo creator's earnings in every state, and a payout for staff to approve. */
describe.skipIf(!chromiumPath)("demo earnings in the browser", () => {
  let db: DemoDatabase;
  let server: RunningSeedbed;
  const phone = new PhoneBrowser({ password: DEMO_PASSWORD, deviceScaleFactor: 2 });
  const pageAs = (handle: string) => phone.pageAs(handle);

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    // The demo community as a first start leaves it (seeded once per run, at the real time), its pictures
    // in the server's data directory; the server's own seed then finds it there and adds nothing.
    db = await createDemoDatabase({ clock: "system" });
    server = await startTestServer(db, { withUi: true, seed: seedDemoOnce, env: { DATA_DIR: db.dataDir } });
    await phone.launch(server.url);
  }, DEMO_DATABASE_TIMEOUT_MS);
  afterAll(async () => {
    await phone.close();
    await server?.stop();
    await db?.close();
  });

  it("shows the demo creator every state and lets staff approve the waiting payout", async () => {
    const creatorPage = await pageAs("creator");
    expect((await creatorPage.goto(`${server.url}/me/earnings`))?.status()).toBe(200);
    await creatorPage.waitForLoadState("networkidle");
    for (const status of ["待结算", "已确认", "已提现", "已冲回"]) {
      expect(await creatorPage.locator(".er-chip").filter({ hasText: status }).count(), status).toBeGreaterThan(0);
    }
    expect(await creatorPage.getByRole("img", { name: "近 30 天佣金" }).count()).toBe(1);
    await creatorPage.screenshot({ path: `${SHOTS}/earnings-demo.png`, fullPage: true });

    const staffPage = await pageAs("staff");
    await staffPage.goto(`${server.url}/ops/payouts`);
    await staffPage.waitForLoadState("networkidle");
    const row = staffPage.locator("li.er-row").filter({ hasText: "种草达人 Creator" });
    expect(await row.count()).toBe(1);
    await staffPage.screenshot({ path: `${SHOTS}/ops-payouts-demo.png`, fullPage: true });
    await row.getByRole("button", { name: "通过" }).click();
    await expect.poll(() => staffPage.getByRole("status").filter({ hasText: "已通过" }).count()).toBe(1);
    expect(phone.errors).toEqual([]);
  });
});
