import { eq, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { distributionRights, distributionRightsHistory, type RightsPath } from "../../../db/schema";
import { emitEvent } from "../../jobs/emit-event";
import { evaluateDistributionRights, type RightsEvaluation } from "./evaluate-distribution-rights";
import { RIGHTS_CHANGED, type RightsChangedPayload } from "./events";

export interface SyncResult {
  from: RightsPath | null;
  to: RightsPath | null;
  changed: boolean;
  evaluation: RightsEvaluation;
}

/**
 * Brings the member's stored rights in line with where they stand at `now`: the first satisfied path
 * (creator first), or none. A change writes distribution_rights, a history row with the reason, and
 * `distribution.rights.changed` — all in the caller's transaction. A lapsed path (check-in days fallen
 * out of the window, a refund below the purchase threshold, a membership ended) revokes; the creator path
 * holds as long as the role does.
 *
 * The member's row is created if missing and then locked, so two re-checks of one member (a check-in and
 * the daily job, say) take turns and the second sees the first's outcome: one history row per change.
 */
export async function syncDistributionRights(
  tx: Queryable,
  userId: string,
  now: Date,
  options: { reason: string; timeZone?: string },
): Promise<SyncResult> {
  await tx.insert(distributionRights).values({ userId, path: null, updatedAt: now }).onConflictDoNothing();
  const [row] = await tx.select().from(distributionRights).where(eq(distributionRights.userId, userId)).for("update");
  const evaluation = await evaluateDistributionRights(tx, userId, now, { timeZone: options.timeZone });
  const from = row?.path ?? null;
  const to = evaluation.path;
  if (from === to) return { from, to, changed: false, evaluation };

  await tx
    .update(distributionRights)
    .set({
      path: to,
      // A move between paths keeps the original grant time: the member never lost the rights.
      grantedAt: to === null ? row?.grantedAt ?? null : from === null ? now : row?.grantedAt ?? now,
      revokedAt: to === null ? now : null,
      updatedAt: now,
    })
    .where(eq(distributionRights.userId, userId));
  await tx.insert(distributionRightsHistory).values({ userId, fromPath: from, toPath: to, reason: options.reason, at: now });
  const payload: RightsChangedPayload = { userId, fromPath: from, toPath: to, reason: options.reason, at: now.toISOString() };
  await emitEvent(tx, { type: RIGHTS_CHANGED, payload, occurredAt: now });
  return { from, to, changed: true, evaluation };
}

/** Members whose rights rest on a path that can lapse with time alone (the daily re-check's list). */
export async function membersOnLapsingPaths(db: Queryable, limit: number, afterUserId: string | null): Promise<string[]> {
  const rows = await db
    .select({ userId: distributionRights.userId })
    .from(distributionRights)
    .where(sql`${distributionRights.path} in ('tasks', 'membership') and (${afterUserId}::uuid is null or ${distributionRights.userId} > ${afterUserId}::uuid)`)
    .orderBy(distributionRights.userId)
    .limit(limit);
  return rows.map((r) => r.userId);
}
