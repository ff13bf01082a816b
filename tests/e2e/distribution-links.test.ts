import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distributionLinks, linkClicks, users, visitorBindings } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { VISITOR_COOKIE_NAME } from "../../server/distribution/attribution/visitor-cookie";
import type { CurrentUser } from "../../server/identity";
import { createTestNote, grantDistributionRights } from "../factories/distribution-links";
import { createTestUser, TEST_PASSWORD, uniqueHandle } from "../factories/users";
import { chromiumPath, PhoneBrowser } from "../setup/browser";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

const SHOTS = "/tmp/shots";

/**
 * A creator shares a note from its page and copies the short link; a visitor in another browser opens
 * it, lands on the note with the attribution cookie and signs up (the visitor is bound to the new
 * account); the creator's link page then counts the click. Production build, headless Chromium.
 */
describe.skipIf(!chromiumPath)("distribution links in the browser", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  // Headless Chromium counts as a bot, whose link clicks are not counted: present as a phone.
  const phone = new PhoneBrowser({ password: TEST_PASSWORD, phoneUserAgent: true, permissions: ["clipboard-read", "clipboard-write"] });
  const newPage = (handle: string | null) => phone.open(handle);
  let creator: CurrentUser;
  let noteId: string;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    db = await createTestDatabase();
    server = await startTestServer(db, { withUi: true });
    await phone.launch(server.url);
    creator = (await createTestUser(db.handle.db, { handle: uniqueHandle("cr"), roles: ["creator"], displayName: "种草达人小林" })).user;
    await grantDistributionRights(db.handle.db, creator.id);
    noteId = (await createTestNote(db.handle.db, creator.id, { title: "通勤党的防晒补涂清单" })).id;
  }, 180_000);
  afterAll(async () => {
    await phone.close();
    await server?.stop();
    await db?.close();
  });

  it("creator shares and copies a link; a visitor opens it, signs up and is bound; the creator sees the click", async () => {
    const { page: creatorPage } = await newPage(creator.handle);
    await creatorPage.goto(`${server.url}/n/${noteId}`);
    await creatorPage.waitForLoadState("networkidle");
    const panel = creatorPage.getByRole("region", { name: "分享赚佣金" });
    await panel.scrollIntoViewIfNeeded();
    await creatorPage.screenshot({ path: `${SHOTS}/note-share-panel.png` });
    await panel.getByRole("button", { name: "生成推广链接" }).click();
    await creatorPage.waitForURL(/\/me\/links\/[0-9a-f-]{36}\?new=1$/);
    await creatorPage.waitForLoadState("networkidle");
    const url = await creatorPage.getByLabel("推广链接地址").inputValue();
    expect(url).toMatch(new RegExp(`^${server.url}/d/[1-9A-HJ-NP-Za-km-z]{10}$`));
    await creatorPage.getByRole("button", { name: "复制推广链接" }).click();
    await expect.poll(() => creatorPage.evaluate(() => navigator.clipboard.readText())).toBe(url);
    // The QR code image loads.
    await expect.poll(() => creatorPage.locator("img.dl-qr").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);

    // A visitor in another browser opens the copied link.
    const { page: visitor, context: visitorContext } = await newPage(null);
    const landing = await visitor.goto(url);
    expect(landing?.status()).toBe(200);
    expect(visitor.url()).toBe(`${server.url}/n/${noteId}`);
    await expect.poll(() => visitor.locator("h1").first().textContent()).toContain("通勤党的防晒补涂清单");
    const cookie = (await visitorContext.cookies()).find((c) => c.name === VISITOR_COOKIE_NAME);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    const visitorId = cookie!.value.split(".")[0]!;

    // …and signs up: the click's visitor is bound to the new account.
    const handle = uniqueHandle("nv");
    await visitor.goto(`${server.url}/signup`);
    await visitor.getByLabel("用户名").fill(handle);
    await visitor.getByLabel("邮箱").fill(`${handle}@example.test`);
    await visitor.getByLabel("密码").fill(TEST_PASSWORD);
    await visitor.getByRole("button", { name: "注册" }).click();
    await visitor.waitForURL((u) => !u.pathname.startsWith("/signup"));
    const [account] = await db.handle.db.select({ id: users.id }).from(users).where(eq(users.handle, handle));
    const [binding] = await db.handle.db.select().from(visitorBindings).where(eq(visitorBindings.visitorId, visitorId));
    expect(binding?.userId).toBe(account!.id);

    // The creator's link page counts the click.
    const code = url.split("/d/")[1]!;
    const [link] = await db.handle.db.select().from(distributionLinks).where(eq(distributionLinks.code, code));
    expect(link).toMatchObject({ clicks: 1, uniqueVisitors: 1 });
    expect((await db.handle.db.select().from(linkClicks).where(eq(linkClicks.linkId, link!.id)))[0]!.visitorId).toBe(visitorId);
    await creatorPage.goto(`${server.url}/me/links/${link!.id}`);
    const clicksTile = creatorPage.locator(".dl-stat").filter({ hasText: "点击" });
    await expect.poll(() => clicksTile.locator(".dl-stat-value").textContent()).toBe("1");
    await creatorPage.screenshot({ path: `${SHOTS}/link-detail.png`, fullPage: true });
    const poster = await creatorPage.request.get(`${server.url}/me/links/${link!.id}/poster.png`);
    expect(poster.headers()["content-type"]).toBe("image/png");
    fs.writeFileSync(`${SHOTS}/link-poster.png`, await poster.body());
    await creatorPage.goto(`${server.url}/me/links`);
    await expect.poll(() => creatorPage.getByRole("link", { name: "通勤党的防晒补涂清单" }).count()).toBe(1);
    await creatorPage.screenshot({ path: `${SHOTS}/my-links.png`, fullPage: true });
    expect(phone.errors).toEqual([]);
  });

  it("shows the friendly not-found page for an unknown link and no share panel to a member without rights", async () => {
    const { page } = await newPage(null);
    const res = await page.goto(`${server.url}/d/zzzzzzzzzz`);
    expect(res?.status()).toBe(404);
    expect(await page.locator("h1").count()).toBeGreaterThan(0);

    const plain = (await createTestUser(db.handle.db, { handle: uniqueHandle("pl") })).user;
    const { page: member } = await newPage(plain.handle);
    await member.goto(`${server.url}/n/${noteId}`);
    await member.waitForLoadState("networkidle");
    await expect.poll(() => member.getByRole("region", { name: "分享赚佣金" }).count()).toBe(0);
    expect(phone.errors).toEqual([]);
  });
});
