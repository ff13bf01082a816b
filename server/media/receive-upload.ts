import { eq } from "drizzle-orm";
import type { Readable } from "node:stream";
import { uploads } from "../../db/schema";
import type { AppContext } from "../context";
import { AppError } from "../shared/errors";
import { ObjectTooLargeError } from "../storage";
import { verifyUploadGrant } from "./upload-token";

/**
 * The embedded default's stand-in for a presigned S3 PUT: the token names one pending upload, its
 * type and its declared size, and the body is written to local storage only if it keeps to them.
 * The size is enforced while streaming, so an oversized body is cut off, not buffered.
 */
export async function receiveUpload(
  ctx: AppContext,
  options: { token: string; contentType: string | undefined; contentLength: number | undefined; body: Readable },
): Promise<{ uploadId: string; size: number }> {
  const verified = verifyUploadGrant(ctx.config.sessionSecret, options.token, ctx.clock.now());
  if (!verified.ok) {
    throw new AppError("FORBIDDEN", verified.reason === "expired" ? "media.link.expired" : "media.link.invalid");
  }
  const { grant } = verified;
  const [row] = await ctx.db.select().from(uploads).where(eq(uploads.id, grant.uploadId));
  if (!row || row.key !== grant.key) throw new AppError("FORBIDDEN", "media.link.invalid");
  if (row.status !== "pending") throw new AppError("CONFLICT", "media.upload.finished");

  const contentType = options.contentType?.split(";")[0]?.trim().toLowerCase();
  if (contentType !== grant.contentType) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "media.upload.contentType", { fields: { contentType: ["media.upload.contentType"] } });
  }
  if (options.contentLength !== undefined && options.contentLength > grant.size) throw tooLarge();

  try {
    const size = await ctx.storage.putStream(grant.key, options.body, { contentType: grant.contentType, maxBytes: grant.size });
    return { uploadId: grant.uploadId, size };
  } catch (e) {
    if (e instanceof ObjectTooLargeError) throw tooLarge();
    throw e;
  }
}

function tooLarge(): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", "media.upload.largerThanDeclared", { fields: { size: ["media.upload.largerThanDeclared"] } });
}
