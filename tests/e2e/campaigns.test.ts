import fs from "node:fs";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaigns, posts } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import type { CurrentUser } from "../../server/identity";
import { balanceOf, userAccount } from "../../server/ledger";
import { createTestNote } from "../factories/distribution-links";
import { createTestUser, TEST_PASSWORD, uniqueHandle } from "../factories/users";
import { chromiumPath, PhoneBrowser } from "../setup/browser";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

const SHOTS = "/tmp/shots";
const HOUR = 3_600_000;

/** A datetime-local value in Beijing time (the platform's zone), `hours` from now. */
const beijing = (hours: number) => new Date(Date.now() + hours * HOUR + 8 * HOUR).toISOString().slice(0, 16);

/**
 * A content bounty from start to results in real browsers (production build, jobs running in the web
 * process): staff start it with a cover uploaded through the picker; a member, in a second browser,
 * joins and enters a note; staff pick it as the top entry; the member finds the points on their
 * points page, the cash in their earnings, and the results page shows the note as the winner.
 */
describe.skipIf(!chromiumPath)("campaigns in the browser", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const phone = new PhoneBrowser({ password: TEST_PASSWORD, phoneUserAgent: true });
  let member: CurrentUser;
  let staff: CurrentUser;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    db = await createTestDatabase();
    server = await startTestServer(db, { withUi: true, env: { RUN_JOBS: "1" } });
    await phone.launch(server.url);
    member = (await createTestUser(db.handle.db, { handle: uniqueHandle("cm"), displayName: "爱分享的小满" })).user;
    staff = (await createTestUser(db.handle.db, { handle: uniqueHandle("cs"), roles: ["staff"], displayName: "运营小林" })).user;
  }, 180_000);
  afterAll(async () => {
    await phone.close();
    await server?.stop();
    await db?.close();
  });

  async function hydrated(page: Page) {
    await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined);
    await page.waitForLoadState("networkidle");
  }

  it("staff start a bounty with a cover, a member joins and enters a note, staff pick it, and the member sees the reward and the results", async () => {
    // ---- staff, first browser: the form with a cover through the upload picker ----
    const ops = await phone.pageAs(staff.handle);
    await ops.goto(`${server.url}/campaigns/new`);
    await hydrated(ops);
    await ops.getByLabel("活动标题").fill("冬日暖手好物征集");
    await ops.getByLabel("活动说明").fill("晒出你的暖手神器，优胜作品上首页精选。");
    const cover = await sharp({ create: { width: 1200, height: 675, channels: 3, background: "#f4b6a6" } }).png().toBuffer();
    await ops.locator('input[type="file"]').setInputFiles({ name: "cover.png", mimeType: "image/png", buffer: cover });
    await expect.poll(() => ops.getByText("已上传 1/1").count(), { timeout: 15_000 }).toBe(1);
    await ops.getByLabel("开始时间").fill(beijing(-1));
    await ops.getByLabel("结束时间").fill(beijing(24 * 7));
    await ops.getByLabel("通过奖励积分").fill("50");
    await ops.getByLabel("优胜名额").fill("1");
    await ops.getByLabel("优胜额外积分").fill("200");
    await ops.getByLabel("优胜现金奖励（元，仅平台活动）").fill("88");
    await ops.screenshot({ path: `${SHOTS}/campaign-new.png`, fullPage: true });
    await ops.getByRole("button", { name: "发起", exact: true }).click();
    await ops.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    const campaignUrl = ops.url();
    const campaignId = campaignUrl.split("/").pop()!;
    const [row] = await db.handle.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
    expect(row).toMatchObject({ ownerType: "platform", topBonusCents: 8800 });
    expect(row!.coverUploadId).not.toBeNull();
    const coverImg = ops.getByRole("img", { name: "冬日暖手好物征集 的封面" });
    await expect.poll(() => coverImg.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await ops.getByText("进行中").first().count()).toBe(1);

    // ---- the member, second browser: the list shows it with its cover; join and enter a note ----
    const note = await createTestNote(db.handle.db, member.id, { title: "我的暖手宝测评" });
    const fan = await phone.pageAs(member.handle);
    await fan.goto(`${server.url}/campaigns?status=active`);
    await hydrated(fan);
    const card = fan.getByTestId("campaign-card").filter({ hasText: "冬日暖手好物征集" });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getAttribute("data-status")).toBe("active");
    await card.getByRole("link", { name: "冬日暖手好物征集" }).click();
    await fan.waitForURL(campaignUrl);
    await fan.getByRole("button", { name: "参加活动" }).click();
    await expect.poll(() => fan.getByText("已参加").count()).toBeGreaterThan(0);
    await fan.getByLabel("选择一篇笔记").selectOption(note.id);
    await fan.getByRole("button", { name: "提交投稿" }).click();
    await expect.poll(() => fan.getByRole("status").first().textContent()).toContain("投稿成功");
    await fan.screenshot({ path: `${SHOTS}/campaign-entered.png`, fullPage: true });

    // ---- staff judge it as the top pick ----
    await ops.goto(campaignUrl);
    await hydrated(ops);
    const entry = ops.locator("li.cp-row").filter({ hasText: "我的暖手宝测评" }).last();
    await entry.getByRole("button", { name: "评为优胜" }).click();
    await expect.poll(() => ops.getByRole("status").first().textContent()).toContain("已处理");
    await expect.poll(async () => (await db.handle.db.select({ featuredAt: posts.featuredAt }).from(posts).where(eq(posts.id, note.id)))[0]!.featuredAt).not.toBeNull();

    // ---- the member: points on the points page, cash in the earnings ----
    await fan.goto(`${server.url}/me/points`);
    await hydrated(fan);
    const rewards = fan.getByTestId("ledger-line").filter({ hasText: "活动奖励" });
    await expect.poll(() => rewards.count()).toBe(2);
    expect((await rewards.allTextContents()).join(" ")).toMatch(/\+200[\s\S]*\+50|\+50[\s\S]*\+200/);
    expect(Number((await fan.getByTestId("points-available").textContent())!.replace(/\D/g, ""))).toBeGreaterThanOrEqual(250);
    await fan.screenshot({ path: `${SHOTS}/campaign-points.png`, fullPage: true });
    expect(await balanceOf(db.handle.db, userAccount(member.id, "cny", "earnings"))).toBe(8800);

    // ---- anyone: the results page lists the note as the winner with what it earned ----
    await fan.goto(`${campaignUrl}/results`);
    await hydrated(fan);
    const winner = fan.getByTestId("campaign-result").filter({ hasText: "我的暖手宝测评" });
    await expect.poll(() => winner.count()).toBe(1);
    expect(await winner.textContent()).toContain("优胜");
    expect(await winner.textContent()).toContain("¥88.00");
    expect(await fan.getByTestId("campaign-counts").textContent()).toContain("1 人参加");
    await expect.poll(() => fan.getByTestId("campaign-activity-chart").locator("svg[role=img]").count()).toBe(1);
    await fan.screenshot({ path: `${SHOTS}/campaign-results.png`, fullPage: true });
    expect(phone.errors).toEqual([]);
  });
});
