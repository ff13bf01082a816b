import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { uploads, type Upload, type UploadKind } from "../../db/schema";
import { AppError } from "../shared/errors";

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
    throw invalid("The same file is attached twice.");
  }
  if (!uploadIds.every((id) => UUID.test(id))) throw invalid("Some files could not be found.");
  const rows = await db
    .select()
    .from(uploads)
    .where(and(inArray(uploads.id, uploadIds), eq(uploads.ownerId, ownerId)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return uploadIds.map((id) => {
    const row = byId.get(id);
    if (!row) throw invalid("Some files could not be found.");
    if (row.status !== "ready") throw invalid("Some files have not finished uploading.");
    if (!kinds.includes(row.kind)) throw invalid("Some files are of a kind that cannot be attached here.");
    return row;
  });
}

function invalid(message: string): AppError {
  return new AppError("VALIDATION_FAILED", message, { fields: { mediaIds: [message] } });
}
