import fs from "node:fs";
import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderImage } from "../../db/seed/content/images";
import { COVER_VARIANTS, storeRenderedUpload } from "../../db/seed/content/uploads";
import { DEMO_PASSWORD, seedDemoOnce } from "../../db/seed/demo";
import { createPost } from "../../server/content";
import { createChallenge } from "../../server/gamification/challenges";
import { findCurrentUser, type CurrentUser } from "../../server/identity";
import { localDate } from "../../server/shared/clock";
import type { RunningSeedbed } from "../../server/boot";
import { chromiumPath, PhoneBrowser } from "../setup/browser";
import { createDemoDatabase, DEMO_DATABASE_TIMEOUT_MS, type DemoDatabase } from "../setup/demo";
import { startTestServer } from "../setup/server";

const SHOTS = "/tmp/shots";

/**
 * Gamification in a real browser on the demo community (production build): every page a member and
 * staff open renders and hydrates without an error, and the daily check-in works from the button.
 */
describe.skipIf(!chromiumPath)("points, check-ins, challenges, badges and rewards in the browser", () => {
  let db: DemoDatabase;
  let server: RunningSeedbed;
  const phone = new PhoneBrowser({ password: DEMO_PASSWORD, deviceScaleFactor: 2 });
  const pageAs = (handle: string | null) => phone.pageAs(handle);

  /** Opens a page, waits for hydration, and checks it rendered its own content rather than the error page. */
  async function visit(page: Page, path: string, shot?: string) {
    const res = await page.goto(`${server.url}${path}`);
    expect(res?.status(), path).toBe(200);
    await page.waitForLoadState("networkidle");
    expect(await page.locator("h1").count(), path).toBeGreaterThan(0);
    expect(await page.locator("body").textContent(), path).not.toContain("出了点问题");
    if (shot) await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: false });
  }

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

  /** A demo account as the domain functions want it. */
  async function demoUser(handle: string): Promise<CurrentUser> {
    const [row] = (await db.handle.db.execute(sql`select id from users where handle = ${handle}`)) as unknown as { id: string }[];
    return (await findCurrentUser(server.ctx.db, row!.id))!;
  }

  it("checks the demo member in from the button and shows the streak, points and today on the calendar", async () => {
    const page = await pageAs("member");
    await visit(page, "/checkin", "checkin-before");
    const today = page.locator("td[aria-current=date]");
    expect(await today.getAttribute("class")).toContain("is-today");
    expect(await today.getAttribute("class")).not.toContain("is-checked");
    const streakBefore = Number((await page.getByTestId("checkin-streak").textContent())?.match(/\d+/)?.[0]);
    const button = page.getByTestId("checkin-button");
    await button.click();
    await expect.poll(() => page.locator("main").textContent(), { timeout: 10_000 }).toMatch(/\+5/);
    // Without a reload: today turns checked on the calendar and the streak grows by one.
    await expect.poll(async () => (await today.getAttribute("class")) ?? "", { timeout: 10_000 }).toContain("is-checked");
    await expect.poll(async () => Number((await page.getByTestId("checkin-streak").textContent())?.match(/\d+/)?.[0])).toBe(streakBefore + 1);
    await page.screenshot({ path: `${SHOTS}/checkin-after.png` });
    await page.reload();
    await page.waitForLoadState("networkidle");
    expect(await page.locator("main").textContent()).toMatch(/已签到/);
    const [row] = (await db.handle.db.execute(
      sql`select count(*)::int as n from checkins c join users u on u.id = c.user_id where u.handle = 'member' and c.local_date = (now() at time zone 'Asia/Shanghai')::date`,
    )) as unknown as { n: number }[];
    expect(row?.n).toBe(1);
  });

  it("joins a challenge and checks in with a note published today", async () => {
    const staff = await demoUser("staff");
    const member = await demoUser("member");
    const today = localDate(new Date(), "Asia/Shanghai");
    const challenge = await createChallenge(server.ctx, staff, {
      title: "7 天喝水打卡",
      description: "每天八杯水，发一篇笔记记录。",
      startsOn: today,
      endsOn: localDate(new Date(Date.now() + 6 * 86_400_000), "Asia/Shanghai"),
      requiredDays: 7,
      rewardPoints: 70,
    });
    const image = await renderImage(`<svg xmlns="http://www.w3.org/2000/svg" width="300" height="400"><rect width="300" height="400" fill="#bfe3f7"/></svg>`, COVER_VARIANTS);
    const upload = await server.ctx.db.transaction((tx) => storeRenderedUpload(tx, server.ctx.storage, { ownerId: member.id, kind: "image", image, now: new Date() }));
    await createPost(server.ctx, member, {
      title: "喝水打卡第一天",
      body: "今天喝了八杯水，下午加了一杯柠檬水，皮肤好像没那么干了。#喝水打卡",
      categorySlug: "home",
      mediaIds: [upload.id],
      publish: true,
    });

    const page = await pageAs("member");
    await visit(page, `/challenges/${challenge.id}`);
    await page.getByRole("button", { name: "加入挑战" }).click();
    const checkIn = page.getByRole("button", { name: "打卡", exact: true });
    await checkIn.waitFor({ timeout: 10_000 });
    expect(await page.getByRole("radio", { name: /喝水打卡第一天/ }).isChecked()).toBe(true);
    await checkIn.click();
    await expect.poll(() => page.locator("main").textContent(), { timeout: 10_000 }).toContain("打卡成功：第 1 天");
    await page.screenshot({ path: `${SHOTS}/challenge-checked-in.png` });
    const [row] = (await db.handle.db.execute(
      sql`select days_done from challenge_participants where challenge_id = ${challenge.id} and user_id = ${member.id}`,
    )) as unknown as { days_done: number }[];
    expect(row?.days_done).toBe(1);
    expect(phone.errors).toEqual([]);
  });

  it("renders every member page of points, levels, challenges, badges, rewards and leaderboards", async () => {
    const page = await pageAs("member");
    await visit(page, "/me", "me");
    await visit(page, "/me/points", "me-points");
    await visit(page, "/levels", "levels");
    await visit(page, "/challenges", "challenges");
    const challenge = await page.locator("a[href^='/challenges/']").filter({ hasText: "护肤" }).first().getAttribute("href");
    await visit(page, challenge!, "challenge");
    await visit(page, "/badges", "badges");
    const badge = await page.locator("a[href^='/badges/']").first().getAttribute("href");
    await visit(page, badge!);
    await visit(page, "/rewards", "rewards");
    const reward = await page.locator("a[href^='/rewards/']").first().getAttribute("href");
    await visit(page, reward!);
    await visit(page, "/me/redemptions");
    await visit(page, "/leaderboards", "leaderboards");
    await visit(page, "/u/creator", "profile-creator");
    expect(phone.errors).toEqual([]);
  });

  it("renders the staff pages and the creator's public certificate", async () => {
    const page = await pageAs("staff");
    for (const path of ["/ops/points", "/ops/levels", "/ops/badges", "/ops/rewards", "/ops/redemptions", "/challenges/new"]) await visit(page, path);
    const [grant] = (await db.handle.db.execute(
      sql`select g.certificate_code from badge_grants g join users u on u.id = g.user_id where u.handle = 'creator' and g.revoked_at is null limit 1`,
    )) as unknown as { certificate_code: string }[];
    const visitor = await pageAs(null);
    await visit(visitor, `/certificates/${grant!.certificate_code}`, "certificate");
    const png = await fetch(`${server.url}/certificates/${grant!.certificate_code}.png`);
    expect(png.headers.get("content-type")).toBe("image/png");
    fs.writeFileSync(`${SHOTS}/certificate.png`, Buffer.from(await png.arrayBuffer()));
    expect(phone.errors).toEqual([]);
  });
});
