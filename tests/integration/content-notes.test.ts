import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categories, favorites, follows, likes, outboxEvents, posts, topics, uploads, userStats, type Role } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { hotScore, loadPostCards, type PostDetail } from "../../server/content";
import { createAccessToken, type CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, testIp, uniqueHandle } from "../factories/users";
import { services } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };
type Member = { user: CurrentUser; token: string };
const DAY_MS = 24 * 60 * 60 * 1000;

describe("/api/v1 notes: create, read, edit, publish, delete", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock(new Date());

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
    server = await startTestServer(db, { clock, env: { REDIS_URL: services().redisUrl ?? undefined } });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  /** A member with an API token; accounts are two days old unless `young` (the stricter posting limit). */
  const member = async (options: { young?: boolean; roles?: Role[]; handle?: string } = {}): Promise<Member> => {
    const now = options.young ? clock.now() : new Date(clock.now().getTime() - 2 * DAY_MS);
    const { user } = await createTestUser(db.handle.db, { now, roles: options.roles ?? [], handle: options.handle ?? uniqueHandle("n") });
    const { token } = await createAccessToken(server.ctx, user.id, { name: "test" });
    return { user, token };
  };

  const api = (path: string, init: { method?: string; json?: unknown; as?: Member | null } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? (init.json !== undefined ? "POST" : "GET"),
      headers: {
        "x-forwarded-for": testIp(),
        "accept-language": "en",
        ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });

  /** Ready uploads owned by `ownerId`, as the media context leaves them after sniffing. */
  const readyUploads = async (ownerId: string, count: number, kind: "image" | "video" = "image") => {
    const now = clock.now();
    const rows = await db.handle.db
      .insert(uploads)
      .values(
        Array.from({ length: count }, () => {
          const id = crypto.randomUUID();
          return {
            id,
            ownerId,
            kind,
            key: `u/${ownerId}/${id}.${kind === "image" ? "jpg" : "mp4"}`,
            declaredMime: kind === "image" ? "image/jpeg" : "video/mp4",
            declaredSize: 1000,
            mime: kind === "image" ? "image/jpeg" : "video/mp4",
            size: 1000,
            width: 600,
            height: 800,
            status: "ready" as const,
            createdAt: now,
            completedAt: now,
            expiresAt: new Date(now.getTime() + DAY_MS),
          };
        }),
      )
      .returning({ id: uploads.id });
    return rows.map((r) => r.id);
  };

  const createNote = async (author: Member, overrides: Record<string, unknown> = {}) => {
    const res = await api("/posts", {
      as: author,
      json: { title: "夏天的平价防晒", body: "清爽不油 #防晒", categorySlug: "beauty", mediaIds: await readyUploads(author.user.id, 1), ...overrides },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { post: PostDetail }).post;
  };

  const count = async (query: ReturnType<typeof sql>) => {
    const result = await db.handle.db.execute<{ n: string }>(query);
    const rows = Array.isArray(result) ? result : (result as unknown as { rows: { n: string }[] }).rows;
    return Number(rows[0]!.n);
  };
  const rowCounts = async () => ({
    posts: await count(sql`select count(*) as n from posts`),
    media: await count(sql`select count(*) as n from post_media`),
    topics: await count(sql`select count(*) as n from post_topics`),
    events: await count(sql`select count(*) as n from outbox_events`),
  });
  const eventsOf = async (type: string, postId: string) =>
    count(sql`select count(*) as n from outbox_events where type = ${type} and payload->>'postId' = ${postId}`);
  const postCountOf = async (userId: string) =>
    (await db.handle.db.select({ n: userStats.postCount }).from(userStats).where(eq(userStats.userId, userId)))[0]?.n ?? 0;
  const topicCount = async (name: string) =>
    (await db.handle.db.select({ n: topics.postCount }).from(topics).where(sql`lower(${topics.name}) = lower(${name})`))[0]?.n ?? 0;

  describe("categories", () => {
    it("lists the eight default verticals on a fresh install, in order", async () => {
      const res = await api("/categories");
      expect(res.status).toBe(200);
      const { categories: list } = (await res.json()) as { categories: { slug: string; nameZh: string }[] };
      expect(list.map((c) => c.nameZh)).toEqual(["美妆", "美食", "数码", "家居", "穿搭", "母婴", "运动", "旅行"]);
    });

    it("lets staff add, rename, reorder and retire a category, and nobody else", async () => {
      const staff = await member({ roles: ["staff"] });
      const someone = await member();
      const slug = `pets${crypto.randomBytes(2).toString("hex")}`;
      expect((await api("/categories", { as: someone, json: { slug, nameZh: "萌宠", nameEn: "Pets" } })).status).toBe(403);
      expect((await api("/categories", { json: { slug, nameZh: "萌宠", nameEn: "Pets" } })).status).toBe(401);

      const created = await api("/categories", { as: staff, json: { slug, nameZh: "萌宠", nameEn: "Pets" } });
      expect(created.status).toBe(201);
      const { category } = (await created.json()) as { category: { id: string; position: number } };
      expect(category.position).toBeGreaterThan(80);
      expect((await api("/categories", { as: staff, json: { slug, nameZh: "又一个", nameEn: "Again" } })).status).toBe(409);

      const renamed = await api(`/categories/${category.id}`, { as: staff, method: "PATCH", json: { nameZh: "宠物", position: 1 } });
      expect(renamed.status).toBe(200);
      expect((await api(`/categories/${category.id}`, { as: someone, method: "PATCH", json: { nameZh: "x" } })).status).toBe(403);
      let list = ((await (await api("/categories")).json()) as { categories: { slug: string; nameZh: string }[] }).categories;
      expect(list[0]).toMatchObject({ slug, nameZh: "宠物" });

      expect((await api(`/categories/${category.id}`, { as: staff, method: "PATCH", json: { isActive: false } })).status).toBe(200);
      list = ((await (await api("/categories")).json()) as { categories: { slug: string; nameZh: string }[] }).categories;
      expect(list.map((c) => c.slug)).not.toContain(slug);
      const all = (await (await api("/categories?includeInactive=true", { as: staff })).json()) as { categories: { slug: string }[] };
      expect(all.categories.map((c) => c.slug)).toContain(slug);
      expect((await api("/categories?includeInactive=true", { as: someone })).status).toBe(403);

      // A retired category takes no new notes.
      const author = await member();
      const res = await api("/posts", { as: author, json: { title: "猫粮", categorySlug: slug, mediaIds: await readyUploads(author.user.id, 1) } });
      expect(res.status).toBe(422);
      expect(((await res.json()) as ApiError).error.fields?.categorySlug).toEqual(["Choose one of the listed categories."]);
    });
  });

  describe("creating a note", () => {
    it("publishes it with its images, topics and mentions, and counts it once", async () => {
      const author = await member();
      const friend = await member({ handle: uniqueHandle("friend") });
      const mediaIds = await readyUploads(author.user.id, 3);
      const res = await api("/posts", {
        as: author,
        json: {
          title: "  一周通勤穿搭  ",
          body: `周一到周五不重样 #通勤穿搭 #OOTD 感谢 @${friend.user.handle} 的建议，@nobody_here 也来看`,
          categorySlug: "fashion",
          mediaIds,
        },
      });
      expect(res.status).toBe(201);
      const { post } = (await res.json()) as { post: PostDetail };
      expect(post).toMatchObject({
        title: "一周通勤穿搭",
        status: "published",
        mediaKind: "images",
        category: { slug: "fashion", nameZh: "穿搭" },
        author: { id: author.user.id, handle: author.user.handle, followedByMe: false },
        canEdit: true,
        moderation: null,
        likeCount: 0,
        products: [],
      });
      expect(post.media.map((m) => m.uploadId)).toEqual(mediaIds);
      expect(post.cover?.uploadId).toBe(mediaIds[0]);
      expect(post.topics.sort()).toEqual(["OOTD", "通勤穿搭"]);
      expect(post.bodyTokens).toContainEqual({ type: "topic", name: "通勤穿搭" });
      expect(post.bodyTokens).toContainEqual({ type: "mention", handle: friend.user.handle, userId: friend.user.id });
      // A handle nobody has stays a mention without a user: the page shows it as text.
      expect(post.bodyTokens).toContainEqual({ type: "mention", handle: "nobody_here", userId: null });
      expect(post.publishedAt).toBe(clock.now().toISOString());

      expect(await postCountOf(author.user.id)).toBe(1);
      expect(await topicCount("通勤穿搭")).toBe(1);
      const [event] = await db.handle.db
        .select({ payload: outboxEvents.payload })
        .from(outboxEvents)
        .where(and(eq(outboxEvents.type, "content.post.published"), sql`${outboxEvents.payload}->>'postId' = ${post.id}`));
      expect(event!.payload).toMatchObject({
        postId: post.id,
        authorId: author.user.id,
        title: "一周通勤穿搭",
        mentionedUserIds: [friend.user.id],
      });
      expect((event!.payload.topicNames as string[]).sort()).toEqual(["OOTD", "通勤穿搭"]);
    });

    it("takes exactly one video as a note's media", async () => {
      const author = await member();
      const post = await createNote(author, { mediaIds: await readyUploads(author.user.id, 1, "video") });
      expect(post.mediaKind).toBe("video");
      expect(post.media).toHaveLength(1);
      expect(post.media[0]!.kind).toBe("video");
    });

    it("keeps <script> and javascript: payloads as plain text", async () => {
      const author = await member();
      const post = await createNote(author, {
        title: "<script>alert(1)</script>",
        body: 'javascript:alert(1) <img src=x onerror="alert(1)"> <script>alert(1)</script>',
      });
      expect(post.title).toBe("<script>alert(1)</script>");
      expect(post.bodyTokens).toEqual([{ type: "text", text: 'javascript:alert(1) <img src=x onerror="alert(1)"> <script>alert(1)</script>' }]);
      const again = (await (await api(`/posts/${post.id}`)).json()) as { post: PostDetail };
      expect(again.post.title).toBe("<script>alert(1)</script>");
    });

    describe("refuses bad input with field messages and stores nothing", () => {
      const cases: [string, (m: Member, own: string[], other: string[]) => Record<string, unknown>, string][] = [
        ["10 images", (_m, own) => ({ mediaIds: own }), "mediaIds"],
        ["an empty title", (_m, own) => ({ title: "   ", mediaIds: own.slice(0, 1) }), "title"],
        ["a 51-character title", (_m, own) => ({ title: "好".repeat(51), mediaIds: own.slice(0, 1) }), "title"],
        ["a 10,000-character body", (_m, own) => ({ body: "长".repeat(10_000), mediaIds: own.slice(0, 1) }), "body"],
        ["an unknown category", (_m, own) => ({ categorySlug: "no-such-vertical", mediaIds: own.slice(0, 1) }), "categorySlug"],
        ["someone else's upload", (_m, _own, other) => ({ mediaIds: other }), "mediaIds"],
        ["no media when publishing", () => ({ mediaIds: [] }), "mediaIds"],
        ["a title of the wrong type", (_m, own) => ({ title: 123, mediaIds: own.slice(0, 1) }), "title"],
        ["media ids that are not a list", () => ({ mediaIds: "abc" }), "mediaIds"],
        ["publish that is not a boolean", (_m, own) => ({ publish: "yes", mediaIds: own.slice(0, 1) }), "publish"],
        ["an unknown field", (_m, own) => ({ html: "<b>x</b>", mediaIds: own.slice(0, 1) }), "html"],
      ];
      for (const [name, build, field] of cases) {
        it(name, async () => {
          const author = await member();
          const stranger = await member();
          const own = await readyUploads(author.user.id, 10);
          const other = await readyUploads(stranger.user.id, 1);
          const before = await rowCounts();
          const res = await api("/posts", {
            as: author,
            json: { title: "标题", body: "正文", categorySlug: "food", ...build(author, own, other) },
          });
          expect(res.status).toBe(422);
          const body = (await res.json()) as ApiError;
          expect(body.error.code).toBe("VALIDATION_FAILED");
          expect(body.error.fields?.[field]?.length, JSON.stringify(body.error)).toBeGreaterThan(0);
          expect(await rowCounts()).toEqual(before);
        });
      }

      it("images mixed with a video", async () => {
        const author = await member();
        const before = await rowCounts();
        const mediaIds = [...(await readyUploads(author.user.id, 1)), ...(await readyUploads(author.user.id, 1, "video"))];
        const res = await api("/posts", { as: author, json: { title: "混合", categorySlug: "food", mediaIds } });
        expect(res.status).toBe(422);
        expect(((await res.json()) as ApiError).error.fields?.mediaIds).toEqual(["Add 1 to 9 images or one video."]);
        expect(await rowCounts()).toEqual(before);
      });
    });

    it("limits new accounts to 3 notes an hour and says when to retry", async () => {
      const author = await member({ young: true });
      for (let i = 0; i < 3; i++) await createNote(author, { publish: false, mediaIds: [] });
      const before = await rowCounts();
      const res = await api("/posts", { as: author, json: { title: "第四篇", publish: false } });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await rowCounts()).toEqual(before);
      // An older account still has room at the fourth note.
      const older = await member();
      for (let i = 0; i < 4; i++) await createNote(older, { publish: false, mediaIds: [] });
    });
  });

  describe("drafts and visibility", () => {
    it("keeps a draft to its author (and staff) until it is published", async () => {
      const author = await member();
      const other = await member();
      const staff = await member({ roles: ["staff"] });
      const draft = await createNote(author, { publish: false, mediaIds: [], categorySlug: undefined });
      expect(draft.status).toBe("draft");
      expect(draft.publishedAt).toBeNull();
      expect(await eventsOf("content.post.published", draft.id)).toBe(0);
      expect(await postCountOf(author.user.id)).toBe(0);

      expect((await api(`/posts/${draft.id}`)).status).toBe(404);
      expect((await api(`/posts/${draft.id}`, { as: other })).status).toBe(404);
      expect((await api(`/posts/${draft.id}`, { as: author })).status).toBe(200);
      expect((await api(`/posts/${draft.id}`, { as: staff })).status).toBe(200);
      expect(await loadPostCards(server.ctx, [draft.id], other.user.id)).toEqual([]);
      expect(await loadPostCards(server.ctx, [draft.id], null)).toEqual([]);
      expect((await loadPostCards(server.ctx, [draft.id], author.user.id)).map((c) => c.id)).toEqual([draft.id]);
      expect((await loadPostCards(server.ctx, [draft.id], staff.user.id)).map((c) => c.id)).toEqual([draft.id]);

      // Publishing an incomplete draft names what is missing.
      const incomplete = await api(`/posts/${draft.id}/publish`, { as: author, method: "POST" });
      expect(incomplete.status).toBe(422);
      expect(Object.keys(((await incomplete.json()) as ApiError).error.fields ?? {}).sort()).toEqual(["categorySlug", "mediaIds"]);

      const mediaIds = await readyUploads(author.user.id, 2);
      expect((await api(`/posts/${draft.id}`, { as: author, method: "PATCH", json: { categorySlug: "home", mediaIds } })).status).toBe(200);
      expect((await api(`/posts/${draft.id}/publish`, { as: other, method: "POST" })).status).toBe(404);
      const published = await api(`/posts/${draft.id}/publish`, { as: author, method: "POST" });
      expect(published.status).toBe(200);
      expect(((await published.json()) as { post: PostDetail }).post).toMatchObject({ status: "published", publishedAt: clock.now().toISOString() });
      expect((await api(`/posts/${draft.id}`)).status).toBe(200);
      expect(await eventsOf("content.post.published", draft.id)).toBe(1);
      // It ranks in 热门 at once, with the score of a note of its age, before the score job next runs.
      const [scored] = await server.ctx.db.select({ hot: posts.hotScore }).from(posts).where(eq(posts.id, draft.id));
      expect(scored!.hot).toBeCloseTo(hotScore({ likes: 0, favorites: 0, comments: 0, shares: 0 }, 0), 9);
      expect(scored!.hot).toBeGreaterThan(0);
      // Publishing again changes nothing.
      expect((await api(`/posts/${draft.id}/publish`, { as: author, method: "POST" })).status).toBe(200);
      expect(await eventsOf("content.post.published", draft.id)).toBe(1);
      expect(await postCountOf(author.user.id)).toBe(1);
    });

    it("answers 404 for ids that don't exist or aren't ids", async () => {
      expect((await api(`/posts/${crypto.randomUUID()}`)).status).toBe(404);
      expect((await api(`/posts/not-an-id`)).status).toBe(422);
    });
  });

  it("shows each reader whether they liked and favourited a note and follow its author", async () => {
    const author = await member();
    const reader = await member();
    const post = await createNote(author);
    const now = clock.now();
    await db.handle.db.insert(likes).values({ userId: reader.user.id, postId: post.id, createdAt: now });
    await db.handle.db.insert(favorites).values({ userId: reader.user.id, postId: post.id, createdAt: now });
    await db.handle.db.insert(follows).values({ followerId: reader.user.id, followeeId: author.user.id, createdAt: now });
    const [card] = await loadPostCards(server.ctx, [post.id], reader.user.id);
    expect(card!.liked).toBe(true);
    expect((await loadPostCards(server.ctx, [post.id], author.user.id))[0]!.liked).toBe(false);
    const view = ((await (await api(`/posts/${post.id}`, { as: reader })).json()) as { post: PostDetail }).post;
    expect(view).toMatchObject({ liked: true, favorited: true, author: { followedByMe: true } });
    const anon = ((await (await api(`/posts/${post.id}`)).json()) as { post: PostDetail }).post;
    expect(anon).toMatchObject({ liked: false, favorited: false, author: { followedByMe: false } });
  });

  describe("editing and deleting", () => {
    it("lets nobody but the author edit or delete a note, and leaves it unchanged", async () => {
      const author = await member();
      const other = await member();
      const staff = await member({ roles: ["staff"] });
      const post = await createNote(author);
      const draft = await createNote(author, { publish: false });

      for (const who of [other, staff]) {
        expect((await api(`/posts/${post.id}`, { as: who, method: "PATCH", json: { title: "被改了" } })).status).toBe(403);
        expect((await api(`/posts/${post.id}`, { as: who, method: "DELETE" })).status).toBe(403);
      }
      // Someone else's draft doesn't even exist for them.
      expect((await api(`/posts/${draft.id}`, { as: other, method: "PATCH", json: { title: "被改了" } })).status).toBe(404);
      expect((await api(`/posts/${draft.id}`, { as: other, method: "DELETE" })).status).toBe(404);
      expect((await api(`/posts/${post.id}`, { method: "PATCH", json: { title: "被改了" } })).status).toBe(401);
      expect((await api(`/posts/${post.id}`, { method: "DELETE" })).status).toBe(401);

      const [row] = await db.handle.db.select().from(posts).where(eq(posts.id, post.id));
      expect(row).toMatchObject({ title: post.title, status: "published", deletedAt: null });
      const [draftRow] = await db.handle.db.select().from(posts).where(eq(posts.id, draft.id));
      expect(draftRow).toMatchObject({ title: draft.title, status: "draft" });
    });

    it("edits the title, body and topics of a published note and moves the topic counts", async () => {
      const author = await member();
      const post = await createNote(author, { body: "#早餐打卡 好吃" });
      expect(await topicCount("早餐打卡")).toBe(1);
      const res = await api(`/posts/${post.id}`, { as: author, method: "PATCH", json: { title: "改过的标题", body: "#午餐打卡 也好吃" } });
      expect(res.status).toBe(200);
      const { post: edited } = (await res.json()) as { post: PostDetail };
      expect(edited).toMatchObject({ title: "改过的标题", status: "published", topics: ["午餐打卡"] });
      expect(await topicCount("早餐打卡")).toBe(0);
      expect(await topicCount("午餐打卡")).toBe(1);
      expect(await eventsOf("content.post.updated", post.id)).toBe(1);
      expect(await postCountOf(author.user.id)).toBe(1);

      // A published note can't lose its last image.
      const bad = await api(`/posts/${post.id}`, { as: author, method: "PATCH", json: { mediaIds: [] } });
      expect(bad.status).toBe(422);
      expect((await api(`/posts/${post.id}`, { as: author, method: "PATCH", json: {} })).status).toBe(422);
      expect((await api(`/posts/${post.id}`, { as: author, method: "PATCH", json: { title: "x".repeat(51) } })).status).toBe(422);
    });

    it("soft-deletes: the note disappears for everyone but staff and stops counting", async () => {
      const author = await member();
      const staff = await member({ roles: ["staff"] });
      const post = await createNote(author, { body: "#删除测试话题" });
      expect(await postCountOf(author.user.id)).toBe(1);

      const res = await api(`/posts/${post.id}`, { as: author, method: "DELETE" });
      expect(res.status).toBe(204);
      const [row] = await db.handle.db.select().from(posts).where(eq(posts.id, post.id));
      expect(row!.status).toBe("deleted");
      expect(row!.deletedAt?.toISOString()).toBe(clock.now().toISOString());
      expect(await postCountOf(author.user.id)).toBe(0);
      expect(await topicCount("删除测试话题")).toBe(0);
      expect(await eventsOf("content.post.deleted", post.id)).toBe(1);

      expect((await api(`/posts/${post.id}`, { as: author })).status).toBe(404);
      expect((await api(`/posts/${post.id}`)).status).toBe(404);
      expect((await api(`/posts/${post.id}`, { as: staff })).status).toBe(200);
      expect(await loadPostCards(server.ctx, [post.id], author.user.id)).toEqual([]);
      expect((await api(`/posts/${post.id}`, { as: author, method: "DELETE" })).status).toBe(404);
      expect(await eventsOf("content.post.deleted", post.id)).toBe(1);
    });
  });

  describe("featuring", () => {
    it("lets staff feature a published note once, and nobody else", async () => {
      const author = await member();
      const staff = await member({ roles: ["staff"] });
      const post = await createNote(author);
      expect((await api(`/posts/${post.id}/feature`, { as: author, method: "POST" })).status).toBe(403);
      const res = await api(`/posts/${post.id}/feature`, { as: staff, method: "POST" });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { featuredAt: string }).featuredAt).toBe(clock.now().toISOString());
      expect((await api(`/posts/${post.id}/feature`, { as: staff, method: "POST" })).status).toBe(200);
      expect(await eventsOf("content.post.featured", post.id)).toBe(1);
      const [row] = await db.handle.db.select({ featuredBy: posts.featuredBy }).from(posts).where(eq(posts.id, post.id));
      expect(row!.featuredBy).toBe(staff.user.id);

      expect((await api(`/posts/${post.id}/feature`, { as: staff, method: "DELETE" })).status).toBe(204);
      const [after] = await db.handle.db.select({ featuredAt: posts.featuredAt }).from(posts).where(eq(posts.id, post.id));
      expect(after!.featuredAt).toBeNull();

      const draft = await createNote(author, { publish: false });
      expect((await api(`/posts/${draft.id}/feature`, { as: staff, method: "POST" })).status).toBe(404);
    });
  });

  it("keeps the default categories when a staff member renamed one and the server starts again", async () => {
    await db.handle.db.update(categories).set({ nameZh: "美味" }).where(eq(categories.slug, "food"));
    const { ensureDefaultCategories } = await import("../../server/content");
    await ensureDefaultCategories(db.handle.db, clock.now());
    const rows = await db.handle.db.select().from(categories).where(and(eq(categories.slug, "food")));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.nameZh).toBe("美味");
    await db.handle.db.update(categories).set({ nameZh: "美食" }).where(eq(categories.slug, "food"));
  });
});
