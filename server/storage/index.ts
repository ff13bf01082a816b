import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import type { Config } from "../config";

/**
 * Object storage behind one interface: S3 (any S3-protocol server) when S3_BUCKET is set, local disk
 * under DATA_DIR otherwise. The database stores keys and metadata, never bytes.
 */
export interface Storage {
  kind: "s3" | "local";
  /** Throws when the bucket or directory cannot be used. */
  check(): Promise<void>;
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

/** Keys are relative, slash-separated and never climb out of the storage root. */
export function assertSafeKey(key: string): void {
  if (!/^[\w][\w./-]{0,511}$/.test(key) || key.split("/").some((s) => s === ".." || s === "." || s === "")) {
    throw new Error(`Unsafe storage key: ${JSON.stringify(key)}`);
  }
}

export async function createStorage(config: Config["storage"]): Promise<Storage> {
  if (config.kind === "local") return createLocalStorage(config.dir);
  const { S3Client, HeadBucketCommand, PutObjectCommand, GetObjectCommand, DeleteObjectCommand, NoSuchKey } =
    await import("@aws-sdk/client-s3");
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
  return {
    kind: "s3",
    async check() {
      await client.send(new HeadBucketCommand({ Bucket }));
    },
    async put(key, body, contentType) {
      assertSafeKey(key);
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentType: contentType }));
    },
    async get(key) {
      assertSafeKey(key);
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        const chunks: Buffer[] = [];
        for await (const chunk of out.Body as Readable) chunks.push(Buffer.from(chunk));
        return Buffer.concat(chunks);
      } catch (e) {
        if (e instanceof NoSuchKey || (e as { name?: string }).name === "NoSuchKey") return null;
        throw e;
      }
    },
    async delete(key) {
      assertSafeKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
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
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, body);
      await fs.rename(tmp, file);
    },
    async get(key) {
      try {
        return await fs.readFile(fileOf(key));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw e;
      }
    },
    async delete(key) {
      await fs.rm(fileOf(key), { force: true });
    },
  };
}
