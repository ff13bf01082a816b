import { and, eq } from "drizzle-orm";
import { uploads, type Upload } from "../../db/schema";
import type { AppContext } from "../context";
import type { CurrentUser } from "../identity";
import { AppError, type ErrorCode } from "../shared/errors";
import { t, type MessageKey } from "../shared/messages";
import { processImage, UnusableImageError } from "./process-image";
import { IMAGE_VARIANTS, mediaClassOf, UPLOAD_LIMITS, uploadKey } from "./rules";
import { parseInput, uploadIdParamsSchema } from "./schemas";
import { SNIFF_BYTES, sniffType } from "./sniff";
import { uploadViewOf, type UploadView } from "./views";

/**
 * Finishes an upload once its bytes are stored: the real type is sniffed from the bytes and must
 * fit the declared kind, images are decoded (upright by EXIF) and get their renditions, and the
 * upload becomes ready. Anything unusable is rejected: its bytes are deleted, the row records why,
 * and the caller gets a 4xx with a `file` message (a message key, translated at the boundary).
 * Completing a ready upload again returns it as is.
 * Only the owner may complete; anyone else gets NOT_FOUND, as if it did not exist.
 */
export async function completeUpload(ctx: AppContext, user: CurrentUser, uploadId: string): Promise<UploadView> {
  const { uploadId: id } = parseInput(uploadIdParamsSchema, { uploadId });
  const [row] = await ctx.db.select().from(uploads).where(and(eq(uploads.id, id), eq(uploads.ownerId, user.id)));
  if (!row) throw new AppError("NOT_FOUND", "notFound");
  if (row.status === "ready") return uploadViewOf(row);
  if (row.status === "rejected") throw fileError("CONFLICT", "media.upload.refused");

  const head = await ctx.storage.head(row.key);
  if (!head || head.size === 0) {
    // Nothing arrived (yet): the upload stays pending so the client can still PUT and retry.
    throw fileError("VALIDATION_FAILED", "media.upload.missing");
  }
  const limit = UPLOAD_LIMITS[row.kind];
  if (head.size > row.declaredSize || head.size > limit.maxBytes) {
    await reject(ctx, row, "PAYLOAD_TOO_LARGE", "media.upload.largerThanDeclared", `${head.size} bytes stored`);
  }

  const prefix = (await ctx.storage.getPrefix(row.key, SNIFF_BYTES)) ?? Buffer.alloc(0);
  const sniffed = sniffType(prefix);
  const wanted = mediaClassOf(row.kind);
  if (!sniffed || sniffed.class !== wanted || !limit.types.includes(sniffed.mime)) {
    // The uploader is told what is wrong in their terms; the row keeps the sniffed type for support.
    const message: MessageKey =
      sniffed && sniffed.class !== wanted
        ? wanted === "video"
          ? "media.file.imageNotVideo"
          : "media.file.videoNotImage"
        : wanted === "video"
          ? "media.file.notVideo"
          : "media.file.notImage";
    await reject(ctx, row, "UNSUPPORTED_MEDIA_TYPE", message, `found: ${sniffed ? sniffed.mime : "not a recognised image or video"}`);
  }
  const mime = sniffed!.mime;

  let processed: Pick<Upload, "width" | "height" | "variants"> = { width: null, height: null, variants: {} };
  if (row.kind !== "video") {
    const bytes = await ctx.storage.get(row.key);
    if (!bytes) throw fileError("VALIDATION_FAILED", "media.upload.missing");
    try {
      processed = await processImage({ storage: ctx.storage, bytes, ownerId: row.ownerId, uploadId: row.id, kind: row.kind });
    } catch (e) {
      if (e instanceof UnusableImageError) await reject(ctx, row, "VALIDATION_FAILED", e.messageKey);
      throw e;
    }
  }

  const [ready] = await ctx.db
    .update(uploads)
    .set({ status: "ready", mime, size: head.size, ...processed, completedAt: ctx.clock.now() })
    .where(and(eq(uploads.id, row.id), eq(uploads.status, "pending")))
    .returning();
  if (ready) return uploadViewOf(ready);
  // Another completion (a double click, a retry) finished first: answer as it did.
  const [current] = await ctx.db.select().from(uploads).where(eq(uploads.id, row.id));
  if (current?.status === "ready") return uploadViewOf(current);
  throw fileError("CONFLICT", "media.upload.gone");
}

function fileError(code: ErrorCode, message: MessageKey): AppError {
  return new AppError(code, message, { fields: { file: [message] } });
}

/**
 * Deletes everything stored for the upload, records why (in English, with `detail`, for whoever
 * answers a support question), and throws the error the uploader sees.
 */
async function reject(ctx: AppContext, row: Upload, code: ErrorCode, message: MessageKey, detail?: string): Promise<never> {
  const reason = detail ? `${t("en", message)} (${detail})` : t("en", message);
  const renditions = [...IMAGE_VARIANTS.image, ...IMAGE_VARIANTS.avatar].map((v) => uploadKey(row.ownerId, row.id, `${v.name}.webp`));
  for (const key of new Set([row.key, ...renditions])) await ctx.storage.delete(key);
  await ctx.db
    .update(uploads)
    .set({ status: "rejected", rejectReason: reason, completedAt: ctx.clock.now() })
    .where(and(eq(uploads.id, row.id), eq(uploads.status, "pending")));
  throw fileError(code, message);
}
