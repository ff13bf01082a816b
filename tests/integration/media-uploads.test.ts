import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploads, users } from "../../db/schema";
import { renderImage } from "../../db/seed/content/images";
import { COVER_VARIANTS, storeRenderedUpload } from "../../db/seed/content/uploads";
import type { RunningSeedbed } from "../../server/boot";
import type { CurrentUser } from "../../server/identity";
import { cleanupAbandonedUploads, createUpload, requireReadyUploads, uploadViewOf, type UploadView } from "../../server/media";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, logInAs } from "../factories/users";
import { mp4Bytes, pngBytes, sidewaysJpegBytes, webmBytes } from "../fixtures/media/generate";
import { services } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

const CAMERA = "SeedPhone X1";

/** A JPEG as a phone writes it: camera make and model, and where it was taken (the Bund, Shanghai). */
function gpsJpegBytes(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 20, g: 110, b: 190 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: "SeedPhone", Model: CAMERA },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "31/1 14/1 24/1", GPSLongitudeRef: "E", GPSLongitude: "121/1 29/1 24/1" },
    })
    .toBuffer();
}

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };
type Created = {
  upload: { id: string; key: string; kind: string; status: string };
  uploadUrl: string;
  method: "PUT";
  headers: Record<string, string>;
  expiresAt: string;
};

const s = services();
const backends = [
  { name: "local disk (signed URL on this server)", kind: "local" as const, env: {} },
  {
    name: "an S3-protocol server (presigned URL)",
    kind: "s3" as const,
    env: s.s3
      ? {
          S3_ENDPOINT: s.s3.endpoint,
          S3_BUCKET: s.s3.bucket,
          S3_REGION: s.s3.region,
          S3_ACCESS_KEY_ID: s.s3.accessKeyId,
          S3_SECRET_ACCESS_KEY: s.s3.secretAccessKey,
        }
      : null,
  },
];

describe.each(backends)("media uploads on $name", (backend) => {
  const skip = backend.env === null;
  let db: TestDatabase;
  let server: RunningSeedbed;
  // Real time: presigned S3 URLs are checked by the bucket against its own clock.
  const clock = new FixedClock(new Date());
  let alice: { user: CurrentUser; cookie: string };
  let bob: { user: CurrentUser; cookie: string };

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDatabase();
    server = await startTestServer(db, { clock, env: { REDIS_URL: s.redisUrl ?? undefined, ...backend.env } });
    const a = await createTestUser(db.handle.db);
    const b = await createTestUser(db.handle.db);
    alice = { user: a.user, cookie: (await logInAs(server.url, a.user.handle)).cookie };
    bob = { user: b.user, cookie: (await logInAs(server.url, b.user.handle)).cookie };
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  const api = (path: string, cookie: string, init: { method?: string; json?: unknown } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? (init.json !== undefined ? "POST" : "GET"),
      headers: { cookie, ...(init.json !== undefined ? { "content-type": "application/json" } : {}) },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });

  const start = async (cookie: string, declared: { kind: string; contentType: string; size: number }) => {
    const res = await api("/uploads", cookie, { json: declared });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as Created;
  };
  const put = (created: Created, body: Buffer | ReadableStream, headers: Record<string, string> = created.headers) =>
    fetch(created.uploadUrl, { method: "PUT", headers, body, duplex: "half" } as RequestInit);
  const complete = (cookie: string, id: string) => api(`/uploads/${id}/complete`, cookie, { json: {} });
  const uploadFile = async (cookie: string, kind: string, contentType: string, bytes: Buffer) => {
    const created = await start(cookie, { kind, contentType, size: bytes.length });
    const putRes = await put(created, bytes);
    expect(putRes.status, await putRes.clone().text()).toBe(200);
    return created;
  };
  const media = (url: string, init: RequestInit = {}) => fetch(new URL(url, server.url), init);
  const rowOf = async (id: string) => (await db.handle.db.select().from(uploads).where(eq(uploads.id, id)))[0];
  const stored = (key: string) => server.storage.head(key);

  it.skipIf(skip)("uses the storage the server was configured with", () => {
    expect(server.storage.kind).toBe(backend.kind);
  });

  it.skipIf(skip)("uploads a photo, reports its size and renditions, and shows it full size as a WebP rendition", async () => {
    const bytes = await pngBytes(1600, 1200);
    const created = await uploadFile(alice.cookie, "image", "image/png", bytes);
    expect(created.upload).toMatchObject({ kind: "image", status: "pending" });
    expect(created.upload.key).toBe(`u/${alice.user.id}/${created.upload.id}/original`);
    if (backend.kind === "s3") expect(created.uploadUrl).toContain("X-Amz-Signature=");
    else expect(created.uploadUrl).toContain(`${server.url}/media-upload/`);

    const res = await complete(alice.cookie, created.upload.id);
    expect(res.status, await res.clone().text()).toBe(200);
    const view = (await res.json()) as UploadView;
    expect(view).toMatchObject({ id: created.upload.id, kind: "image", status: "ready", mime: "image/png", size: bytes.length, width: 1600, height: 1200 });
    expect(view.url).toBe(`/media/u/${alice.user.id}/${created.upload.id}/full.webp`);
    // The uploaded bytes stay stored but are never served.
    expect(await stored(created.upload.key)).not.toBeNull();
    expect((await media(`/media/${created.upload.key}`, { redirect: "manual" })).status).toBe(404);

    for (const [url, width, height] of [[view.thumbUrl!, 360, 270], [view.mediumUrl!, 1080, 810], [view.url, 1600, 1200]] as const) {
      const rendition = await media(url);
      expect(rendition.status).toBe(200);
      expect(rendition.headers.get("content-type")).toBe("image/webp");
      const meta = await sharp(Buffer.from(await rendition.arrayBuffer())).metadata();
      expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: "webp", width, height });
    }
    const row = await rowOf(created.upload.id);
    expect(Object.keys(row!.variants).sort()).toEqual(["full", "medium", "thumb"]);
    for (const v of Object.values(row!.variants)) expect(await stored(v.key)).not.toBeNull();
  });

  it.skipIf(skip)("serves media immutable and unsniffable, streaming on disk and redirecting to a short-lived URL on S3", async () => {
    const created = await uploadFile(alice.cookie, "image", "image/png", await pngBytes(40, 30));
    const view = (await (await complete(alice.cookie, created.upload.id)).json()) as UploadView;
    const res = await media(view.url, { redirect: "manual" });
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    if (backend.kind === "s3") {
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get("location")!);
      expect(location.searchParams.get("X-Amz-Expires")).toBe("300");
      expect(location.searchParams.get("response-content-type")).toBe("image/webp");
    } else {
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    }
  });

  it.skipIf(skip)("stands a sideways phone photo upright by its EXIF orientation", async () => {
    const created = await uploadFile(alice.cookie, "image", "image/jpeg", await sidewaysJpegBytes(400, 200));
    const view = (await (await complete(alice.cookie, created.upload.id)).json()) as UploadView;
    expect({ width: view.width, height: view.height }).toEqual({ width: 200, height: 400 });
    const medium = await sharp(Buffer.from(await (await media(view.mediumUrl!)).arrayBuffer())).metadata();
    expect({ width: medium.width, height: medium.height }).toEqual({ width: 200, height: 400 });
  });

  it.skipIf(skip)("never lets a reader get a phone photo's GPS position or camera: every URL of the note and upload is metadata-free", async () => {
    const photo = await gpsJpegBytes(3000, 2000);
    // The fixture really carries what a phone writes, so its absence below means something.
    const before = await sharp(photo).metadata();
    expect(before.exif && before.exif.includes(Buffer.from(CAMERA))).toBe(true);

    const image = await uploadFile(alice.cookie, "image", "image/jpeg", photo);
    const imageView = (await (await complete(alice.cookie, image.upload.id)).json()) as UploadView;
    const avatar = await uploadFile(alice.cookie, "avatar", "image/jpeg", photo);
    const avatarView = (await (await complete(alice.cookie, avatar.upload.id)).json()) as UploadView;
    expect((await api("/me/avatar", alice.cookie, { method: "PUT", json: { uploadId: avatarView.id } })).status).toBe(200);
    const created = await api("/posts", alice.cookie, { json: { title: "外滩夜景", categorySlug: "travel", mediaIds: [imageView.id] } });
    expect(created.status, await created.clone().text()).toBe(201);
    const { post } = (await created.json()) as { post: { id: string } };
    const note = await (await api(`/posts/${post.id}`, alice.cookie)).json();

    const urls = new Set<string>();
    const collect = (value: unknown) => {
      if (typeof value === "string" && value.startsWith("/media/")) urls.add(value);
      else if (value && typeof value === "object") Object.values(value).forEach(collect);
    };
    for (const shown of [imageView, avatarView, note]) collect(shown);
    // The note's pictures and the author's avatar, and every rendition of both uploads.
    expect(urls.size).toBeGreaterThanOrEqual(6);
    for (const url of urls) {
      const res = await media(url);
      expect(res.status, url).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect({ url, format: meta.format, exif: meta.exif, xmp: meta.xmp }).toEqual({ url, format: "webp", exif: undefined, xmp: undefined });
      expect(bytes.includes(Buffer.from(CAMERA)), url).toBe(false);
    }
    expect(imageView.url).toBe(`/media/u/${alice.user.id}/${image.upload.id}/full.webp`);
    const full = await sharp(Buffer.from(await (await media(imageView.url)).arrayBuffer())).metadata();
    expect({ width: full.width, height: full.height }).toEqual({ width: 2560, height: 1707 });

    // The originals are kept but answer 404 to everyone, their owner included.
    for (const key of [image.upload.key, avatar.upload.key]) {
      expect(await stored(key)).not.toBeNull();
      expect((await media(`/media/${key}`, { redirect: "manual" })).status).toBe(404);
      expect((await media(`/media/${key}`, { method: "HEAD", headers: { cookie: alice.cookie }, redirect: "manual" })).status).toBe(404);
    }
  });

  it.skipIf(skip)("still shows pictures processed before the full rendition existed, at their medium size", async () => {
    const created = await uploadFile(alice.cookie, "image", "image/png", await pngBytes(1600, 1200));
    await complete(alice.cookie, created.upload.id);
    const row = (await rowOf(created.upload.id))!;
    const { full: _full, ...older } = row.variants;
    await db.handle.db.update(uploads).set({ variants: older }).where(eq(uploads.id, row.id));
    const view = uploadViewOf((await rowOf(created.upload.id))!);
    expect(view.url).toBe(view.mediumUrl);
    expect((await media(view.url)).status).toBe(200);
    expect((await media(`/media/${created.upload.key}`, { redirect: "manual" })).status).toBe(404);
  });

  it.skipIf(skip)("stores the demo seed's pictures the same way: shown full size from a rendition, the original not served", async () => {
    const image = await renderImage(
      `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="1200"><rect width="900" height="1200" fill="#f7c6cf"/></svg>`,
      COVER_VARIANTS,
    );
    const row = await db.handle.db.transaction((tx) =>
      storeRenderedUpload(tx, server.storage, { ownerId: alice.user.id, kind: "image", image, now: new Date() }),
    );
    const view = uploadViewOf(row);
    expect(view.url).toBe(`/media/u/${alice.user.id}/${row.id}/full.webp`);
    const full = await sharp(Buffer.from(await (await media(view.url)).arrayBuffer())).metadata();
    expect({ format: full.format, width: full.width, height: full.height, exif: full.exif }).toEqual({ format: "webp", width: 900, height: 1200, exif: undefined });
    expect((await media(`/media/${row.key}`, { redirect: "manual" })).status).toBe(404);
  });

  it.skipIf(skip)("accepts an MP4 and a WebM video by their bytes, without renditions", async () => {
    for (const [contentType, bytes, mime] of [
      ["video/mp4", mp4Bytes(), "video/mp4"],
      ["video/webm", webmBytes(), "video/webm"],
    ] as const) {
      const created = await uploadFile(alice.cookie, "video", contentType, bytes);
      const view = (await (await complete(alice.cookie, created.upload.id)).json()) as UploadView;
      expect(view).toMatchObject({ status: "ready", kind: "video", mime, thumbUrl: null, mediumUrl: null, width: null });
      const served = await media(view.url);
      expect(served.headers.get("content-type")).toBe(mime);
      expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });

  it.skipIf(skip || backend.kind === "s3")("answers a video player's byte-range request with 206", async () => {
    const bytes = mp4Bytes(5000);
    const created = await uploadFile(alice.cookie, "video", "video/mp4", bytes);
    await complete(alice.cookie, created.upload.id);
    const res = await media(`/media/${created.upload.key}`, { headers: { range: "bytes=100-199" } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
  });

  it.skipIf(skip)("answers a second completion with the same upload (a double tap does nothing twice)", async () => {
    const created = await uploadFile(alice.cookie, "image", "image/png", await pngBytes(50, 50));
    const [first, second] = await Promise.all([complete(alice.cookie, created.upload.id), complete(alice.cookie, created.upload.id)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const again = await complete(alice.cookie, created.upload.id);
    expect(await again.json()).toEqual(await first.json());
  });

  it.skipIf(skip)("makes a square avatar and puts it on the profile", async () => {
    const created = await uploadFile(alice.cookie, "avatar", "image/jpeg", await sidewaysJpegBytes(900, 600));
    const view = (await (await complete(alice.cookie, created.upload.id)).json()) as UploadView;
    const res = await api("/me/avatar", alice.cookie, { method: "PUT", json: { uploadId: view.id } });
    expect(res.status, await res.clone().text()).toBe(200);
    const { avatarUrl } = (await res.json()) as { avatarUrl: string };
    expect(avatarUrl).toBe(view.mediumUrl);
    const [user] = await db.handle.db.select({ avatarKey: users.avatarKey }).from(users).where(eq(users.id, alice.user.id));
    expect(`/media/${user!.avatarKey}`).toBe(avatarUrl);
    const meta = await sharp(Buffer.from(await (await media(avatarUrl)).arrayBuffer())).metadata();
    expect({ width: meta.width, height: meta.height }).toEqual({ width: 480, height: 480 });

    // A note photo is not an avatar, and someone else's avatar is not yours.
    const photo = await uploadFile(alice.cookie, "image", "image/png", await pngBytes(60, 60));
    await complete(alice.cookie, photo.upload.id);
    const wrongKind = await api("/me/avatar", alice.cookie, { method: "PUT", json: { uploadId: photo.upload.id } });
    expect(wrongKind.status).toBe(422);
    expect(((await wrongKind.json()) as ApiError).error.fields?.uploadId).toBeDefined();
    const theirs = await api("/me/avatar", bob.cookie, { method: "PUT", json: { uploadId: view.id } });
    expect(theirs.status).toBe(422);

    const removed = await api("/me/avatar", alice.cookie, { method: "PUT", json: { uploadId: null } });
    expect(await removed.json()).toEqual({ avatarUrl: null });
  });

  describe("refuses bad input with a 4xx and keeps nothing", () => {
    const countUploads = async (ownerId: string) =>
      Number(
        (
          await db.handle.db
            .select({ n: sql<number>`count(*)` })
            .from(uploads)
            .where(eq(uploads.ownerId, ownerId))
        )[0]!.n,
      );

    it.skipIf(skip)("a declared size over the limit, a PDF, or a size that is not a number", async () => {
      const { user } = await createTestUser(db.handle.db);
      const { cookie } = await logInAs(server.url, user.handle);
      for (const [declared, field] of [
        [{ kind: "image", contentType: "image/jpeg", size: 10 * 1024 * 1024 + 1 }, "size"],
        [{ kind: "video", contentType: "video/mp4", size: 100 * 1024 * 1024 + 1 }, "size"],
        [{ kind: "avatar", contentType: "image/png", size: 5 * 1024 * 1024 + 1 }, "size"],
        [{ kind: "image", contentType: "application/pdf", size: 1000 }, "contentType"],
        [{ kind: "video", contentType: "image/png", size: 1000 }, "contentType"],
        [{ kind: "image", contentType: "image/png", size: "big" }, "size"],
        [{ kind: "document", contentType: "image/png", size: 10 }, "kind"],
      ] as const) {
        const res = await api("/uploads", cookie, { json: declared });
        expect(res.status, JSON.stringify(declared)).toBe(422);
        const body = (await res.json()) as ApiError;
        expect(body.error.fields?.[field], JSON.stringify(body)).toBeDefined();
      }
      expect(await countUploads(user.id)).toBe(0);
    });

    it.skipIf(skip)("a PNG renamed .mp4 is refused by its bytes, deleted, and never served", async () => {
      const created = await uploadFile(alice.cookie, "video", "video/mp4", await pngBytes(64, 64));
      const res = await complete(alice.cookie, created.upload.id);
      expect(res.status).toBe(415);
      const body = (await res.json()) as ApiError;
      expect(body.error.fields?.file).toEqual(["This file is a picture, not a video."]);
      // Support can still see what it really was.
      expect((await rowOf(created.upload.id))!).toMatchObject({ status: "rejected", rejectReason: expect.stringContaining("image/png") });
      expect(await stored(created.upload.key)).toBeNull();
      expect((await media(`/media/${created.upload.key}`, { redirect: "manual" })).status).toBe(404);
      // And it cannot be completed into something else later.
      expect((await complete(alice.cookie, created.upload.id)).status).toBe(409);
    });

    it.skipIf(skip)("text bytes declared as a JPEG are refused and deleted", async () => {
      const created = await uploadFile(alice.cookie, "image", "image/jpeg", Buffer.from("<html><script>alert(1)</script></html>".repeat(4)));
      const res = await complete(alice.cookie, created.upload.id);
      expect(res.status).toBe(415);
      expect(((await res.json()) as ApiError).error.fields?.file).toBeDefined();
      expect((await rowOf(created.upload.id))!.status).toBe("rejected");
      expect(await stored(created.upload.key)).toBeNull();
    });

    it.skipIf(skip)("a JPEG that starts right but cannot be decoded is refused without renditions", async () => {
      const whole = await sidewaysJpegBytes(300, 300);
      const created = await uploadFile(alice.cookie, "image", "image/jpeg", whole.subarray(0, 200));
      const res = await complete(alice.cookie, created.upload.id);
      expect(res.status).toBe(422);
      expect(((await res.json()) as ApiError).error.fields?.file).toBeDefined();
      const row = (await rowOf(created.upload.id))!;
      expect(row.status).toBe("rejected");
      expect(row.variants).toEqual({});
      expect(await stored(created.upload.key)).toBeNull();
      expect(await stored(`u/${alice.user.id}/${created.upload.id}/thumb.webp`)).toBeNull();
    });

    it.skipIf(skip)("a body larger than declared is cut off and nothing is stored", async () => {
      const declared = await pngBytes(100, 100);
      const created = await start(alice.cookie, { kind: "image", contentType: "image/png", size: declared.length });
      const bigger = Buffer.concat([declared, Buffer.alloc(64 * 1024, 1)]);
      if (backend.kind === "local") {
        // Sent as a stream with no Content-Length, so only counting while streaming can catch it.
        const chunks = [bigger.subarray(0, 1000), bigger.subarray(1000)];
        const stream = new ReadableStream({
          pull(controller) {
            const next = chunks.shift();
            if (next) controller.enqueue(next);
            else controller.close();
          },
        });
        const res = await put(created, stream);
        expect(res.status).toBe(413);
        expect(((await res.json()) as ApiError).error.fields?.size).toBeDefined();
        // With the length announced it is refused before reading.
        expect((await put(created, bigger)).status).toBe(413);
        expect(await stored(created.upload.key)).toBeNull();
        expect((await complete(alice.cookie, created.upload.id)).status).toBe(422);
        expect((await rowOf(created.upload.id))!.status).toBe("pending");
      } else {
        // The presigned URL signs the length and type, so S3 refuses any other; s3rver does not verify
        // SigV4 signatures, so here the bytes land and completion is the check that must catch them.
        const signed = new URL(created.uploadUrl).searchParams.get("X-Amz-SignedHeaders")!.split(";");
        expect(signed).toEqual(expect.arrayContaining(["content-length", "content-type"]));
        expect((await put(created, bigger)).status).toBe(200);
        const res = await complete(alice.cookie, created.upload.id);
        expect(res.status).toBe(413);
        expect(((await res.json()) as ApiError).error.fields?.file).toBeDefined();
        expect(await stored(created.upload.key)).toBeNull();
        expect((await rowOf(created.upload.id))!.status).toBe("rejected");
      }
    });

    it.skipIf(skip)("an expired upload URL is refused with 403, and a tampered one on this server too", async () => {
      // A URL issued 20 minutes ago: upload URLs live 15.
      const past = { ...server.ctx, clock: new FixedClock(new Date(Date.now() - 20 * 60_000)) };
      const expired = (await createUpload(past, alice.user, { kind: "image", contentType: "image/png", size: 100 })) as Created;
      if (backend.kind === "local") expired.uploadUrl = new URL(expired.uploadUrl, server.url).toString();
      const expiredRes = await put(expired, Buffer.alloc(100, 1));
      expect(expiredRes.status).toBe(403);
      expect(await stored(expired.upload.key)).toBeNull();

      // s3rver does not verify SigV4 signatures (real S3 does), so forgery is provable only on our own URLs.
      if (backend.kind === "s3") return;
      const created = await start(alice.cookie, { kind: "image", contentType: "image/png", size: 100 });
      for (const forged of ["flipped", "swapped"] as const) {
        const url = new URL(created.uploadUrl);
        const [payload, signature] = url.pathname.split("/").pop()!.split(".") as [string, string];
        if (forged === "flipped") {
          url.pathname = `/media-upload/${payload}.${(signature[0] === "a" ? "b" : "a") + signature.slice(1)}`;
          const res = await put({ ...created, uploadUrl: url.toString() }, Buffer.alloc(100, 1));
          expect(res.status).toBe(403);
          continue;
        }
        // Raise the grant's size and expiry, keeping the signature.
        const bigger = Buffer.from(
          JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), s: 10_000_000, e: 9_999_999_999 }),
        ).toString("base64url");
        url.pathname = `/media-upload/${bigger}.${signature}`;
        const res = await put({ ...created, uploadUrl: url.toString() }, Buffer.alloc(100, 1));
        expect(res.status).toBe(403);
      }
      expect(await stored(created.upload.key)).toBeNull();
      // The genuine URL still works: nothing above used it up.
      expect((await put(created, Buffer.alloc(100, 1))).status).toBe(200);
    });

    it.skipIf(skip)("someone else's upload cannot be completed: 404, and it stays theirs and pending", async () => {
      const created = await uploadFile(alice.cookie, "image", "image/png", await pngBytes(20, 20));
      const res = await complete(bob.cookie, created.upload.id);
      expect(res.status).toBe(404);
      expect((await rowOf(created.upload.id))!.status).toBe("pending");
      expect((await complete(alice.cookie, created.upload.id)).status).toBe(200);
    });

    it.skipIf(skip)("completing before any bytes arrived is refused and the upload can still finish", async () => {
      const bytes = await pngBytes(30, 30);
      const created = await start(alice.cookie, { kind: "image", contentType: "image/png", size: bytes.length });
      const early = await complete(alice.cookie, created.upload.id);
      expect(early.status).toBe(422);
      expect(((await early.json()) as ApiError).error.fields?.file).toBeDefined();
      expect((await rowOf(created.upload.id))!.status).toBe("pending");
      expect((await put(created, bytes)).status).toBe(200);
      expect((await complete(alice.cookie, created.upload.id)).status).toBe(200);
    });

    it.skipIf(skip)("a pending upload's original and renditions are not served", async () => {
      const created = await uploadFile(alice.cookie, "image", "image/png", await pngBytes(20, 20));
      expect(await stored(created.upload.key)).not.toBeNull();
      for (const name of ["original", "thumb.webp", "medium.webp"]) {
        expect((await media(`/media/u/${alice.user.id}/${created.upload.id}/${name}`, { redirect: "manual" })).status).toBe(404);
      }
      // Nor under another owner's prefix, nor anything outside the key space.
      expect((await media(`/media/u/${bob.user.id}/${created.upload.id}/original`)).status).toBe(404);
      expect((await media(`/media/../package.json`)).status).toBe(404);
    });

    it.skipIf(skip)("an upload without a session is refused", async () => {
      const res = await fetch(`${server.url}/api/v1/uploads`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ kind: "image", contentType: "image/png", size: 10 }),
      });
      expect(res.status).toBe(401);
    });
  });

  it.skipIf(skip)("attaches only the owner's ready photos and videos, in the order given", async () => {
    const a = await uploadFile(alice.cookie, "image", "image/png", await pngBytes(10, 10));
    const b = await uploadFile(alice.cookie, "video", "video/mp4", mp4Bytes());
    await complete(alice.cookie, a.upload.id);
    await complete(alice.cookie, b.upload.id);
    const ready = await requireReadyUploads(db.handle.db, alice.user.id, [b.upload.id, a.upload.id]);
    expect(ready.map((u) => u.id)).toEqual([b.upload.id, a.upload.id]);

    const pending = await start(alice.cookie, { kind: "image", contentType: "image/png", size: 10 });
    for (const ids of [[a.upload.id, pending.upload.id], [a.upload.id, a.upload.id], ["not-a-uuid"]]) {
      await expect(requireReadyUploads(db.handle.db, alice.user.id, ids)).rejects.toMatchObject({
        code: "VALIDATION_FAILED",
        fields: { mediaIds: expect.any(Array) },
      });
    }
    await expect(requireReadyUploads(db.handle.db, bob.user.id, [a.upload.id])).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it.skipIf(skip)("clears uploads abandoned for over an hour, with their bytes, and keeps finished ones", async () => {
    const abandoned = await uploadFile(bob.cookie, "image", "image/png", await pngBytes(10, 10));
    const finished = await uploadFile(bob.cookie, "image", "image/png", await pngBytes(10, 10));
    await complete(bob.cookie, finished.upload.id);
    const removed = await cleanupAbandonedUploads({
      db: db.handle.db,
      storage: server.storage,
      now: new Date(clock.now().getTime() + 61 * 60_000),
    });
    expect(removed.pending).toBeGreaterThanOrEqual(1);
    expect(await rowOf(abandoned.upload.id)).toBeUndefined();
    expect(await stored(abandoned.upload.key)).toBeNull();
    expect((await rowOf(finished.upload.id))!.status).toBe("ready");
    expect(await stored(finished.upload.key)).not.toBeNull();
  });
});
