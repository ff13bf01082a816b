import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import type { AppContext } from "../context";
import { IDENTITY_EVENTS, type CurrentUser, type ProfileUpdatedPayload } from "../identity";
import { emitEvent } from "../jobs/emit-event";
import { AppError } from "../shared/errors";
import { requireReadyUploads } from "./require-ready-uploads";
import { parseInput, setAvatarSchema } from "./schemas";
import { avatarUrlOf } from "./views";

/**
 * Makes a ready avatar upload the user's avatar (or removes it with null). users.avatar_key belongs
 * to the identity context's table; it is a plain pointer to a media key with no rules of its own,
 * so media writes it directly rather than routing one column through identity.
 * Earlier avatars stay stored: their URLs are immutable and may still sit in caches.
 */
export async function setAvatar(
  ctx: AppContext,
  user: CurrentUser,
  uploadId: string | null,
): Promise<{ avatarUrl: string | null }> {
  const data = parseInput(setAvatarSchema, { uploadId });
  let avatarKey: string | null = null;
  if (data.uploadId) {
    const [upload] = await requireReadyUploads(ctx.db, user.id, [data.uploadId], { kinds: ["avatar"] }).catch((e) => {
      // The API field is uploadId, not a note's mediaIds.
      if (e instanceof AppError && e.fields?.mediaIds) {
        throw new AppError("VALIDATION_FAILED", e.message, { fields: { uploadId: e.fields.mediaIds } });
      }
      throw e;
    });
    avatarKey = upload!.variants.medium?.key ?? upload!.key;
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ avatarKey, updatedAt: now }).where(eq(users.id, user.id));
    // Identity's own fact, so whoever refreshes profiles on it (search, caches) sees avatar changes too.
    const payload: ProfileUpdatedPayload = { userId: user.id, changed: ["avatarKey"] };
    await emitEvent(tx, { type: IDENTITY_EVENTS.profileUpdated, payload, occurredAt: now });
  });
  return { avatarUrl: avatarUrlOf(avatarKey) };
}
