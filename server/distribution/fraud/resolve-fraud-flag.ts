import { and, eq, isNull } from "drizzle-orm";
import { fraudFlags } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { recordAudit } from "../../ops";
import { AppError } from "../../shared/errors";
import { REVIEW_FLAGS, fraudFlagViews } from "./list-fraud-flags";
import { isUuid, resolveFraudFlagSchema, type FraudFlagView, type ResolveFraudFlagInput } from "./schemas";

/**
 * Staff resolve an open flag with a note (audited). Once the member has no open flag, their payouts
 * stop waiting (isFlagged). Resolving happens once: the UPDATE matches only an open flag, so a second
 * click — or two staff at once — gets 409.
 */
export async function resolveFraudFlag(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser, flagId: string, input: ResolveFraudFlagInput): Promise<FraudFlagView> {
  requirePermission(staff, REVIEW_FLAGS);
  const data = parseInput(resolveFraudFlagSchema, input);
  if (!isUuid(flagId)) throw new AppError("NOT_FOUND", "fraud.flag.notFound");
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(fraudFlags)
      .set({ resolvedAt: now, resolvedBy: staff.id, resolution: data.note })
      .where(and(eq(fraudFlags.id, flagId), isNull(fraudFlags.resolvedAt)))
      .returning();
    if (!row) {
      const [exists] = await tx.select({ id: fraudFlags.id }).from(fraudFlags).where(eq(fraudFlags.id, flagId));
      throw exists ? new AppError("CONFLICT", "fraud.flag.resolved") : new AppError("NOT_FOUND", "fraud.flag.notFound");
    }
    await recordAudit(tx, {
      actorId: staff.id,
      action: "distribution.fraudFlag.resolved",
      subjectType: "fraud_flag",
      subjectId: row.id,
      before: { resolvedAt: null },
      after: { resolvedAt: now.toISOString(), resolution: data.note, userId: row.userId, kind: row.kind },
      at: now,
    });
  });
  const [view] = await fraudFlagViews(ctx.db, eq(fraudFlags.id, flagId), { limit: 1, order: "asc" });
  return view!;
}
