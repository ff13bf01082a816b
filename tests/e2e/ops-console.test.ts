import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemoOnce } from "../../db/seed/demo";
import type { RunningSeedbed } from "../../server/boot";
import { chromiumPath, PhoneBrowser } from "../setup/browser";
import { createDemoDatabase, DEMO_DATABASE_TIMEOUT_MS, type DemoDatabase } from "../setup/demo";
import { startTestServer } from "../setup/server";

const SHOTS = "/tmp/shots";

/** The ops console on the demo data, in Chromium on a phone-sized screen: charts drawn, tools reachable. */
describe.skipIf(!chromiumPath)("the ops console in the browser", () => {
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

  it("staff see the dashboard's charts drawn from the demo data, the top creators and cohorts, and reach every tool", async () => {
    const page = await pageAs("staff");
    expect((await page.goto(`${server.url}/ops`))?.status()).toBe(200);
    await page.waitForLoadState("networkidle");
    const charts = ["日活跃用户（DAU）", "月活跃用户（MAU，近 30 天）", "新用户", "新笔记", "签到", "挑战参与", "链接成交额（扣除退款）", "链接订单", "链接点击", "佣金"];
    for (const name of charts) {
      const chart = page.getByRole("img", { name, exact: false }).first();
      expect(await chart.count(), name).toBe(1);
      expect(await chart.locator("rect.oc-bar").count(), name).toBeGreaterThan(0);
    }
    expect(await page.getByTestId("top-creators").locator("tbody tr").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("retention-cohorts").locator("tbody tr").count()).toBeGreaterThan(0);
    // The table fallback opens with the keyboard-reachable summary.
    await page.getByTestId("metric-dau").getByText("查看数据表").click();
    expect(await page.getByTestId("metric-dau").locator("tbody tr").count()).toBe(30);
    await page.screenshot({ path: `${SHOTS}/ops-dashboard-demo.png`, fullPage: true });

    await page.getByRole("link", { name: "推荐位（置顶、加权、降权）" }).click();
    await page.waitForURL(`${server.url}/ops/curation`);
    // A client-side navigation: the URL changes as the new page's data arrives, a moment before it is drawn.
    await expect.poll(() => page.getByTestId("curation").count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await page.goto(`${server.url}/ops/audience`);
    expect(await page.getByTestId("user-tag").filter({ hasText: "美妆爱好者" }).count()).toBe(1);
    expect(await page.getByTestId("segment").count()).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: `${SHOTS}/ops-audience-demo.png`, fullPage: true });

    const admin = await pageAs("admin");
    await admin.goto(`${server.url}/ops/audit`);
    expect(await admin.getByTestId("audit-entry").filter({ hasText: "ops.curation.boost" }).count()).toBe(1);
    expect(phone.errors).toEqual([]);
  });
});
