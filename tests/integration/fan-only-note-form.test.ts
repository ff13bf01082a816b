import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as editPage from "../../app/routes/n.$id_.edit";
import * as publishPage from "../../app/routes/publish";
import { fanOnlyPosts, posts, uploads, type Role } from "../../db/schema";
import { lockedPostIds } from "../../server/creators";
import { createSession, sessionCookie } from "../../server/identity/sessions";
import { asRoute, routeCaller, thrown } from "../factories/routes";
import { createTestUser } from "../factories/users";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { createNote, ensureCategory } from "./feeds-fixtures";

/** The 粉丝专属 box on /publish and /n/<id>/edit, as a browser without JavaScript posts it. */
describe("publish and edit: a creator's 粉丝专属 box", () => {
  let db: TestDatabase;
  let ctx: ReturnType<typeof createTestContext>;
  let context: AppLoadContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = createTestContext(db.handle.db);
    context = { ...ctx, requestId: "test", cspNonce: "nonce" } as AppLoadContext;
    await ensureCategory(ctx.db, "beauty", "美妆");
  });
  afterAll(async () => {
    await db?.close();
  });

  async function account(roles: Role[] = []) {
    const { user } = await createTestUser(ctx.db, { roles, now: ctx.clock.now() });
    const session = await createSession(ctx.db, { userId: user.id, now: ctx.clock.now() });
    return { user, cookie: sessionCookie(ctx, session).split(";")[0]! };
  }
  const get: ReturnType<typeof routeCaller>["get"] = (...args) => routeCaller(context).get(...args);
  const post: ReturnType<typeof routeCaller>["post"] = (...args) => routeCaller(context).post(...args);

  /** A ready image upload of `ownerId`, as the media context leaves it after sniffing. */
  async function readyImage(ownerId: string) {
    const now = ctx.clock.now();
    const id = crypto.randomUUID();
    await ctx.db.insert(uploads).values({
      id,
      ownerId,
      kind: "image",
      key: `u/${ownerId}/${id}.jpg`,
      declaredMime: "image/jpeg",
      declaredSize: 1000,
      mime: "image/jpeg",
      size: 1000,
      width: 600,
      height: 800,
      status: "ready",
      createdAt: now,
      completedAt: now,
      expiresAt: new Date(now.getTime() + 86_400_000),
    });
    return id;
  }
  const noteForm = async (ownerId: string, extra: Record<string, string> = {}) => ({
    title: "粉丝才看得到的妆容",
    body: "分步骤讲解",
    categorySlug: "beauty",
    mediaIds: await readyImage(ownerId),
    intent: "publish",
    ...extra,
  });
  const isFanOnly = async (postId: string) => (await ctx.db.select().from(fanOnlyPosts).where(eq(fanOnlyPosts.postId, postId))).length === 1;
  const postsBy = async (authorId: string) => ctx.db.select().from(posts).where(eq(posts.authorId, authorId));

  it("shows the box to creators only, on both forms", async () => {
    const creator = await account(["creator"]);
    const member = await account();
    expect(((await (await get(asRoute(publishPage), "/publish", creator.cookie)).json()) as { canFanOnly: boolean }).canFanOnly).toBe(true);
    expect(((await (await get(asRoute(publishPage), "/publish", member.cookie)).json()) as { canFanOnly: boolean }).canFanOnly).toBe(false);

    const creatorNote = await createNote(ctx.db, creator.user.id, { publishedAt: ctx.clock.now() });
    const memberNote = await createNote(ctx.db, member.user.id, { publishedAt: ctx.clock.now() });
    const edit = async (who: { cookie: string }, id: string) => ((await (await get(asRoute(editPage), `/n/${id}/edit`, who.cookie, { id })).json()) as { fanOnly: { checked: boolean } | null }).fanOnly;
    expect(await edit(creator, creatorNote.id)).toEqual({ checked: false });
    expect(await edit(member, memberNote.id)).toBeNull();
  });

  it("publishes a creator's note fan-only when the box is ticked, and as usual when it isn't", async () => {
    const creator = await account(["creator"]);
    const stranger = await account();
    const locked = await post(asRoute(publishPage), "/publish", creator.cookie, await noteForm(creator.user.id, { fanOnlyField: "1", fanOnly: "on" }));
    expect(locked.status).toBe(302);
    const lockedId = locked.headers.get("location")!.split("/").pop()!;
    expect(await isFanOnly(lockedId)).toBe(true);
    expect([...(await lockedPostIds(ctx.db, [lockedId], stranger.user.id))]).toEqual([lockedId]);

    const open = await post(asRoute(publishPage), "/publish", creator.cookie, await noteForm(creator.user.id, { fanOnlyField: "1" }));
    expect(open.status).toBe(302);
    expect(await isFanOnly(open.headers.get("location")!.split("/").pop()!)).toBe(false);
  });

  it("refuses the box from a member with 403 and makes no note; a bad note with the box is answered by field and marks nothing", async () => {
    const member = await account();
    expect((await thrown(post(asRoute(publishPage), "/publish", member.cookie, await noteForm(member.user.id, { fanOnlyField: "1", fanOnly: "on" })))).status).toBe(403);
    expect(await postsBy(member.user.id)).toHaveLength(0);

    const creator = await account(["creator"]);
    const bad = await post(asRoute(publishPage), "/publish", creator.cookie, await noteForm(creator.user.id, { title: " ", fanOnlyField: "1", fanOnly: "on" }));
    expect(bad.status).toBe(422);
    expect(await postsBy(creator.user.id)).toHaveLength(0);
    expect(await ctx.db.select().from(fanOnlyPosts).where(eq(fanOnlyPosts.creatorId, creator.user.id))).toHaveLength(0);
  });

  it("turns fan-only on and off from the edit form; a form without the box leaves it as it is", async () => {
    const creator = await account(["creator"]);
    const note = await createNote(ctx.db, creator.user.id, { publishedAt: ctx.clock.now(), categoryId: await ensureCategory(ctx.db, "beauty") });
    const mediaIds = await readyImage(creator.user.id);
    const form = (extra: Record<string, string>) => ({ title: note.title, body: "改过的正文", categorySlug: "beauty", mediaIds, intent: "save", ...extra });
    const edit = (extra: Record<string, string>) => post(asRoute(editPage), `/n/${note.id}/edit`, creator.cookie, form(extra), { id: note.id });

    expect((await edit({ fanOnlyField: "1", fanOnly: "on" })).status).toBe(302);
    expect(await isFanOnly(note.id)).toBe(true);
    const loaded = (await (await get(asRoute(editPage), `/n/${note.id}/edit`, creator.cookie, { id: note.id })).json()) as { fanOnly: { checked: boolean } };
    expect(loaded.fanOnly.checked).toBe(true);

    expect((await edit({})).status).toBe(302);
    expect(await isFanOnly(note.id)).toBe(true);
    expect((await edit({ fanOnlyField: "1" })).status).toBe(302);
    expect(await isFanOnly(note.id)).toBe(false);
  });

  it("refuses the box from a member editing their own note with 403, changing nothing", async () => {
    const member = await account();
    const note = await createNote(ctx.db, member.user.id, { publishedAt: ctx.clock.now(), categoryId: await ensureCategory(ctx.db, "beauty") });
    const res = await thrown(
      post(asRoute(editPage), `/n/${note.id}/edit`, member.cookie, { title: "改了标题", body: "", categorySlug: "beauty", intent: "save", fanOnlyField: "1", fanOnly: "on" }, { id: note.id }),
    );
    expect(res.status).toBe(403);
    const [row] = await ctx.db.select().from(posts).where(eq(posts.id, note.id));
    expect(row!.title).toBe(note.title);
    expect(await isFanOnly(note.id)).toBe(false);
  });
});
