import fs from "node:fs";
import { eq, sql } from "drizzle-orm";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { chromiumPath, launchBrowser } from "../setup/browser";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

const SHOTS = "/tmp/shots";
const PHONE = { width: 390, height: 844 };
const PASSWORD = "correct horse battery";

describe.skipIf(!chromiumPath)("accounts in the browser (production build, real server)", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Errors the page logged (hydration mismatches, CSP violations, uncaught exceptions). */
  const consoleErrors: string[] = [];

  async function newPage(options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<Page> {
    const context = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      locale: options.locale ?? "zh-CN",
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on("console", (msg) => {
      // A 4xx form reply is logged by the browser as a failed resource; that is the expected answer.
      if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) {
        consoleErrors.push(msg.text());
      }
    });
    page.on("pageerror", (err) => consoleErrors.push(err.message));
    return page;
  }

  /** Fails (after a few seconds) unless the element shows up. */
  const seen = (locator: Locator) => locator.waitFor({ state: "visible", timeout: 5_000 });

  /** Waits until React has taken over the page, so clicks go through client-side handlers. */
  async function hydrated(page: Page) {
    await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined);
    await page.waitForLoadState("networkidle");
  }

  async function signUp(page: Page, handle: string, email: string) {
    await page.goto(`${server.url}/signup`);
    await page.getByLabel("用户名", { exact: true }).fill(handle);
    await page.getByLabel("邮箱", { exact: true }).fill(email);
    await page.getByLabel("密码", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "注册" }).click();
  }

  const countUsers = async () =>
    (await server.ctx.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
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

  it("signs up through the form and lands logged in on the me page with the handle shown", async () => {
    const page = await newPage();
    await page.goto(server.url);
    await hydrated(page);
    await page.screenshot({ path: `${SHOTS}/home.png` });

    await signUp(page, "lily_chen", "Lily@Example.com");
    await page.waitForURL(`${server.url}/me`);
    await expect.poll(() => page.getByTestId("profile-handle").textContent()).toBe("@lily_chen");
    await expect.poll(() => page.getByRole("list", { name: "身份" }).textContent()).toContain("会员");
    await hydrated(page);
    await page.screenshot({ path: `${SHOTS}/me.png` });
    // The tab bar marks where the user is.
    expect(await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "我" }).getAttribute("aria-current")).toBe(
      "page",
    );
  });

  it("logs out, shows the visitor's invitation, and logs back in by email in another case", async () => {
    const page = await newPage();
    await signUp(page, "momo", "momo@example.com");
    await page.waitForURL(`${server.url}/me`);

    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/me`);
    await seen(page.getByRole("heading", { name: "欢迎来到 Seedbed" }));
    await page.screenshot({ path: `${SHOTS}/me-visitor.png` });

    // A page that needs an account sends the visitor to log in and then back.
    await page.goto(`${server.url}/settings/tokens`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByLabel("用户名或邮箱").fill("MOMO@EXAMPLE.COM");
    await page.getByLabel("密码", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "登录" }).last().click();
    await page.waitForURL(`${server.url}/settings/tokens`);
    await seen(page.getByRole("heading", { name: "生成新令牌" }));
  });

  it("keeps the visitor on this site when redirectTo points elsewhere", async () => {
    const page = await newPage();
    await signUp(page, "xiaomei", "xiaomei@example.com");
    await page.waitForURL(`${server.url}/me`);
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(`${server.url}/`);

    await page.goto(`${server.url}/login?redirectTo=${encodeURIComponent("//evil.example/steal")}`);
    await page.getByLabel("用户名或邮箱").fill("xiaomei");
    await page.getByLabel("密码", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "登录" }).last().click();
    await page.waitForURL(`${server.url}/`);
    expect(new URL(page.url()).host).toBe(new URL(server.url).host);
  });

  it("says the password is wrong next to the password field and logs nobody in", async () => {
    const page = await newPage();
    await signUp(page, "ahua", "ahua@example.com");
    await page.waitForURL(`${server.url}/me`);
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(`${server.url}/`);

    await page.goto(`${server.url}/login`);
    await hydrated(page);
    await page.getByLabel("用户名或邮箱").fill("ahua");
    await page.getByLabel("密码", { exact: true }).fill("not the password");
    await page.getByRole("button", { name: "登录" }).last().click();
    const password = page.getByLabel("密码", { exact: true });
    await expect.poll(() => password.getAttribute("aria-invalid")).toBe("true");
    const errorId = await password.getAttribute("aria-describedby");
    expect(await page.locator(`#${errorId}`).textContent()).toContain("用户名/邮箱或密码错误");
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  it("switches to English from the header, and the choice survives a reload and follows the account", async () => {
    const page = await newPage();
    await signUp(page, "anna_w", "anna@example.com");
    await page.waitForURL(`${server.url}/me`);
    await hydrated(page);
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");

    await page.getByRole("button", { name: "切换到 English" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    const tabs = page.getByRole("navigation", { name: "Main navigation" });
    await seen(tabs.getByRole("link", { name: "Home" }));
    await seen(page.getByRole("button", { name: "Log out" }));
    expect(new URL(page.url()).pathname).toBe("/me"); // stays on the page it was switched on

    await page.reload();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await seen(page.getByRole("link", { name: "Discover" }).first());
    await page.goto(`${server.url}/signup`).catch(() => {}); // signed in: sent on to /me
    await seen(page.getByRole("button", { name: "Log out" }));

    const [row] = await server.ctx.db.select({ locale: users.locale }).from(users).where(eq(users.handle, "anna_w"));
    expect(row?.locale).toBe("en");

    // Back to Chinese from the me page's own switcher.
    await page.getByRole("button", { name: "简体中文", exact: true }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await seen(page.getByRole("button", { name: "退出登录" }));
  });

  it("shows a bad handle's error next to the field, with JavaScript, and writes nothing", async () => {
    const before = await countUsers();
    const page = await newPage();
    await page.goto(`${server.url}/signup`);
    await hydrated(page);
    await signUp(page, "9lives!", "not-an-email");

    const handle = page.getByLabel("用户名", { exact: true });
    await expect.poll(() => handle.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await handle.getAttribute("aria-describedby"))!.split(" ");
    const errors = await Promise.all(describedBy.map((id) => page.locator(`#${id}`).textContent()));
    expect(errors.join(" ")).toContain("以字母开头");
    expect(await page.getByLabel("邮箱", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await handle.inputValue()).toBe("9lives!"); // what was typed stays
    await page.screenshot({ path: `${SHOTS}/signup-errors.png` });
    expect(await countUsers()).toBe(before);
  });

  it("shows the same field errors without JavaScript, as a plain form post", async () => {
    const before = await countUsers();
    const page = await newPage({ javaScriptEnabled: false });
    await signUp(page, "ab", "ab@example.com");
    await page.waitForLoadState("load");

    const handle = page.getByLabel("用户名", { exact: true });
    expect(await handle.getAttribute("aria-invalid")).toBe("true");
    const errorId = (await handle.getAttribute("aria-describedby"))!.split(" ").at(-1);
    expect(await page.locator(`#${errorId}`).textContent()).toContain("3–20 个字符");
    expect(await handle.inputValue()).toBe("ab");
    expect(await page.getByLabel("密码", { exact: true }).inputValue()).toBe("");
    expect(await countUsers()).toBe(before);

    // A taken handle (in another case) is reported on the handle field too, still without JavaScript.
    await signUp(page, "LILY_CHEN", "someone-else@example.com");
    await page.waitForLoadState("load");
    const describedBy = await page.getByLabel("用户名", { exact: true }).getAttribute("aria-describedby");
    expect(await page.locator(`#${describedBy!.split(" ").at(-1)}`).textContent()).toContain("该用户名已被占用");
    expect(await countUsers()).toBe(before);

    // The language switch is a plain form post too.
    await page.getByRole("button", { name: "切换到 English" }).click();
    await page.waitForLoadState("load");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(new URL(page.url()).pathname).toBe("/signup");
    await seen(page.getByRole("heading", { name: "Create your account" }));
  });

  it("serves a friendly 404 page with a real 404 status", async () => {
    const page = await newPage();
    const response = await page.goto(`${server.url}/no/such/page`);
    expect(response?.status()).toBe(404);
    await seen(page.getByRole("heading", { name: "页面走丢了" }));
    await seen(page.getByRole("link", { name: "回到首页" }));
    await hydrated(page);
    await page.screenshot({ path: `${SHOTS}/404.png` });
  });

  it("refuses a log-out posted from another site", async () => {
    const page = await newPage();
    await signUp(page, "guard_me", "guard@example.com");
    await page.waitForURL(`${server.url}/me`);
    const cookies = await page.context().cookies();
    const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join("; ");

    const res = await fetch(`${server.url}/logout`, {
      method: "POST",
      headers: { cookie: cookieHeader, origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: "",
      redirect: "manual",
    });
    expect(res.status).toBe(403);
    await page.reload();
    expect(await page.getByTestId("profile-handle").textContent()).toBe("@guard_me");
  });
});
