import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import type { AppContext } from "../context";
import { emitEvent } from "../jobs/emit-event";
import { AppError } from "../shared/errors";
import { findCurrentUser, type CurrentUser } from "./current-user";
import { IDENTITY_EVENTS, type ProfileUpdatedPayload } from "./events";
import { parseInput } from "./parse-input";
import { profileUpdateSchema, type ProfileUpdateInput } from "./schemas";

/**
 * Changes a user's display name, bio and/or language (any subset; a full profile form sends all
 * three) and records identity.profile.updated for search and caches.
 */
export async function updateProfile(ctx: AppContext, userId: string, input: ProfileUpdateInput): Promise<CurrentUser> {
  const data = parseInput(profileUpdateSchema, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const changed = Object.keys(data).filter((k) => data[k as keyof typeof data] !== undefined);
    const updated = await tx
      .update(users)
      .set({ ...data, updatedAt: now })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (updated.length === 0) throw new AppError("NOT_FOUND", "notFound");
    const payload: ProfileUpdatedPayload = { userId, changed };
    await emitEvent(tx, { type: IDENTITY_EVENTS.profileUpdated, payload, occurredAt: now });
    return (await findCurrentUser(tx, userId))!;
  });
}
