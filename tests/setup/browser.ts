import { chromium, type Browser } from "playwright-core";
import { inject } from "vitest";

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
