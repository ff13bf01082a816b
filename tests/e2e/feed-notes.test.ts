import fs from "node:fs";
import { and, eq, isNull } from "drizzle-orm";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { notifications, posts, users } from "../../db/schema";
import { renderImage } from "../../db/seed/content/images";
import { COVER_VARIANTS, storeRenderedUpload } from "../../db/seed/content/uploads";
import type { RunningSeedbed } from "../../server/boot";
import { createPost } from "../../server/content";
import type { CurrentUser } from "../../server/identity";
import { createTestUser, logInAs, uniqueHandle } from "../factories/users";
import { chromiumPath, launchBrowser } from "../setup/browser";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

const SHOTS = "/tmp/shots";
const PHONE = { width: 390, height: 844 };
const DAY = 24 * 3600 * 1000;

/**
 * The seeding feed in a real browser against the production build: posting through the picker,
 * finding the note in feeds, likes with their notification, comments, follows, visitors, no-JS paging.
 * The tests share one server and run in order: later ones use the note the first one posted.
 */
describe.skipIf(!chromiumPath)("the seeding feed in the browser (production build, real server, jobs on)", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];

  /** The author (signs up through the form) and a reader (created directly), and the note posted. */
  const authorHandle = uniqueHandle("mia");
  let reader: CurrentUser;
  let noteUrl = "";
  const noteTitle = "秋冬必备的保湿面霜";

  async function newPage(options: { javaScriptEnabled?: boolean; cookie?: string } = {}): Promise<Page> {
    const context = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      locale: "zh-CN",
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    if (options.cookie) {
      const [name = "", value = ""] = options.cookie.split("=");
      await context.addCookies([{ name, value, url: server.url }]);
    }
    contexts.push(context);
    const page = await context.newPage();
    page.on("console", (msg) => {
      if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => consoleErrors.push(err.message));
    return page;
  }

  const seen = (locator: Locator, timeout = 5_000) => locator.waitFor({ state: "visible", timeout });

  async function hydrated(page: Page) {
    await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined);
    await page.waitForLoadState("networkidle");
  }

  /** Clicks a button that posts through a fetcher and waits until the server has answered. */
  async function clickAndSettle(page: Page, button: Locator) {
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), button.click()]);
  }

  /** A page signed in as `handle` (log-in over the API, cookie handed to the browser). */
  async function pageAs(handle: string, options: { javaScriptEnabled?: boolean } = {}) {
    const { cookie } = await logInAs(server.url, handle);
    return newPage({ ...options, cookie });
  }

  /** A small real PNG, as a phone would upload it. */
  const png = (color: string) =>
    sharp({ create: { width: 600, height: 800, channels: 3, background: color } })
      .png()
      .toBuffer();

  /** Published notes straight through the domain, each with a rendered picture, for paging tests. */
  async function seedNotes(author: CurrentUser, count: number, prefix: string) {
    const image = await renderImage(
      `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="400"><rect width="300" height="400" fill="#f7c6cf"/></svg>`,
      COVER_VARIANTS,
    );
    for (let i = 0; i < count; i++) {
      const upload = await server.ctx.db.transaction((tx) =>
        storeRenderedUpload(tx, server.ctx.storage, { ownerId: author.id, kind: "image", image, now: new Date() }),
      );
      await createPost(server.ctx, author, {
        title: `${prefix} ${i + 1}`,
        body: "分享一下最近的好物。",
        categorySlug: "home",
        mediaIds: [upload.id],
        publish: true,
      });
    }
  }

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    db = await createTestDatabase();
    // Jobs on, as `npm start` runs them: outbox consumers turn a like into the author's notification.
    server = await startTestServer(db, { withUi: true, env: { RUN_JOBS: "1" } });
    browser = await launchBrowser();
    reader = (await createTestUser(server.ctx.db, { handle: uniqueHandle("leo"), displayName: "小雷", now: new Date(Date.now() - 3 * DAY) }))
      .user;
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

  it("posts a note with a picture through the picker and finds it in the feed and on the profile", async () => {
    await createTestUser(server.ctx.db, { handle: authorHandle, displayName: "米娅", now: new Date(Date.now() - 3 * DAY) });
    const page = await pageAs(authorHandle);
    await page.goto(`${server.url}/publish`);
    await hydrated(page);

    await page.locator('input[type="file"]').setInputFiles({ name: "cream.png", mimeType: "image/png", buffer: await png("#e8b4bc") });
    await seen(page.getByText("已上传 1/1"), 15_000);
    await page.getByLabel("标题").fill(noteTitle);
    await expect.poll(() => page.getByText(`${Array.from(noteTitle).length}/50`).count()).toBe(1);
    await page.getByLabel("正文").fill(`用了一个月，#保湿 效果很好，推荐给 @${reader.handle} <script>alert(1)</script>`);
    await page.getByLabel("分类").selectOption("beauty");
    await page.getByLabel("正文").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/feed-publish.png` });
    await page.getByRole("button", { name: "发布", exact: true }).click();

    await page.waitForURL(/\/n\/[0-9a-f-]{36}$/);
    noteUrl = page.url();
    await seen(page.getByRole("heading", { name: noteTitle }));
    // The body's <script> is text, the topic and the mention are links.
    await seen(page.getByText("<script>alert(1)</script>", { exact: false }));
    expect(await page.locator(".note-body script").count()).toBe(0);
    expect(await page.getByRole("link", { name: "#保湿" }).first().getAttribute("href")).toBe(`/t/${encodeURIComponent("保湿")}`);
    expect(await page.getByRole("link", { name: `@${reader.handle}` }).getAttribute("href")).toBe(`/u/${reader.handle}`);
    // The carousel shows the uploaded picture, at its real size.
    const picture = page.locator(".carousel img").first();
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    // Another member's home feed (recommended tab) carries the card, cover and all.
    const readerPage = await pageAs(reader.handle);
    await readerPage.goto(server.url);
    const card = readerPage.getByTestId("note-card").filter({ hasText: noteTitle });
    await seen(card);
    expect(await card.getByRole("link", { name: "米娅" }).getAttribute("href")).toBe(`/u/${authorHandle}`);
    await hydrated(readerPage);
    await readerPage.screenshot({ path: `${SHOTS}/feed-home.png` });

    // The author's profile lists it under 笔记.
    await page.goto(`${server.url}/u/${authorHandle}`);
    await seen(page.getByTestId("note-card").filter({ hasText: noteTitle }));
    await seen(page.getByRole("heading", { name: "米娅" }));
    await hydrated(page);
    await page.screenshot({ path: `${SHOTS}/feed-profile.png` });
  });

  it("a second member likes the note and the author sees the notification arrive without reloading", async () => {
    const authorPage = await pageAs(authorHandle);
    await authorPage.goto(`${server.url}/u/${authorHandle}`);
    await hydrated(authorPage);
    const badge = authorPage.getByTestId("unread-badge");
    const shown = async () => ((await badge.count()) === 0 ? 0 : Number((await badge.textContent())?.match(/\d+/)?.[0] ?? 0));
    const unreadOf = async (type?: "like") => {
      const rows = await server.ctx.db
        .select({ type: notifications.type })
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.userId))
        .where(and(eq(users.handle, authorHandle), isNull(notifications.readAt)));
      return rows.filter((r) => !type || r.type === type).length;
    };
    // The author may already have notices of their own progress (the 初次种草 badge for a first note),
    // but nothing about likes yet.
    expect(await unreadOf("like")).toBe(0);

    const readerPage = await pageAs(reader.handle);
    await readerPage.goto(noteUrl);
    await hydrated(readerPage);
    const like = readerPage.getByRole("button", { name: "点赞" });
    await like.click();
    await expect.poll(() => like.getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => readerPage.getByTestId("like-count").textContent()).toBe("1");
    await readerPage.screenshot({ path: `${SHOTS}/feed-note.png` });

    // No reload on the author's side: the realtime push updates the bottom bar's badge.
    await expect.poll(() => unreadOf("like"), { timeout: 20_000 }).toBe(1);
    await seen(badge, 20_000);
    // The badge shows every unread notice, the like included, as the pushes arrive.
    await expect.poll(async () => (await shown()) === (await unreadOf()) && (await shown()) >= 1, { timeout: 20_000 }).toBe(true);
  });

  it("likes and unlikes at once, and rolls the count back when the server refuses", async () => {
    const page = await pageAs(reader.handle);
    await page.goto(noteUrl);
    await hydrated(page);
    const like = page.getByRole("button", { name: "点赞" });
    const count = page.getByTestId("like-count");
    expect(await like.getAttribute("aria-pressed")).toBe("true");
    expect(await count.textContent()).toBe("1");

    // Held responses show the optimistic state is there before the server answers.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname.startsWith("/n/") && url.searchParams.has("_data"),
      async (route) => {
        if (route.request().method() === "POST") await gate;
        await route.continue();
      },
    );
    const revalidated = page.waitForResponse((r) => r.request().method() === "GET" && r.url().includes("_data=routes"));
    await like.click();
    await expect.poll(() => count.textContent()).toBe("0");
    expect(await like.getAttribute("aria-pressed")).toBe("false");
    release();
    await revalidated;
    await expect.poll(async () => (await server.ctx.db.select({ n: posts.likeCount }).from(posts).where(eq(posts.id, noteUrl.split("/").pop()!)))[0]?.n).toBe(0);
    await page.unrouteAll({ behavior: "wait" });

    // A refusal puts the old state back and says why. The server has no reason to refuse this like,
    // so the network answers for it, as the app's own 429 reply would look.
    await page.route(
      (url) => url.pathname.startsWith("/n/") && url.searchParams.has("_data"),
      async (route) => {
        if (route.request().method() !== "POST") return route.continue();
        await new Promise((r) => setTimeout(r, 600));
        await route.fulfill({
          status: 429,
          headers: { "content-type": "application/json", "x-remix-response": "yes" },
          body: JSON.stringify({ ok: false, intent: "like", error: "操作太频繁了，请稍后再试" }),
        });
      },
    );
    await like.click();
    await expect.poll(() => count.textContent()).toBe("1");
    await expect.poll(() => count.textContent()).toBe("0");
    expect(await like.getAttribute("aria-pressed")).toBe("false");
    await seen(page.getByTestId("toast").filter({ hasText: "操作太频繁了，请稍后再试" }));
    await page.unrouteAll({ behavior: "wait" });

    // And a real like again, which survives a reload.
    await clickAndSettle(page, like);
    await expect.poll(() => count.textContent()).toBe("1");
    await page.reload();
    expect(await page.getByTestId("like-count").textContent()).toBe("1");
  });

  it("shows a comment and a reply as soon as they are posted", async () => {
    const readerPage = await pageAs(reader.handle);
    await readerPage.goto(noteUrl);
    await hydrated(readerPage);
    await readerPage.getByLabel("评论内容").fill("敏感肌可以用吗？");
    await readerPage.getByRole("button", { name: "发送" }).click();
    const comment = readerPage.getByTestId("comment").filter({ hasText: "敏感肌可以用吗？" });
    await seen(comment);
    await seen(readerPage.getByTestId("toast").filter({ hasText: "评论已发布" }));
    expect(await readerPage.getByLabel("评论内容").inputValue()).toBe("");

    const authorPage = await pageAs(authorHandle);
    await authorPage.goto(noteUrl);
    await hydrated(authorPage);
    const thread = authorPage.getByTestId("comment").filter({ hasText: "敏感肌可以用吗？" });
    await thread.getByRole("button", { name: "回复" }).first().click();
    const replyBox = authorPage.getByLabel("回复 小雷");
    await expect.poll(() => replyBox.evaluate((el) => el === document.activeElement)).toBe(true);
    await replyBox.fill("可以的，我自己就是敏感肌～");
    await authorPage.getByRole("button", { name: "回复", exact: true }).last().click();
    await seen(thread.getByTestId("reply").filter({ hasText: "可以的，我自己就是敏感肌～" }));
    await seen(thread.getByTestId("reply").getByText("作者"));

    // After a reload both are still there, the reply under its comment.
    await authorPage.reload();
    await seen(authorPage.getByTestId("comment").filter({ hasText: "敏感肌可以用吗？" }).getByTestId("reply"));
    await seen(authorPage.getByRole("heading", { name: "共 2 条评论" }));
    await hydrated(authorPage);
    await authorPage.getByRole("heading", { name: "共 2 条评论" }).scrollIntoViewIfNeeded();
    await authorPage.screenshot({ path: `${SHOTS}/feed-note-comments.png` });
  });

  it("follows the author from the note's author card, and the profile counts the follower", async () => {
    const page = await pageAs(reader.handle);
    await page.goto(noteUrl);
    await hydrated(page);
    await clickAndSettle(page, page.getByRole("button", { name: "关注 米娅" }));
    await seen(page.getByRole("button", { name: "取消关注 米娅" }));
    await page.reload();
    await seen(page.getByRole("button", { name: "取消关注 米娅" }));

    await page.goto(`${server.url}/u/${authorHandle}`);
    const followers = page.locator(".profile-stat").filter({ hasText: "粉丝" });
    expect(await followers.locator(".profile-stat-value").textContent()).toBe("1");
    // The follower's 关注 tab now carries the author's note.
    await page.goto(`${server.url}/?tab=following`);
    await seen(page.getByTestId("note-card").filter({ hasText: noteTitle }));
  });

  it("lets a visitor read the note but asks them to log in to like it", async () => {
    const page = await newPage();
    await page.goto(noteUrl);
    await seen(page.getByRole("heading", { name: noteTitle }));
    await seen(page.getByText("敏感肌可以用吗？"));
    await hydrated(page);
    await page.getByRole("link", { name: "点赞" }).click();
    await page.waitForURL(/\/login\?/);
    expect(new URL(page.url()).searchParams.get("redirectTo")).toBe(new URL(noteUrl).pathname);
  });

  it("pages the feed with a real 加载更多 link when JavaScript is off, and scrolls on with it", async () => {
    const authors = await Promise.all(
      ["wen", "yue", "kai"].map(async (p) => (await createTestUser(server.ctx.db, { handle: uniqueHandle(p), now: new Date(Date.now() - 3 * DAY) })).user),
    );
    for (const [i, author] of authors.entries()) await seedNotes(author, 8, `家居好物 ${i + 1}`);

    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(`${server.url}/c/home`);
    const cards = page.getByTestId("note-card");
    expect(await cards.count()).toBe(20);
    const firstPage = await cards.allTextContents();
    await page.getByTestId("feed-more").click();
    await page.waitForURL(/cursor=/);
    expect(await cards.count()).toBe(4);
    const secondPage = await cards.allTextContents();
    expect(secondPage.filter((t) => firstPage.includes(t))).toEqual([]);
    expect(await page.getByTestId("feed-more").count()).toBe(0);

    // With JavaScript the same feed appends the next page in place as the reader scrolls.
    const jsPage = await newPage();
    await jsPage.goto(`${server.url}/c/home`);
    await hydrated(jsPage);
    expect(await jsPage.getByTestId("note-card").count()).toBe(20);
    await jsPage.getByTestId("feed-more").scrollIntoViewIfNeeded();
    await expect.poll(() => jsPage.getByTestId("note-card").count()).toBe(24);
    expect(new URL(jsPage.url()).search).toBe("");
    await seen(jsPage.getByText("没有更多了"));
  });

  it("saves a draft without JavaScript and shows the server's field errors next to the fields", async () => {
    const page = await pageAs(authorHandle, { javaScriptEnabled: false });
    await page.goto(`${server.url}/publish`);
    await seen(page.getByText("上传图片需要启用 JavaScript", { exact: false }));
    await page.getByRole("button", { name: "发布", exact: true }).click();
    await page.waitForLoadState("load");
    const title = page.getByLabel("标题");
    expect(await title.getAttribute("aria-invalid")).toBe("true");
    const errorId = (await title.getAttribute("aria-describedby"))!.split(" ")[0];
    expect(await page.locator(`#${errorId}`).textContent()).toContain("必填");

    await page.getByLabel("标题").fill("周末的早午餐");
    await page.getByLabel("正文").fill("先写下来，周末再补图片。");
    await page.getByRole("button", { name: "存草稿" }).click();
    await page.waitForURL(/\/n\/[0-9a-f-]{36}$/);
    await seen(page.getByRole("heading", { name: "周末的早午餐" }));
    await seen(page.getByText("这是一篇草稿，只有你能看到。"));
    // Nobody else can open it.
    const visitor = await newPage();
    const response = await visitor.goto(page.url());
    expect(response?.status()).toBe(404);
  });

  it("uploads an avatar in profile settings and shows it on the profile and on the author's cards", async () => {
    const page = await pageAs(authorHandle);
    await page.goto(`${server.url}/settings/profile`);
    await hydrated(page);
    await page.locator('input[type="file"]').setInputFiles({ name: "me.png", mimeType: "image/png", buffer: await png("#7fb3d5") });
    await seen(page.getByText("已上传 1/1"), 15_000);
    await page.getByRole("button", { name: "使用这张头像" }).click();
    await seen(page.getByText("头像已更新"));

    await page.goto(`${server.url}/u/${authorHandle}`);
    const avatar = page.locator("img.profile-avatar");
    await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.getByTestId("note-card").first().locator("img.user-avatar").count()).toBe(1);
  });

  it("keeps favourites private: the owner sees the 收藏 tab, others a lock", async () => {
    const page = await pageAs(reader.handle);
    await page.goto(noteUrl);
    await hydrated(page);
    await clickAndSettle(page, page.getByRole("button", { name: "收藏" }));
    await expect.poll(() => page.getByTestId("favorite-count").textContent()).toBe("1");

    await page.goto(`${server.url}/u/${reader.handle}?tab=favorites`);
    await seen(page.getByTestId("note-card").filter({ hasText: noteTitle }));

    const other = await pageAs(authorHandle);
    await other.goto(`${server.url}/u/${reader.handle}?tab=favorites`);
    await seen(other.getByRole("heading", { name: "收藏仅自己可见" }));
    expect(await other.getByTestId("note-card").count()).toBe(0);
    const [row] = await server.ctx.db.select({ id: users.id }).from(users).where(eq(users.handle, reader.handle));
    expect(row?.id).toBe(reader.id);
  });
});
