import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts } from "../../db/schema";
import { action, loader } from "../../app/routes/messages";
import { loader as rootLoader } from "../../app/root";
import type { CurrentUser } from "../../server/identity";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { emitEvent } from "../../server/jobs";
import { createJobRunner } from "../../server/jobs/runner";
import { countUnread, notificationConsumers, type NotificationView } from "../../server/notifications";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";

const PAGE = "http://localhost/messages";

/** The /messages page's loader and action, called as Remix calls them, with a real session cookie. */
describe("the 消息 page", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;
  let author: CurrentUser;
  let cookie: string;
  let noteId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db);
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    author = (await createTestUser(ctx.db)).user;
    const session = await createSession(ctx.db, { userId: author.id, now: ctx.clock.now() });
    cookie = sessionCookie(ctx, session).split(";")[0]!;

    // 13 members like one note, 25 more notes each get one like: 26 rows in the inbox.
    const now = ctx.clock.now();
    const notes = await ctx.db
      .insert(posts)
      .values(Array.from({ length: 26 }, (_, i) => ({ authorId: author.id, title: `笔记${i}`, status: "published" as const, publishedAt: now, createdAt: now, updatedAt: now })))
      .returning();
    noteId = notes[0]!.id;
    const fans: CurrentUser[] = [];
    for (let i = 0; i < 13; i++) fans.push((await createTestUser(ctx.db, { displayName: `小红${i}` })).user);
    await ctx.db.transaction(async (tx) => {
      let at = now.getTime();
      const like = (postId: string, userId: string) =>
        emitEvent(tx, { type: "content.post.liked", payload: { postId, userId, authorId: author.id, categoryId: null }, occurredAt: new Date(++at) });
      for (const note of notes.slice(1)) await like(note.id, fans[0]!.id);
      for (const fan of fans) await like(noteId, fan.id);
    });
    await createJobRunner({ db: ctx.db, logger: ctx.logger, clock: ctx.clock, consumers: notificationConsumers, context: { config: ctx.config, realtime: ctx.realtime } }).drain();
  });
  afterAll(async () => {
    await db?.close();
  });

  const get = async (query = "", withCookie = true) => {
    const res = (await loader({ request: new Request(PAGE + query, { headers: withCookie ? { cookie } : {} }), context, params: {} })) as Response;
    return res.json() as Promise<
      | { signedIn: false }
      | { signedIn: true; page: { items: NotificationView[]; nextCursor: string | null; unreadCount: number }; paged: boolean }
    >;
  };
  const post = (form: Record<string, string>, withCookie = true) =>
    action({ request: new Request(PAGE, { method: "POST", headers: withCookie ? { cookie } : {}, body: new URLSearchParams(form) }), context, params: {} });

  it("asks visitors to log in instead of showing an inbox", async () => {
    expect(await get("", false)).toEqual({ signedIn: false, now: expect.any(String) });
    const refused = await post({ intent: "readAll" }, false).catch((r: Response) => r);
    expect((refused as Response).status).toBe(302);
    expect((refused as Response).headers.get("location")).toBe("/login?redirectTo=%2Fmessages");
  });

  it("shows the newest 20 rows with the aggregated like on top, and a link to older ones", async () => {
    const data = await get();
    if (!data.signedIn) throw new Error("expected the inbox");
    expect(data.page.unreadCount).toBe(26);
    expect(data.page.items).toHaveLength(20);
    expect(data.page.items[0]).toMatchObject({ type: "like", actorCount: 13, subject: { id: noteId, title: "笔记0" } });
    expect(data.page.items[0]!.actors.map((a) => a.displayName)).toEqual(["小红12", "小红11", "小红10"]);

    const older = await get(`?cursor=${data.page.nextCursor}`);
    if (!older.signedIn) throw new Error("expected the inbox");
    expect(older.paged).toBe(true);
    expect(older.page.items).toHaveLength(6);
    expect(older.page.nextCursor).toBeNull();
  });

  it("answers a hand-edited cursor with 400, not a server error", async () => {
    const res = await loader({ request: new Request(`${PAGE}?cursor=%7Bbroken`, { headers: { cookie } }), context, params: {} }).catch((r: Response) => r);
    expect((res as Response).status).toBe(400);
  });

  it("marks a row read when it is opened and goes to the note; the badge count follows", async () => {
    const before = await countUnread(ctx, author.id);
    const [first] = (await get().then((d) => (d.signedIn ? d.page.items : []))) as NotificationView[];
    const res = (await post({ intent: "open", id: first!.id, to: `/n/${noteId}` }).catch((r: Response) => r)) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/n/${noteId}`);
    expect(await countUnread(ctx, author.id)).toBe(before - 1);

    const root = (await rootLoader({ request: new Request(PAGE, { headers: { cookie } }), context, params: {} })).json() as Promise<{ unreadCount: number }>;
    expect((await root).unreadCount).toBe(before - 1);

    // An off-site target is not followed.
    const away = (await post({ intent: "open", id: first!.id, to: "https://evil.example/" }).catch((r: Response) => r)) as Response;
    expect(away.headers.get("location")).toBe("/messages");
  });

  it("marks everything read with the 全部已读 form, and rejects a malformed post", async () => {
    const bad = (await post({ intent: "open", id: "not-an-id", to: "/" })) as Response;
    expect(bad.status).toBe(422);
    expect(await countUnread(ctx, author.id)).toBeGreaterThan(0);

    const res = (await post({ intent: "readAll" })) as Response;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
    expect(await countUnread(ctx, author.id)).toBe(0);
    const data = await get();
    expect(data.signedIn && data.page.items.every((n) => n.read)).toBe(true);
  });
});
