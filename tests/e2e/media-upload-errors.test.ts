import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSeedbed } from "../../server/boot";
import { createTestUser, logInAs } from "../factories/users";
import { chromiumPath, launchBrowser } from "../setup/browser";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

const PHONE = { width: 390, height: 844 };
const DAY = 24 * 3600 * 1000;

/**
 * The upload picker on /publish explains a refused file in the page's language: Chinese for a member
 * who kept the default, English for one who chose English — whatever language the browser asks for.
 */
describe.skipIf(!chromiumPath)("refused uploads on the publish page (production build, real server)", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db, { withUi: true });
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
    expect(consoleErrors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await db?.close();
  });

  /** The publish page of a new member whose profile language is `locale`, in a browser asking for `browserLocale`. */
  async function publishPageOf(locale: "zh-CN" | "en", browserLocale: string): Promise<Page> {
    const { user } = await createTestUser(server.ctx.db, { locale, now: new Date(Date.now() - 3 * DAY) });
    const { cookie } = await logInAs(server.url, user.handle);
    const context = await browser.newContext({ viewport: PHONE, locale: browserLocale });
    const [name = "", value = ""] = cookie.split("=");
    await context.addCookies([{ name, value, url: server.url }]);
    contexts.push(context);
    const page = await context.newPage();
    page.on("console", (msg) => {
      if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => consoleErrors.push(err.message));
    await page.goto(`${server.url}/publish`);
    await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined);
    await page.waitForLoadState("networkidle");
    return page;
  }

  // Generous: a loaded machine may take a while to hydrate the page and answer the upload start.
  const seen = (locator: Locator, timeout = 20_000) => locator.waitFor({ state: "visible", timeout });
  const choose = (page: Page, file: { name: string; mimeType: string; buffer: Buffer }) => page.locator('input[type="file"]').setInputFiles(file);
  const pdf = { name: "报价单.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n") };
  const huge = { name: "big.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0xff) };

  it("says why in Chinese by default, even in a browser that asks for English", async () => {
    const page = await publishPageOf("zh-CN", "en-US");
    await choose(page, pdf);
    await seen(page.getByRole("alert").filter({ hasText: "图片仅支持 JPEG、PNG、WebP、GIF 或 AVIF 格式。" }));
    await choose(page, huge);
    await seen(page.getByRole("alert").filter({ hasText: "图片不能超过 10 MB。" }));
  });

  it("says why in English for a member who chose English", async () => {
    const page = await publishPageOf("en", "zh-CN");
    await choose(page, pdf);
    await seen(page.getByRole("alert").filter({ hasText: "Images must be JPEG, PNG, WebP, GIF or AVIF." }));
    await choose(page, huge);
    await seen(page.getByRole("alert").filter({ hasText: "Images can be at most 10 MB." }));
  });
});
