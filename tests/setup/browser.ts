import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";
import { logInAs } from "../factories/users";

/** Debian's Chromium, found by the global setup; null when this machine has none (tests skip). */
export const chromiumPath: string | null = inject("services").chromiumPath;
export const chromiumSkipReason: string | null = inject("services").chromiumSkipReason;

/**
 * Launches headless Chromium through playwright-core. Playwright gives every launch a fresh,
 * temporary profile directory, so no cookie or cache survives from one run to the next.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error(`Chromium is not available: ${chromiumSkipReason}`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * iPhone Safari's user agent. Headless Chromium names itself "HeadlessChrome", which isbot counts as a
 * bot: a bot's click on a distribution link is not counted, and the server streams it the whole page
 * at once. Tests that depend on a person's behaviour present as this phone.
 */
export const PHONE_USER_AGENT =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

export interface PhoneBrowserOptions {
  /** The password `pageAs(handle)` logs in with: the demo accounts' or the test factories'. */
  password: string;
  /** Present as a phone rather than as headless Chromium (see PHONE_USER_AGENT). */
  phoneUserAgent?: boolean;
  /** 2 for sharp screenshots; Chromium's default (1) otherwise. */
  deviceScaleFactor?: number;
  /** Permissions every page's origin is granted, e.g. the clipboard for "copy link" buttons. */
  permissions?: string[];
}

/**
 * One test file's Chromium with phone-sized pages (390×844, zh-CN). Each page gets its own browser
 * context, so two pages are two people; `pageAs(handle)` logs the person in through the API and sets
 * the session cookie, as the log-in form would. Console errors (other than failed resource loads) and
 * uncaught exceptions of every page collect in `errors`, which tests expect to stay empty.
 *
 * Make it at describe time, `launch` it once the server is up, `close` it in `afterAll`.
 */
export class PhoneBrowser {
  readonly errors: string[] = [];
  private browser: Browser | null = null;
  private readonly contexts: BrowserContext[] = [];
  private baseUrl = "";

  constructor(private readonly options: PhoneBrowserOptions) {}

  async launch(baseUrl: string): Promise<void> {
    this.baseUrl = baseUrl;
    this.browser = await launchBrowser();
  }

  /** A page of its own context, logged in as `handle`, or a visitor's when `handle` is null. */
  async open(handle: string | null): Promise<{ page: Page; context: BrowserContext }> {
    if (!this.browser) throw new Error("PhoneBrowser.launch() has not run");
    const context = await this.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: "zh-CN",
      ...(this.options.deviceScaleFactor ? { deviceScaleFactor: this.options.deviceScaleFactor } : {}),
      ...(this.options.phoneUserAgent ? { userAgent: PHONE_USER_AGENT } : {}),
    });
    this.contexts.push(context);
    if (this.options.permissions) await context.grantPermissions(this.options.permissions, { origin: this.baseUrl });
    if (handle) {
      const { cookie } = await logInAs(this.baseUrl, handle, this.options.password);
      const [name = "", value = ""] = cookie.split("=");
      await context.addCookies([{ name, value, url: this.baseUrl }]);
    }
    const page = await context.newPage();
    page.on("console", (msg) => {
      if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) this.errors.push(`${page.url()}: ${msg.text()}`);
    });
    page.on("pageerror", (err) => this.errors.push(`${page.url()}: ${err.message}`));
    return { page, context };
  }

  /** `open(handle)`'s page alone. */
  async pageAs(handle: string | null): Promise<Page> {
    return (await this.open(handle)).page;
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => {});
    await this.browser?.close();
  }
}
