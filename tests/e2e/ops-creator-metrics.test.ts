import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkClicks } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { commissionsConsumers } from "../../server/distribution";
import { createJobRunner } from "../../server/jobs/runner";
import { backfillMetrics } from "../../server/ops";
import { localDate } from "../../server/shared/clock";
import { createLogger } from "../../server/shared/logger";
import { createPaidOrder, createTestLink } from "../factories/distribution-earnings";
import { createTestUser, TEST_PASSWORD, uniqueHandle } from "../factories/users";
import { chromiumPath, PhoneBrowser } from "../setup/browser";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

const SHOTS = "/tmp/shots";

/**
 * The creator board and a creator's page on a phone-sized screen: charts drawn and named, sorting and the
 * range form. Three creators who sold through their links in the last few days (the factories, not the
 * whole demo: this is about the pages, and the seed's numbers are the seed tests' business).
 */
describe.skipIf(!chromiumPath)("ops creator metrics in the browser", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const phone = new PhoneBrowser({ password: TEST_PASSWORD, deviceScaleFactor: 2 });
  let staffHandle = "";

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    db = await createTestDatabase();
    server = await startTestServer(db, { withUi: true });
    const d = db.handle.db;
    const now = Date.now();
    staffHandle = (await createTestUser(d, { roles: ["staff"], handle: uniqueHandle("st") })).user.handle;
    const buyer = (await createTestUser(d)).user;
    for (const [i, name] of ["小鹿种草记", "阿敏的好物", "Lily 护肤日记"].entries()) {
      const creator = (await createTestUser(d, { roles: ["creator"], handle: uniqueHandle("cr"), displayName: name })).user;
      const { link, productId } = await createTestLink(d, creator.id, { priceCents: 5_900 * (i + 1) });
      for (let k = 0; k <= i; k++) {
        const paidAt = new Date(now - (k + 1) * 86_400_000);
        await createPaidOrder(d, { buyerId: buyer.id, creatorId: creator.id, linkId: link.id, paidAt, lines: [{ productId, unitPriceCents: 5_900 * (i + 1), commissionRateBp: 1_000 }] });
        await d.insert(linkClicks).values({ linkId: link.id, visitorId: `v${i}-${k}`, at: paidAt, counted: true });
      }
    }
    const ctx = server.ctx;
    await createJobRunner({ db: d, logger: createLogger({ level: "silent" }), clock: ctx.clock, consumers: commissionsConsumers, context: { config: ctx.config, realtime: ctx.realtime } }).drain();
    const tz = ctx.config.platformTimeZone;
    await backfillMetrics(d, localDate(new Date(now - 5 * 86_400_000), tz), localDate(new Date(now), tz), tz, new Date(now));
    await phone.launch(server.url);
  }, 120_000);
  afterAll(async () => {
    await phone.close();
    await server?.stop();
    await db?.close();
  });

  it("staff reach the board from the ops hub: a named bar chart of the top creators, a sortable table, and each creator's daily charts", async () => {
    const page = await phone.pageAs(staffHandle);
    await page.goto(`${server.url}/ops`);
    await page.getByRole("link", { name: "创作者数据", exact: true }).click();
    await page.waitForURL(/\/ops\/creators$/);
    const chart = page.getByRole("img", { name: /成交额前 \d+ 的创作者/ });
    await expect.poll(() => chart.count(), { timeout: 10_000 }).toBe(1);
    expect(await chart.locator("rect.oc-bar").count()).toBeGreaterThan(0);
    const board = page.getByTestId("creator-board");
    expect(await board.locator("tbody tr").count()).toBeGreaterThan(0);
    expect(await board.locator('th[aria-sort="descending"]').innerText()).toContain("成交额");
    await page.screenshot({ path: `${SHOTS}/ops-creators-board.png`, fullPage: true });

    // Sorting is a link on each column's header; the sorted column says so to assistive technology.
    await board.getByRole("link", { name: "按点击排序" }).click();
    await page.waitForURL(/sort=clicks/);
    await expect.poll(() => page.getByTestId("creator-board").locator('th[aria-sort="descending"]').innerText(), { timeout: 10_000 }).toContain("点击");

    // A creator's own page: the totals and four daily charts, each an image with a name and bars.
    const first = page.getByTestId("creator-board").locator("tbody tr th a").first();
    const name = await first.innerText();
    await first.click();
    await page.waitForURL(/\/ops\/creators\/[0-9a-f-]{36}/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText(), { timeout: 10_000 }).toBe(name);
    for (const title of ["每日成交额（扣除退款）", "每日订单", "每日佣金（本人所得）", "每日链接点击"]) {
      expect(await page.getByRole("img", { name: title, exact: false }).count(), title).toBe(1);
    }
    expect(await page.getByRole("img", { name: "每日订单", exact: false }).locator("rect.oc-bar").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("total-gmv").innerText()).toMatch(/¥/);
    await page.screenshot({ path: `${SHOTS}/ops-creators-detail.png`, fullPage: true });
    expect(phone.errors).toEqual([]);
  });

  it("the range form works without JavaScript, and a bad range comes back with the field's message", async () => {
    const page = await phone.pageAs(staffHandle);
    await page.route("**/*.js", (route) => route.abort());
    await page.goto(`${server.url}/ops/creators`);
    await page.getByLabel("开始日期").fill("2026-11-30");
    await page.getByLabel("结束日期").fill("2026-11-01");
    await page.getByRole("button", { name: "查看" }).click();
    await page.waitForURL(/from=2026-11-30/);
    expect(await page.getByRole("alert").first().innerText()).toContain("筛选条件有误");
    expect(await page.locator("#to-errors").innerText()).toContain("结束日期不能早于开始日期");
    expect(await page.getByLabel("结束日期").getAttribute("aria-invalid")).toBe("true");
  });
});
