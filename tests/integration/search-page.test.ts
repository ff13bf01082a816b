import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSeedbed } from "../../server/boot";
import { CONTENT_EVENTS } from "../../server/content/events";
import { emitEvent } from "../../server/jobs";
import { createJobRunner } from "../../server/jobs/runner";
import { searchConsumers } from "../../server/search";
import { createTestUser } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";
import { createNote, ensureCategory } from "./feeds-fixtures";

describe("the /search page", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db, { withUi: true });
    const { user } = await createTestUser(db.handle.db, { handle: "amy", displayName: "Amy 口红控" });
    const categoryId = await ensureCategory(db.handle.db, "beauty");
    for (const [title, body] of [
      ["这支口红颜色很好看", "黄皮友好。"],
      ["<b>口红</b> 合集", "<script>alert(1)</script>"],
    ]) {
      const post = await createNote(db.handle.db, user.id, { title, body, categoryId });
      await db.handle.db.transaction((tx) =>
        emitEvent(tx, {
          type: CONTENT_EVENTS.postPublished,
          payload: { postId: post.id, authorId: user.id, categoryId, title, mentionedUserIds: [], topicNames: [] },
          occurredAt: new Date(),
        }),
      );
    }
    await db.handle.db.transaction((tx) =>
      emitEvent(tx, { type: "identity.user.signedUp", payload: { userId: user.id, handle: "amy", locale: "zh-CN" }, occurredAt: new Date() }),
    );
    await createJobRunner({
      db: db.handle.db,
      logger: server.ctx.logger,
      clock: server.ctx.clock,
      consumers: searchConsumers,
      context: { config: server.ctx.config, realtime: server.ctx.realtime },
    }).drain();
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  const page = async (path: string) => {
    const res = await fetch(`${server.url}${path}`);
    return { status: res.status, html: await res.text() };
  };

  it("shows matching notes with the match marked, in Chinese by default", async () => {
    const { status, html } = await page(`/search?q=${encodeURIComponent("口红")}`);
    expect(status).toBe(200);
    expect(html).toContain("<mark>口红</mark>");
    expect(html).toContain("找到 2 条结果");
    expect(html).toContain("美妆");
  });

  it("renders a note's own angle brackets as text, never as markup", async () => {
    const { html } = await page(`/search?q=${encodeURIComponent("合集")}`);
    expect(html).toContain("&lt;b&gt;");
    expect(html).not.toContain("<script>alert(1)</script>");
  });

  it("asks what to look for when the query is blank, and explains an over-long one", async () => {
    expect((await page("/search")).html).toContain("想找点什么？");
    const long = await page(`/search?q=${"口".repeat(1000)}`);
    expect(long.status).toBe(200);
    expect(long.html).toContain("这个搜索词太长了");
  });

  it("says nothing matched, and lists people on the people tab", async () => {
    expect((await page(`/search?q=${encodeURIComponent("露营帐篷")}`)).html).toContain("没有找到相关内容");
    const people = await page(`/search?q=${encodeURIComponent("口红控")}&type=users`);
    expect(people.html).toContain("@<span>amy</span>");
  });

  it("suggests titles and people as JSON while typing", async () => {
    const res = await fetch(`${server.url}/search/suggest?q=${encodeURIComponent("口红")}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { notes: { title: { text: string } }[]; users: { handle: string }[] };
    expect(body.notes.map((n) => n.title.text)).toContain("这支口红颜色很好看");
    expect(body.users.map((u) => u.handle)).toEqual(["amy"]);
    const blank = await fetch(`${server.url}/search/suggest?q=`);
    expect(await blank.json()).toEqual({ notes: [], users: [] });
  });
});
