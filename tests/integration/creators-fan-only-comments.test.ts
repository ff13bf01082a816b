import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as commentsRoute from "../../app/routes/n.$id_.comments";
import * as notePage from "../../app/routes/n.$id";
import { and, eq, sql } from "drizzle-orm";
import { comments, outboxEvents, type Role } from "../../db/schema";
import { loadNoteDocuments } from "../../server/search/documents";
import type { RunningSeedbed } from "../../server/boot";
import { createComment } from "../../server/content";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { FixedClock } from "../../server/shared/clock";
import { asRoute, routeCaller, thrown } from "../factories/routes";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";
import { createNote } from "./feeds-fixtures";

type Account = { user: CurrentUser; token: string; cookie: string };
type CommentPage = { items: { id: string; body: string; replies: { id: string }[] }[] };
type NoteData = { locked: boolean; comments: CommentPage | null; post: { body: string; media: unknown[]; fanOnlyLocked?: boolean } };

/**
 * A fan-only note keeps its comments for the fan group: a reader outside it sees neither the comments
 * nor the comment form, on the page (first screen and "more comments"), nor through /api/v1; the
 * author, fans and staff see them, and joining the group opens them.
 */
describe("fan-only notes keep their comments for the fan group", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  let context: AppLoadContext;
  const clock = new FixedClock("2026-11-24T02:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    server = await startTestServer(db, { clock });
    context = { ...server.ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function account(roles: Role[] = []): Promise<Account> {
    const { user } = await createTestUser(db.handle.db, { now: clock.now(), roles, handle: uniqueHandle("fo") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    const session = await createSession(db.handle.db, { userId: user.id, now: clock.now() });
    return { user, token, cookie: sessionCookie(server.ctx, session).split(";")[0]! };
  }
  const api = (path: string, init: { method?: string; json?: unknown; as?: Account | null } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? (init.json !== undefined ? "POST" : "GET"),
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": "zh-CN",
        ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });
  const page = async (who: Account | null, noteId: string) =>
    (await (await routeCaller(context).get(asRoute(notePage), `/n/${noteId}`, who?.cookie, { id: noteId })).json()) as NoteData;

  /** A creator's fan-only note with a comment (and a reply) from a fan. */
  async function fanOnlyNoteWithComments() {
    const creator = await account(["creator"]);
    const fan = await account();
    const note = await createNote(db.handle.db, creator.user.id, { body: "只给粉丝看的护肤流程", publishedAt: clock.now() });
    expect((await api(`/creators/${creator.user.id}/fan-group/members`, { as: fan, json: {} })).status).toBe(200);
    expect((await api(`/posts/${note.id}/fan-only`, { as: creator, method: "PUT", json: { fanOnly: true } })).status).toBe(200);
    const top = await createComment(server.ctx, fan.user, { postId: note.id, body: "第三步用的是哪款精华？" });
    await createComment(server.ctx, creator.user, { postId: note.id, body: "是玻尿酸那款", parentId: top.id });
    return { creator, fan, note, commentId: top.id };
  }

  it("shows a reader outside the fan group no comments on the page, in 'more comments', or through the API", async () => {
    const { note, commentId } = await fanOnlyNoteWithComments();
    const stranger = await account();

    for (const who of [stranger, null]) {
      const data = await page(who, note.id);
      expect(data.locked).toBe(true);
      expect(data.comments).toBeNull();
      expect(data.post).toMatchObject({ body: "", media: [], fanOnlyLocked: true });
      expect(JSON.stringify(data)).not.toContain("第三步用的是哪款精华");
      expect((await thrown(routeCaller(context).get(asRoute(commentsRoute), `/n/${note.id}/comments`, who?.cookie, { id: note.id }))).status).toBe(403);
    }

    const listed = await api(`/posts/${note.id}/comments`, { as: stranger });
    expect(listed.status).toBe(403);
    const body = (await listed.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("FORBIDDEN");
    expect(body.error.message).toContain("粉丝团");
    expect((await api(`/comments/${commentId}/replies`, { as: stranger })).status).toBe(403);
    expect((await api(`/posts/${note.id}/comments`)).status).toBe(403);
    // Nor may they write in the thread: 403, nothing stored; a fan still can.
    const commentsBefore = await db.handle.db.$count(comments, eq(comments.postId, note.id));
    const written = await api(`/posts/${note.id}/comments`, { as: stranger, json: { body: "让我看看" } });
    expect(written.status).toBe(403);
    expect(((await written.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
    expect(await db.handle.db.$count(comments, eq(comments.postId, note.id))).toBe(commentsBefore);
    // getPost through the API keeps the text back as the page does.
    const post = (await (await api(`/posts/${note.id}`, { as: stranger })).json()) as { post: { body: string; fanOnlyLocked?: boolean } };
    expect(post.post).toMatchObject({ body: "", fanOnlyLocked: true });
  });

  it("keeps a fan-only note's body out of search, re-indexing the note when it is marked", async () => {
    const { note } = await fanOnlyNoteWithComments();
    const [doc] = await loadNoteDocuments(db.handle.db, { ids: [note.id] });
    expect(doc).toMatchObject({ id: note.id, title: note.title, body: "" });
    const updates = await db.handle.db.$count(
      outboxEvents,
      and(eq(outboxEvents.type, "content.post.updated"), sql`${outboxEvents.payload}->>'postId' = ${note.id}`),
    );
    expect(updates).toBe(1);
    const open = await createNote(db.handle.db, note.authorId, { body: "公开的护肤流程", publishedAt: clock.now() });
    expect((await loadNoteDocuments(db.handle.db, { ids: [open.id] }))[0]!.body).toBe("公开的护肤流程");
  });

  it("shows the author, fans and staff the comments on the page and through the API", async () => {
    const { creator, fan, note, commentId } = await fanOnlyNoteWithComments();
    const staff = await account(["staff"]);
    for (const who of [creator, fan, staff]) {
      const data = await page(who, note.id);
      expect(data.locked).toBe(false);
      expect(data.post.body).toBe("只给粉丝看的护肤流程");
      expect(data.comments!.items.map((c) => c.id)).toEqual([commentId]);
      expect(data.comments!.items[0]!.replies).toHaveLength(1);
      const listed = await api(`/posts/${note.id}/comments`, { as: who });
      expect(listed.status).toBe(200);
      expect(((await listed.json()) as CommentPage).items.map((c) => c.body)).toEqual(["第三步用的是哪款精华？"]);
      expect((await api(`/comments/${commentId}/replies`, { as: who })).status).toBe(200);
    }
  });

  it("opens the comments to a reader who joins the fan group, and closes them again when they leave", async () => {
    const { creator, note } = await fanOnlyNoteWithComments();
    const reader = await account();
    expect((await page(reader, note.id)).comments).toBeNull();
    expect((await api(`/posts/${note.id}/comments`, { as: reader })).status).toBe(403);

    expect((await api(`/creators/${creator.user.id}/fan-group/members`, { as: reader, json: {} })).status).toBe(200);
    const joined = await page(reader, note.id);
    expect(joined.locked).toBe(false);
    expect(joined.comments!.items).toHaveLength(1);
    expect((await api(`/posts/${note.id}/comments`, { as: reader })).status).toBe(200);

    expect((await api(`/creators/${creator.user.id}/fan-group/members/me`, { as: reader, method: "DELETE" })).status).toBe(200);
    expect((await page(reader, note.id)).comments).toBeNull();
    expect((await api(`/posts/${note.id}/comments`, { as: reader })).status).toBe(403);
  });

  it("leaves the comments of a note that isn't fan-only open to everyone", async () => {
    const creator = await account(["creator"]);
    const note = await createNote(db.handle.db, creator.user.id, { publishedAt: clock.now() });
    await createComment(server.ctx, creator.user, { postId: note.id, body: "欢迎交流" });
    const data = await page(null, note.id);
    expect(data.locked).toBe(false);
    expect(data.comments!.items).toHaveLength(1);
    expect((await api(`/posts/${note.id}/comments`)).status).toBe(200);
  });
});
