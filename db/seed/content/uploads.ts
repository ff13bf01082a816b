import crypto from "node:crypto";
import type { Transaction } from "../../client";
import { uploads, type Upload, type UploadVariants } from "../../schema";
import { IMAGE_VARIANTS, PENDING_UPLOAD_TTL_MS, uploadKey } from "../../../server/media/rules";
import type { Storage } from "../../../server/storage";
import type { RenderedImage } from "./images";

export const COVER_VARIANTS = IMAGE_VARIANTS.image;
export const AVATAR_VARIANTS = IMAGE_VARIANTS.avatar;

/**
 * Stores an already rendered picture as a ready upload of `ownerId`, exactly as completing a real
 * upload leaves it: the original under `u/<owner>/<upload>/original`, each rendition beside it as
 * `<name>.webp`, and an uploads row with the sniffed type, size and renditions. The bytes are written
 * before the row, so a committed row never points at a missing object.
 */
export async function storeRenderedUpload(
  tx: Transaction,
  storage: Storage,
  options: { ownerId: string; kind: "image" | "avatar"; image: RenderedImage; now: Date },
): Promise<Upload> {
  const { ownerId, image, now } = options;
  const id = crypto.randomUUID();
  const key = uploadKey(ownerId, id, "original");
  const variants: UploadVariants = {};
  const writes = [storage.put(key, image.original.bytes, image.original.mime)];
  for (const [name, rendition] of Object.entries(image.variants)) {
    const variantKey = uploadKey(ownerId, id, `${name}.webp`);
    variants[name] = { key: variantKey, width: rendition.width, height: rendition.height, mime: rendition.mime };
    writes.push(storage.put(variantKey, rendition.bytes, rendition.mime));
  }
  await Promise.all(writes);
  const [row] = await tx
    .insert(uploads)
    .values({
      id,
      ownerId,
      kind: options.kind,
      key,
      declaredMime: image.original.mime,
      declaredSize: image.original.bytes.length,
      mime: image.original.mime,
      size: image.original.bytes.length,
      width: image.original.width,
      height: image.original.height,
      variants,
      status: "ready",
      createdAt: now,
      completedAt: now,
      expiresAt: new Date(now.getTime() + PENDING_UPLOAD_TTL_MS),
    })
    .returning();
  return row!;
}
