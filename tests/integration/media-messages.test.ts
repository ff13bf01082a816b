import type { AppLoadContext } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as publishPage from "../../app/routes/publish";
import { posts, uploads } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import type { CurrentUser } from "../../server/identity";
import { asRoute, routeCaller } from "../factories/routes";
import { createTestUser, logInAs } from "../factories/users";
import { mp4Bytes, pngBytes } from "../fixtures/media/generate";
import { services } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };
type Created = { upload: { id: string; key: string }; uploadUrl: string; headers: Record<string, string> };
type Lang = "zh-CN" | "en";

const s = services();

/**
 * Why a file was refused, in the reader's language: Simplified Chinese for a Chinese client (and on
 * the publish page, whose language is Chinese unless the member chose English), English for English.
 */
describe("media refusals speak the uploader's language", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db, { env: { REDIS_URL: s.redisUrl ?? undefined } });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  const member = async (locale: Lang = "zh-CN") => {
    const { user } = await createTestUser(db.handle.db, { locale });
    return { user, cookie: (await logInAs(server.url, user.handle)).cookie };
  };
  const api = (path: string, who: { cookie: string }, lang: Lang, json: unknown = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: "POST",
      headers: { cookie: who.cookie, "accept-language": lang, "content-type": "application/json" },
      body: JSON.stringify(json),
    });
  const errorOf = async (res: Response) => ((await res.json()) as ApiError).error;
  const countUploads = async (ownerId: string) =>
    Number((await db.handle.db.select({ n: sql<number>`count(*)` }).from(uploads).where(eq(uploads.ownerId, ownerId)))[0]!.n);
  const start = async (who: { cookie: string }, declared: { kind: string; contentType: string; size: number }) => {
    const res = await api("/uploads", who, "zh-CN", declared);
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as Created;
  };
  const put = (created: Created, body: Buffer, lang: Lang) =>
    fetch(created.uploadUrl, { method: "PUT", headers: { ...created.headers, "accept-language": lang }, body } as RequestInit);

  it("a file of the wrong type: Chinese for a Chinese client, English for an English one, and nothing kept", async () => {
    const who = await member();
    const cases: [Lang, string, string][] = [
      ["zh-CN", "图片仅支持 JPEG、PNG、WebP、GIF 或 AVIF 格式。", "视频仅支持 MP4、MOV 或 WebM 格式。"],
      ["en", "Images must be JPEG, PNG, WebP, GIF or AVIF.", "Videos must be MP4, MOV or WebM."],
    ];
    for (const [lang, image, video] of cases) {
      const pdf = await api("/uploads", who, lang, { kind: "image", contentType: "application/pdf", size: 1000 });
      expect(pdf.status).toBe(422);
      expect((await errorOf(pdf)).fields?.contentType).toEqual([image]);
      const png = await api("/uploads", who, lang, { kind: "video", contentType: "image/png", size: 1000 });
      expect((await errorOf(png)).fields?.contentType).toEqual([video]);
    }
    expect(await countUploads(who.user.id)).toBe(0);

    // A PNG sent as a video gets through the declaration; its bytes give it away on completion.
    for (const [lang, message] of [
      ["zh-CN", "该文件是图片，不是视频。"],
      ["en", "This file is a picture, not a video."],
    ] as const) {
      const created = await start(who, { kind: "video", contentType: "video/mp4", size: (await pngBytes(64, 64)).length });
      expect((await put(created, await pngBytes(64, 64), lang)).status).toBe(200);
      const res = await api(`/uploads/${created.upload.id}/complete`, who, lang);
      expect(res.status).toBe(415);
      expect((await errorOf(res)).fields?.file).toEqual([message]);
      expect(await server.storage.head(created.upload.key)).toBeNull();
    }
  });

  it("a file that is too large: Chinese for a Chinese client, English for an English one, and nothing kept", async () => {
    const who = await member();
    for (const [lang, image, video, avatar] of [
      ["zh-CN", "图片不能超过 10 MB。", "视频不能超过 100 MB。", "头像不能超过 5 MB。"],
      ["en", "Images can be at most 10 MB.", "Videos can be at most 100 MB.", "Avatars can be at most 5 MB."],
    ] as const) {
      for (const [kind, contentType, size, message] of [
        ["image", "image/jpeg", 10 * 1024 * 1024 + 1, image],
        ["video", "video/mp4", 100 * 1024 * 1024 + 1, video],
        ["avatar", "image/png", 5 * 1024 * 1024 + 1, avatar],
      ] as const) {
        const res = await api("/uploads", who, lang, { kind, contentType, size });
        expect(res.status).toBe(422);
        expect((await errorOf(res)).fields?.size).toEqual([message]);
      }
    }
    expect(await countUploads(who.user.id)).toBe(0);

    // More bytes than declared are refused by the upload URL itself, in the same language.
    for (const [lang, message] of [
      ["zh-CN", "文件比开始上传时声明的更大。"],
      ["en", "The file is larger than the size declared when the upload started."],
    ] as const) {
      const created = await start(who, { kind: "video", contentType: "video/mp4", size: 1000 });
      const res = await put(created, mp4Bytes(4000), lang);
      expect(res.status).toBe(413);
      expect((await errorOf(res)).fields?.size).toEqual([message]);
      expect(await server.storage.head(created.upload.key)).toBeNull();
    }
  });

  it("a picture that cannot be decoded and a start past the rate limit are explained in Chinese too", async () => {
    const who = await member();
    const broken = (await pngBytes(300, 300)).subarray(0, 120);
    const created = await start(who, { kind: "image", contentType: "image/png", size: broken.length });
    expect((await put(created, broken, "zh-CN")).status).toBe(200);
    const res = await api(`/uploads/${created.upload.id}/complete`, who, "zh-CN");
    expect(res.status).toBe(422);
    expect((await errorOf(res)).fields?.file).toEqual(["无法读取该图片，文件可能已损坏。"]);
    // Completing it again says it was refused, rather than trying again.
    const again = await api(`/uploads/${created.upload.id}/complete`, who, "en");
    expect(again.status).toBe(409);
    expect((await errorOf(again)).fields?.file).toEqual(["This file was refused. Upload it again."]);

    // 60 starts in ten minutes are allowed; the one after is told to wait, in Chinese.
    let last: Response | undefined;
    for (let i = 0; i < 61; i++) last = await api("/uploads", who, "zh-CN", { kind: "image", contentType: "image/png", size: 100 });
    expect(last!.status).toBe(429);
    expect((await errorOf(last!)).message).toMatch(/^尝试次数过多，请 \d+ 秒后再试。$/);
  });

  describe("on the publish page", () => {
    const page = () => routeCaller({ ...server.ctx, requestId: "test", cspNonce: "nonce" } as unknown as AppLoadContext);
    const pendingImage = async (owner: CurrentUser) => {
      const now = new Date();
      const id = crypto.randomUUID();
      await db.handle.db.insert(uploads).values({
        id,
        ownerId: owner.id,
        kind: "image",
        key: `u/${owner.id}/${id}/original`,
        declaredMime: "image/png",
        declaredSize: 1000,
        status: "pending",
        createdAt: now,
        expiresAt: new Date(now.getTime() + 3_600_000),
      });
      return id;
    };

    it("a note posted before its picture finished uploading is refused in Chinese, or in English for a member who chose it", async () => {
      for (const [locale, message] of [
        ["zh-CN", "部分文件还没有上传完成。"],
        ["en", "Some files have not finished uploading."],
      ] as const) {
        const who = await member(locale);
        const form = { title: "早午餐", body: "", categorySlug: "food", mediaIds: await pendingImage(who.user), intent: "publish" };
        const res = await page().post(asRoute(publishPage), "/publish", who.cookie, form);
        expect(res.status).toBe(422);
        const { result } = (await res.json()) as { result: { error?: Record<string, string[] | null> } };
        expect(result.error?.mediaIds).toEqual([message]);
        expect(await db.handle.db.select().from(posts).where(eq(posts.authorId, who.user.id))).toHaveLength(0);
      }
    });
  });
});
