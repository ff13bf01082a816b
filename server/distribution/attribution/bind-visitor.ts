import { visitorBindings } from "../../../db/schema";
import type { Queryable } from "../../../db/client";

/**
 * Binds a first-party visitor id to the account that signed up or logged in with it, so clicks made
 * before signing in (on this browser) are credited to what that account buys later, on any device.
 * A visitor id binds once: the first account wins, and a later log-in of someone else on the same
 * browser changes nothing (insert … on conflict do nothing, never check-then-insert).
 */
export async function bindVisitor(db: Queryable, visitorId: string | null | undefined, userId: string, now: Date): Promise<void> {
  if (!visitorId) return;
  await db.insert(visitorBindings).values({ visitorId, userId, boundAt: now }).onConflictDoNothing({ target: visitorBindings.visitorId });
}
