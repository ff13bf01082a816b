import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts, users, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import type { PostCard, Profile } from "../../server/content";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";
import { createNote } from "./feeds-fixtures";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };
type Member = { user: CurrentUser; token: string };
type Page = { items: PostCard[]; nextCursor: string | null };
const HOUR = 60 * 60 * 1000;

describe("/api/v1 feeds, profiles and favourites", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock(new Date());
  let owner: Member;
  let visitor: Member;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
    server = await startTestServer(db, { clock });
    owner = await member();
    visitor = await member();
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  async function member(options: { roles?: Role[] } = {}): Promise<Member> {
    const { user } = await createTestUser(db.handle.db, { now: new Date(clock.now().getTime() - 48 * HOUR), roles: options.roles ?? [], handle: uniqueHandle("f") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    return { user, token };
  }

  const api = (path: string, init: { method?: string; as?: Member | null } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? "GET",
      headers: { "x-forwarded-for": testIp(), "accept-language": "en", ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}) },
    });
  const at = (hoursAgo: number) => new Date(clock.now().getTime() - hoursAgo * HOUR);

  it("serves feed pages with cursors over HTTP and rejects bad cursors and parameters with field messages", async () => {
    for (let i = 0; i < 5; i++) await createNote(db.handle.db, owner.user.id, { publishedAt: at(i) });
    const first = (await (await api("/feed?tab=latest&limit=3")).json()) as Page;
    expect(first.items).toHaveLength(3);
    expect(first.items[0]).toMatchObject({ author: { id: owner.user.id }, liked: false, status: "published" });
    const second = (await (await api(`/feed?tab=latest&limit=3&cursor=${first.nextCursor}`)).json()) as Page;
    expect(second.items.map((i) => i.id)).not.toContain(first.items[0]!.id);

    for (const query of ["tab=latest&cursor=%%%", `tab=hot&cursor=${first.nextCursor}`, "tab=sideways", "limit=51", "limit=abc", "colour=red"]) {
      const res = await api(`/feed?${query}`);
      expect(res.status, query).toBe(422);
      expect(Object.keys(((await res.json()) as ApiError).error.fields ?? {}).length, query).toBeGreaterThan(0);
    }
    expect((await api("/feed?category=no-such-vertical")).status).toBe(404);
    const following = (await (await api("/feed?tab=following")).json()) as Page;
    expect(following).toEqual({ items: [], nextCursor: null });
    const recommended = (await (await api("/feed", { as: visitor })).json()) as Page;
    expect(recommended.items.length).toBeGreaterThan(0);
  });

  it("shows a profile with follower, following, note and likes-and-favourites counts", async () => {
    const star = await member();
    const note = await createNote(db.handle.db, star.user.id, { publishedAt: at(1) });
    await createNote(db.handle.db, star.user.id, { status: "draft" });
    await api(`/posts/${note.id}/like`, { method: "POST", as: visitor });
    await api(`/posts/${note.id}/favorite`, { method: "POST", as: visitor });
    await api(`/posts/${note.id}/like`, { method: "POST", as: owner });
    await api(`/users/${star.user.id}/follow`, { method: "POST", as: visitor });
    await api(`/users/${owner.user.id}/follow`, { method: "POST", as: star });

    const res = await api(`/profiles/${star.user.handle.toUpperCase()}`, { as: visitor });
    expect(res.status).toBe(200);
    const profile = (await res.json()) as Profile;
    expect(profile.user).toMatchObject({ id: star.user.id, handle: star.user.handle });
    expect(profile.stats).toEqual({ followers: 1, following: 1, posts: 1, likesAndFavoritesReceived: 3 });
    expect(profile).toMatchObject({ followedByMe: true, isMe: false });
    const mine = (await (await api(`/profiles/${star.user.handle}`, { as: star })).json()) as Profile;
    expect(mine).toMatchObject({ followedByMe: false, isMe: true });

    expect((await api(`/profiles/nobody_here_at_all`)).status).toBe(404);
    await db.handle.db.update(users).set({ status: "suspended" }).where(eq(users.id, star.user.id));
    expect((await api(`/profiles/${star.user.handle}`)).status).toBe(404);
  });

  it("shows the owner their drafts and held notes with status; others see only published notes", async () => {
    const writer = await member();
    const published = await createNote(db.handle.db, writer.user.id, { publishedAt: at(3) });
    const draft = await createNote(db.handle.db, writer.user.id, { status: "draft", createdAt: at(1) });
    const held = await createNote(db.handle.db, writer.user.id, { status: "held", publishedAt: at(2) });
    const hidden = await createNote(db.handle.db, writer.user.id, { status: "hidden", publishedAt: at(4) });
    const deleted = await createNote(db.handle.db, writer.user.id, { status: "deleted", publishedAt: at(5) });

    const own = (await (await api(`/users/${writer.user.id}/posts`, { as: writer })).json()) as Page;
    expect(own.items.map((i) => [i.id, i.status])).toEqual([
      [draft.id, "draft"],
      [held.id, "held"],
      [published.id, "published"],
      [hidden.id, "hidden"],
    ]);
    for (const viewer of [visitor, null]) {
      const theirs = (await (await api(`/users/${writer.user.id}/posts`, { as: viewer })).json()) as Page;
      expect(theirs.items.map((i) => i.id)).toEqual([published.id]);
    }
    expect(own.items.map((i) => i.id)).not.toContain(deleted.id);

    // Paging the owner's grid one by one visits each once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await api(`/users/${writer.user.id}/posts?limit=1${cursor ? `&cursor=${cursor}` : ""}`, { as: writer })).json()) as Page;
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(own.items.map((i) => i.id));
  });

  it("keeps favourites private: 403 for another member, 401 for a visitor, the list for the owner", async () => {
    const saver = await member();
    const a = await createNote(db.handle.db, owner.user.id, { publishedAt: at(10) });
    const b = await createNote(db.handle.db, owner.user.id, { publishedAt: at(11) });
    clock.advance(1000);
    await api(`/posts/${a.id}/favorite`, { method: "POST", as: saver });
    clock.advance(1000);
    await api(`/posts/${b.id}/favorite`, { method: "POST", as: saver });

    const res = await api(`/users/${saver.user.id}/favorites`, { as: visitor });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ApiError).error.code).toBe("FORBIDDEN");
    expect((await api(`/users/${saver.user.id}/favorites`)).status).toBe(401);
    const mine = (await (await api(`/users/${saver.user.id}/favorites`, { as: saver })).json()) as Page;
    expect(mine.items.map((i) => i.id)).toEqual([b.id, a.id]);

    // A favourited note staff hid since drops out.
    await db.handle.db.update(posts).set({ status: "hidden" }).where(eq(posts.id, b.id));
    const after = (await (await api(`/users/${saver.user.id}/favorites`, { as: saver })).json()) as Page;
    expect(after.items.map((i) => i.id)).toEqual([a.id]);
  });
});
