import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categories } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { ensureDefaultCategories } from "../../server/content";
import { reindexSearch } from "../../server/search";
import { createTestUser } from "../factories/users";
import { createNote } from "../integration/feeds-fixtures";
import { chromiumPath, launchBrowser } from "../setup/browser";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

/**
 * /search in a real browser against the production build: suggestions while typing, highlighted
 * matches, the notes/users tabs, category filters with counts, and the plain form without JavaScript.
 */
describe.skipIf(!chromiumPath)("search in the browser", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function newPage(javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", javaScriptEnabled });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db, { withUi: true });
    await ensureDefaultCategories(db.handle.db, new Date());
    const [beauty] = await db.handle.db.select().from(categories).where(eq(categories.slug, "beauty"));
    const [fashion] = await db.handle.db.select().from(categories).where(eq(categories.slug, "fashion"));
    const author = (await createTestUser(db.handle.db, { displayName: "美妆研究所" })).user;
    const at = (h: number) => new Date(Date.now() - h * 3_600_000);
    await createNote(db.handle.db, author.id, { title: "这支口红颜色很好看", body: "黄皮也能驾驭，滋润不拔干。", categoryId: beauty!.id, publishedAt: at(1) });
    await createNote(db.handle.db, author.id, { title: "口红配什么衣服", body: "红色口红配白衬衫最经典。", categoryId: fashion!.id, publishedAt: at(2) });
    await createNote(db.handle.db, author.id, { title: "My favourite lipstick", body: "A matte lipstick that lasts all day.", categoryId: beauty!.id, publishedAt: at(3) });
    await createNote(db.handle.db, author.id, { title: "秋冬面霜推荐", body: "这款面霜很保湿。", categoryId: beauty!.id, publishedAt: at(4) });
    // Notes written straight into the database have no outbox event: build the indexes as a deploy would.
    await reindexSearch(server.ctx);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
    await db?.close();
  });

  it("suggests notes while typing and opens the results with the matches highlighted", async () => {
    const page = await newPage();
    await page.goto(`${server.url}/search`);
    const input = page.getByTestId("search-input");
    await input.fill("口红");
    const suggestions = page.getByTestId("search-suggestions");
    await expect.poll(() => suggestions.textContent(), { timeout: 10_000 }).toContain("这支口红颜色很好看");
    await expect.poll(() => input.getAttribute("aria-expanded")).toBe("true");
    await input.press("Enter");
    await page.waitForURL(/\/search\?q=/);
    const notes = page.getByTestId("search-note");
    // 口红, and lipstick as its synonym.
    await expect.poll(() => notes.count()).toBe(3);
    expect(await page.locator("[data-testid=search-note] mark").first().textContent()).toBe("口红");
    // Category chips with counts narrow the results.
    const chips = page.getByTestId("search-category");
    expect(await chips.count()).toBe(2);
    await chips.filter({ hasText: "穿搭" }).click();
    await page.waitForURL(/category=fashion/);
    await expect.poll(() => notes.count()).toBe(1);
    expect(await notes.first().textContent()).toContain("口红配什么衣服");
  });

  it("forgives a Latin typo and finds people on the users tab", async () => {
    const page = await newPage();
    await page.goto(`${server.url}/search?q=lipstik`);
    expect(await page.getByTestId("search-note").first().textContent()).toContain("My favourite lipstick");
    await page.goto(`${server.url}/search?q=${encodeURIComponent("美妆研究所")}&type=users`);
    expect(await page.getByTestId("search-users").textContent()).toContain("美妆研究所");
  });

  it("works as a plain form without JavaScript, and says so when nothing matches", async () => {
    const page = await newPage(false);
    await page.goto(`${server.url}/search`);
    await page.getByTestId("search-input").fill("面霜");
    await page.getByRole("button", { name: "搜索" }).click();
    await page.waitForURL(/q=%E9%9D%A2%E9%9C%9C/);
    expect(await page.getByTestId("search-note").first().textContent()).toContain("秋冬面霜推荐");
    await page.goto(`${server.url}/search?q=${encodeURIComponent("完全不存在的词语组合")}`);
    expect(await page.getByTestId("search-note").count()).toBe(0);
    expect(await page.locator("main").textContent()).toMatch(/没有找到|没有结果|换个/);
  });
});
