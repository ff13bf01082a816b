import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Config } from "../config";

/** An object's size and, where the backend records it, its stored content type. */
export interface ObjectHead {
  size: number;
  contentType: string | undefined;
}

/** A byte range, both ends inclusive, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Presigned URLs, only where the backend can check them itself (S3). Browsers then move bytes to and
 * from the bucket directly; the local backend has none and the app serves and receives bytes itself.
 */
export interface Presigner {
  /** A PUT that only accepts exactly this content type and length, until `expiresInSec` from `now`. */
  putUrl(key: string, options: { contentType: string; contentLength: number; expiresInSec: number; now: Date }): Promise<string>;
  /** A GET answered with `contentType` (whatever the object was stored with), until `expiresInSec` from `now`. */
  getUrl(key: string, options: { contentType: string; expiresInSec: number; now: Date; cacheControl?: string }): Promise<string>;
}

/** Thrown by `putStream` when the body grows past `maxBytes`; nothing is stored then. */
export class ObjectTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`Object exceeds ${maxBytes} bytes`);
    this.name = "ObjectTooLargeError";
  }
}

/**
 * Object storage behind one interface: S3 (any S3-protocol server) when S3_BUCKET is set, local disk
 * under DATA_DIR otherwise. The database stores keys and metadata, never bytes.
 */
export interface Storage {
  kind: "s3" | "local";
  /** Throws when the bucket or directory cannot be used. */
  check(): Promise<void>;
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /**
   * Streams `body` into `key`, counting bytes as they arrive: past `maxBytes` it stops reading and
   * throws ObjectTooLargeError, leaving nothing behind. Resolves with the number of bytes stored.
   */
  putStream(key: string, body: Readable, options: { contentType: string; maxBytes: number }): Promise<number>;
  get(key: string): Promise<Buffer | null>;
  /** The whole object or one range of it as a stream, with its head; null when there is no such object. */
  getStream(key: string, range?: ByteRange): Promise<{ body: Readable; head: ObjectHead } | null>;
  /** The first `bytes` bytes (fewer if the object is shorter), e.g. to sniff a type; null when absent. */
  getPrefix(key: string, bytes: number): Promise<Buffer | null>;
  head(key: string): Promise<ObjectHead | null>;
  delete(key: string): Promise<void>;
  /** Present on S3 only. */
  presign?: Presigner;
  /** Releases sockets held by the backend's client (a no-op on disk). */
  close?(): void;
}

/** Keys are relative, slash-separated and never climb out of the storage root. */
export function assertSafeKey(key: string): void {
  if (!/^[\w][\w./-]{0,511}$/.test(key) || key.split("/").some((s) => s === ".." || s === "." || s === "")) {
    throw new Error(`Unsafe storage key: ${JSON.stringify(key)}`);
  }
}

/** Counts bytes flowing through and fails the stream once there are more than `maxBytes`. */
function byteLimit(maxBytes: number): Transform & { bytes: number } {
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      counter.bytes += chunk.length;
      if (counter.bytes > maxBytes) return done(new ObjectTooLargeError(maxBytes));
      done(null, chunk);
    },
  }) as Transform & { bytes: number };
  counter.bytes = 0;
  return counter;
}

export async function createStorage(config: Config["storage"]): Promise<Storage> {
  if (config.kind === "local") return createLocalStorage(config.dir);
  const {
    S3Client,
    HeadBucketCommand,
    HeadObjectCommand,
    PutObjectCommand,
    GetObjectCommand,
    DeleteObjectCommand,
    NoSuchKey,
    NotFound,
  } = await import("@aws-sdk/client-s3");
  const { getSignedUrl } = await import("@aws-sdk/s3-request-presigner");
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: Boolean(config.endpoint),
    credentials:
      config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
        : undefined,
    // Without these the SDK stores streamed bodies with aws-chunked framing on S3-compatible servers.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const Bucket = config.bucket;
  const isMissing = (e: unknown) => {
    const name = (e as { name?: string }).name;
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    return e instanceof NoSuchKey || e instanceof NotFound || name === "NoSuchKey" || name === "NotFound" || status === 404;
  };
  const headOf = (out: { ContentLength?: number; ContentType?: string }): ObjectHead => ({
    size: Number(out.ContentLength ?? 0),
    contentType: out.ContentType,
  });
  const getStream = async (key: string, range?: ByteRange) => {
    assertSafeKey(key);
    try {
      const out = await client.send(
        new GetObjectCommand({ Bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
      );
      return { body: out.Body as Readable, head: headOf(out) };
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  };
  return {
    kind: "s3",
    async check() {
      await client.send(new HeadBucketCommand({ Bucket }));
    },
    async put(key, body, contentType) {
      assertSafeKey(key);
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentType: contentType }));
    },
    async putStream(key, body, { contentType, maxBytes }) {
      assertSafeKey(key);
      // Browsers upload to S3 directly with a presigned PUT; this path serves server-side writes, whose
      // bodies are bounded by maxBytes, so collecting them first keeps PutObject's known length.
      const limit = byteLimit(maxBytes);
      const chunks: Buffer[] = [];
      await pipeline(body, limit, async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) chunks.push(chunk);
      });
      const data = Buffer.concat(chunks);
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: data, ContentType: contentType }));
      return data.length;
    },
    async get(key) {
      const got = await getStream(key);
      if (!got) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of got.body) chunks.push(Buffer.from(chunk));
      return Buffer.concat(chunks);
    },
    getStream,
    async getPrefix(key, bytes) {
      const got = await getStream(key, { start: 0, end: Math.max(0, bytes - 1) });
      if (!got) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of got.body) chunks.push(Buffer.from(chunk));
      return Buffer.concat(chunks).subarray(0, bytes);
    },
    async head(key) {
      assertSafeKey(key);
      try {
        return headOf(await client.send(new HeadObjectCommand({ Bucket, Key: key })));
      } catch (e) {
        if (isMissing(e)) return null;
        throw e;
      }
    },
    async delete(key) {
      assertSafeKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    presign: {
      async putUrl(key, { contentType, contentLength, expiresInSec, now }) {
        assertSafeKey(key);
        const command = new PutObjectCommand({ Bucket, Key: key, ContentType: contentType, ContentLength: contentLength });
        // Signing both headers makes the bucket refuse any other type or length: the declared size is the limit.
        return getSignedUrl(client, command, {
          expiresIn: expiresInSec,
          signingDate: now,
          signableHeaders: new Set(["content-type", "content-length"]),
        });
      },
      async getUrl(key, { contentType, expiresInSec, now, cacheControl }) {
        assertSafeKey(key);
        const command = new GetObjectCommand({
          Bucket,
          Key: key,
          ResponseContentType: contentType,
          ResponseCacheControl: cacheControl,
          ResponseContentDisposition: "inline",
        });
        return getSignedUrl(client, command, { expiresIn: expiresInSec, signingDate: now });
      },
    },
    close() {
      client.destroy();
    },
  };
}

/** Local-disk storage under `dir` (the embedded default), created without any I/O. */
export function createLocalStorageSync(dir: string): Storage {
  return createLocalStorage(dir);
}

function createLocalStorage(dir: string): Storage {
  const fileOf = (key: string) => {
    assertSafeKey(key);
    return path.join(dir, key);
  };
  const tmpOf = (file: string) => `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const statOf = async (key: string) => {
    try {
      const stat = await fs.stat(fileOf(key));
      return stat.isFile() ? stat : null;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
  };
  return {
    kind: "local",
    async check() {
      await fs.mkdir(dir, { recursive: true });
      await fs.access(dir, fs.constants.W_OK);
    },
    async put(key, body) {
      const file = fileOf(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Write then rename, so a reader never sees half a file.
      const tmp = tmpOf(file);
      await fs.writeFile(tmp, body);
      await fs.rename(tmp, file);
    },
    async putStream(key, body, { maxBytes }) {
      const file = fileOf(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = tmpOf(file);
      const limit = byteLimit(maxBytes);
      try {
        await pipeline(body, limit, createWriteStream(tmp));
      } catch (e) {
        await fs.rm(tmp, { force: true });
        throw e;
      }
      await fs.rename(tmp, file);
      return limit.bytes;
    },
    async get(key) {
      try {
        return await fs.readFile(fileOf(key));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw e;
      }
    },
    async getStream(key, range) {
      const stat = await statOf(key);
      if (!stat) return null;
      const body = createReadStream(fileOf(key), range ? { start: range.start, end: range.end } : {});
      return { body, head: { size: stat.size, contentType: undefined } };
    },
    async getPrefix(key, bytes) {
      let handle: fs.FileHandle;
      try {
        handle = await fs.open(fileOf(key), "r");
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw e;
      }
      try {
        const buffer = Buffer.alloc(bytes);
        const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    async head(key) {
      const stat = await statOf(key);
      return stat ? { size: stat.size, contentType: undefined } : null;
    },
    async delete(key) {
      await fs.rm(fileOf(key), { force: true });
    },
  };
}
