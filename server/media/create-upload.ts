import crypto from "node:crypto";
import { uploads } from "../../db/schema";
import type { AppContext } from "../context";
import type { CurrentUser } from "../identity";
import { UPLOADS_PER_USER } from "./rate-limits";
import { PENDING_UPLOAD_TTL_MS, UPLOAD_URL_TTL_SEC, uploadKey } from "./rules";
import { createUploadSchema, parseInput, type CreateUploadInput, type CreateUploadResult } from "./schemas";
import { signUploadGrant } from "./upload-token";

/** Where the embedded server receives upload bodies; a signed token in the path is the authority. */
export const LOCAL_UPLOAD_PATH = "/media-upload";

/**
 * Starts an upload: checks the declared kind, type and size, records a pending row and returns
 * where to PUT the bytes — a presigned S3 URL bound to that type and length, or a signed URL on this
 * server that enforces the size while streaming. Either way the client does the same thing next:
 * PUT with `headers`, then `completeUpload`.
 */
export async function createUpload(ctx: AppContext, user: CurrentUser, input: CreateUploadInput): Promise<CreateUploadResult> {
  const data = parseInput(createUploadSchema, input);
  await ctx.rateLimits.consume(UPLOADS_PER_USER, user.id);

  const now = ctx.clock.now();
  const id = crypto.randomUUID();
  const key = uploadKey(user.id, id, "original");
  const urlExpiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + UPLOAD_URL_TTL_SEC * 1000);

  const uploadUrl = ctx.storage.presign
    ? await ctx.storage.presign.putUrl(key, {
        contentType: data.contentType,
        contentLength: data.size,
        expiresInSec: UPLOAD_URL_TTL_SEC,
        now,
      })
    : `${ctx.config.publicUrl?.replace(/\/$/, "") ?? ""}${LOCAL_UPLOAD_PATH}/${signUploadGrant(ctx.config.sessionSecret, {
        uploadId: id,
        key,
        contentType: data.contentType,
        size: data.size,
        expiresAt: urlExpiresAt.getTime() / 1000,
      })}`;

  const [row] = await ctx.db
    .insert(uploads)
    .values({
      id,
      ownerId: user.id,
      kind: data.kind,
      key,
      declaredMime: data.contentType,
      declaredSize: data.size,
      status: "pending",
      createdAt: now,
      expiresAt: new Date(now.getTime() + PENDING_UPLOAD_TTL_MS),
    })
    .returning();

  return {
    upload: { id: row!.id, key: row!.key, kind: row!.kind, status: row!.status },
    uploadUrl,
    method: "PUT",
    headers: { "Content-Type": data.contentType },
    expiresAt: urlExpiresAt.toISOString(),
  };
}
