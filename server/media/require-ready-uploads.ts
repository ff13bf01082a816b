import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { uploads, type Upload, type UploadKind } from "../../db/schema";
import { AppError } from "../shared/errors";
import type { MessageKey } from "../shared/messages";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The owner's ready uploads with these ids, in the order given. Attaching media to a note goes
 * through here, so nobody can attach someone else's file, a half-uploaded one or a rejected one.
 * Post media is images and videos; avatars are only for profiles unless `kinds` says otherwise.
 */
export async function requireReadyUploads(
  db: Queryable,
  ownerId: string,
  uploadIds: string[],
  options: { kinds?: readonly UploadKind[] } = {},
): Promise<Upload[]> {
  const kinds = options.kinds ?? ["image", "video"];
  if (uploadIds.length === 0) return [];
  if (new Set(uploadIds).size !== uploadIds.length) {
    throw invalid("media.attach.duplicate");
  }
  if (!uploadIds.every((id) => UUID.test(id))) throw invalid("media.attach.notFound");
  const rows = await db
    .select()
    .from(uploads)
    .where(and(inArray(uploads.id, uploadIds), eq(uploads.ownerId, ownerId)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return uploadIds.map((id) => {
    const row = byId.get(id);
    if (!row) throw invalid("media.attach.notFound");
    if (row.status !== "ready") throw invalid("media.attach.notReady");
    if (!kinds.includes(row.kind)) throw invalid("media.attach.wrongKind");
    return row;
  });
}

function invalid(message: MessageKey): AppError {
  return new AppError("VALIDATION_FAILED", message, { fields: { mediaIds: [message] } });
}
