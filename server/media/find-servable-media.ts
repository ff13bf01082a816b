import { eq } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { uploads } from "../../db/schema";
import { parseUploadKey } from "./rules";

/**
 * The stored object behind a /media/<key> URL and the type to serve it with — only for ready
 * uploads and their renditions, and only with the type sniffing confirmed. Pending or rejected
 * uploads, unknown keys and keys whose owner part does not match are all simply absent.
 * An image's or avatar's original is absent too: its EXIF may hold where and with what it was taken,
 * and readers get the metadata-free renditions instead. Videos are served as uploaded — there are no
 * video renditions, so a video's own metadata (e.g. a phone's recorded location) is not stripped.
 */
export async function findServableMedia(db: Queryable, key: string): Promise<{ key: string; mime: string } | null> {
  const parts = parseUploadKey(key);
  if (!parts) return null;
  const [row] = await db
    .select({
      ownerId: uploads.ownerId,
      kind: uploads.kind,
      key: uploads.key,
      mime: uploads.mime,
      status: uploads.status,
      variants: uploads.variants,
    })
    .from(uploads)
    .where(eq(uploads.id, parts.uploadId));
  if (!row || row.status !== "ready" || row.ownerId !== parts.ownerId) return null;
  if (row.key === key) return row.kind === "video" && row.mime ? { key, mime: row.mime } : null;
  const variant = Object.values(row.variants ?? {}).find((v) => v.key === key);
  return variant ? { key, mime: variant.mime } : null;
}
