import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSeedbed } from "../../server/boot";
import { ensureDefaultCategories } from "../../server/content";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, logInAs } from "../factories/users";
import { createNote } from "../integration/feeds-fixtures";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

/**
 * The visitor page cache (server/http/visitor-page-cache.ts) on the production build: a visitor's
 * feed page is rendered once per FEED_CACHE_SECONDS and replayed with the headers it was rendered
 * with; a signed-in reader's page is never taken from it.
 */
describe("the visitor page cache", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  let cookie: string;
  const clock = new FixedClock(new Date());

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db, { withUi: true, clock, env: { FEED_CACHE_SECONDS: "30" } });
    await ensureDefaultCategories(db.handle.db, clock.now());
    const { user, password } = await createTestUser(db.handle.db);
    await createNote(db.handle.db, user.id, { title: "缓存前的第一篇笔记", publishedAt: new Date(clock.now().getTime() - 60_000) });
    cookie = (await logInAs(server.url, user.handle, password)).cookie;
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers: { "accept-language": "zh-CN", ...headers } });
  const nonceIn = (html: string) => /<script[^>]*nonce="([^"]+)"/.exec(html)?.[1];

  it("renders a visitor's home page once and replays it, with the nonce its scripts carry", async () => {
    const first = await get("/?tab=latest");
    const firstHtml = await first.text();
    expect(first.status).toBe(200);
    expect(first.headers.get("x-page-cache")).toBe("miss");
    expect(firstHtml).toContain("缓存前的第一篇笔记");

    const second = await get("/?tab=latest");
    const secondHtml = await second.text();
    expect(second.headers.get("x-page-cache")).toBe("hit");
    expect(secondHtml).toBe(firstHtml);
    // The replayed CSP allows exactly the nonce the replayed scripts carry, or the page wouldn't hydrate.
    const nonce = nonceIn(secondHtml);
    expect(nonce).toBeTruthy();
    expect(second.headers.get("content-security-policy")).toContain(`'nonce-${nonce}'`);
    // Each response still has its own request id.
    expect(second.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
  });

  it("keeps languages apart and never serves a signed-in reader from it", async () => {
    const zh = await (await get("/?tab=hot")).text();
    const en = await get("/?tab=hot", { "accept-language": "en-US,en;q=0.9" });
    expect(en.headers.get("x-page-cache")).toBe("miss");
    expect(await en.text()).not.toBe(zh);
    expect((await get("/?tab=hot", { "accept-language": "en-US,en;q=0.9" })).headers.get("x-page-cache")).toBe("hit");

    const signedIn = await get("/?tab=hot", { cookie });
    expect(signedIn.headers.get("x-page-cache")).toBeNull();
    expect(await signedIn.text()).toContain("缓存前的第一篇笔记");
  });

  it("serves a new note to visitors once the entry expires", async () => {
    const before = await (await get("/?tab=latest")).text();
    expect(before).toContain("缓存前的第一篇笔记");
    const author = (await createTestUser(db.handle.db)).user;
    await createNote(db.handle.db, author.id, { title: "缓存之后发布的笔记", publishedAt: new Date(clock.now().getTime() - 1_000) });
    expect(await (await get("/?tab=latest")).text()).not.toContain("缓存之后发布的笔记");
    clock.advance(31_000);
    const after = await get("/?tab=latest");
    expect(after.headers.get("x-page-cache")).toBe("miss");
    expect(await after.text()).toContain("缓存之后发布的笔记");
  });
});
