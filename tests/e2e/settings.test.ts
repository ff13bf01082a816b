import fs from "node:fs";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSeedbed } from "../../server/boot";
import { chromiumPath, launchBrowser } from "../setup/browser";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

const SHOTS = "/tmp/shots";
const PASSWORD = "correct horse battery";

describe.skipIf(!chromiumPath)("settings in the browser (production build, real server)", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];

  const seen = (locator: Locator) => locator.waitFor({ state: "visible", timeout: 5_000 });

  async function signedInPage(handle: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      locale: "zh-CN",
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on("console", (msg) => {
      if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => consoleErrors.push(err.message));
    await page.goto(`${server.url}/signup`);
    await page.getByLabel("用户名", { exact: true }).fill(handle);
    await page.getByLabel("邮箱", { exact: true }).fill(`${handle}@example.com`);
    await page.getByLabel("密码", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "注册" }).click();
    await page.waitForURL(`${server.url}/me`);
    return page;
  }

  const getMe = (token: string) =>
    fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });

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

  it("saves a new display name and bio, and the me page shows them", async () => {
    const page = await signedInPage("lulu");
    await page.getByRole("link", { name: /个人资料/ }).click();
    await page.waitForURL(`${server.url}/settings/profile`);
    await page.getByLabel("昵称").fill("露露的种草日记");
    await page.getByLabel("简介").fill("爱护肤，也爱分享。");
    await page.getByRole("button", { name: "保存" }).click();
    await seen(page.getByRole("status").filter({ hasText: "资料已保存" }));
    await page.screenshot({ path: `${SHOTS}/settings-profile.png` });

    await page.goto(`${server.url}/me`);
    await seen(page.getByText("露露的种草日记"));
    await seen(page.getByText("爱护肤，也爱分享。"));
  });

  it("refuses an empty display name with a message next to it, keeping the old one", async () => {
    const page = await signedInPage("kiki", { javaScriptEnabled: false });
    await page.goto(`${server.url}/settings/profile`);
    await page.getByLabel("昵称").fill("   ");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForLoadState("load");
    const name = page.getByLabel("昵称");
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(`#${await name.getAttribute("aria-describedby")}`).textContent()).toMatch(/必填|1–40/);

    await page.goto(`${server.url}/me`);
    expect(await page.locator(".profile-name").textContent()).toBe("kiki");
  });

  it("switches the interface to English when the profile language is changed", async () => {
    const page = await signedInPage("yoyo");
    await page.goto(`${server.url}/settings/profile`);
    await page.getByLabel("界面语言").selectOption("en");
    await page.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    await seen(page.getByRole("button", { name: "Save" }));
  });

  it("creates a token shown once that works against the API, lists it, and revokes it after confirmation", async () => {
    const page = await signedInPage("dev_zhang");
    await page.goto(`${server.url}/settings/tokens`);
    await seen(page.getByText("还没有令牌。"));

    await page.getByLabel("令牌名称").fill("小程序同步");
    await page.getByLabel("有效期").selectOption("30");
    await page.getByRole("button", { name: "生成令牌" }).click();
    const output = page.locator("#new-token");
    await seen(output);
    const token = await output.inputValue();
    expect(token).toMatch(/^sbp_/);
    await seen(page.getByRole("button", { name: "复制" }));
    await page.screenshot({ path: `${SHOTS}/settings-tokens.png`, fullPage: true });

    const item = page.getByRole("listitem", { name: "小程序同步" });
    await seen(item);
    expect(await item.locator("code").textContent()).toBe(`${token.slice(0, 10)}…`);
    expect((await getMe(token)).status).toBe(200);

    // Shown once: after a reload only the prefix remains.
    await page.reload();
    expect(await page.locator("#new-token").count()).toBe(0);
    expect(await page.content()).not.toContain(token);

    await item.getByText("撤销", { exact: true }).click();
    await seen(item.getByText("确定撤销“小程序同步”吗？", { exact: false }));
    await item.getByRole("button", { name: "确定撤销" }).click();
    await seen(item.getByText("已撤销"));
    expect((await getMe(token)).status).toBe(401);
  });

  it("reports a missing token name next to the field without JavaScript", async () => {
    const page = await signedInPage("no_js_dev", { javaScriptEnabled: false });
    await page.goto(`${server.url}/settings/tokens`);
    await page.getByRole("button", { name: "生成令牌" }).click();
    await page.waitForLoadState("load");
    const name = page.getByLabel("令牌名称");
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(`#${await name.getAttribute("aria-describedby")}`).textContent()).toContain("必填");
    await seen(page.getByText("还没有令牌。"));
  });

  it("lays out a centred column with a side rail on a desktop screen", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(server.url);
    const rail = page.getByRole("navigation", { name: "主导航" });
    await seen(rail.getByRole("link", { name: "发现" }));
    expect(await page.locator(".tabbar").isVisible()).toBe(false);
    const main = await page.locator("main").boundingBox();
    // The column's centre sits at the window's centre.
    expect(Math.abs(main!.x + main!.width / 2 - 640)).toBeLessThan(40);
    await page.screenshot({ path: `${SHOTS}/home-desktop.png` });
  });

  it("turns dark when the system prefers a dark colour scheme", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: "dark", locale: "zh-CN" });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/me`);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(120);
    await page.screenshot({ path: `${SHOTS}/me-dark.png` });
  });
});
