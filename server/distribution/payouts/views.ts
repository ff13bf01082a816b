import { and, asc, desc, eq, type SQL } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { mcns, payouts, users } from "../../../db/schema";
import type { PayoutView } from "./schemas";

/** Payouts as the pages and the API show them, with the owner's name for the staff queue: a member's handle, or an MCN's name. */
export async function payoutViews(db: Queryable, where: SQL | undefined, options: { limit?: number; order?: "asc" | "desc" } = {}): Promise<PayoutView[]> {
  const rows = await db
    .select({ p: payouts, handle: users.handle, displayName: users.displayName, mcnName: mcns.name })
    .from(payouts)
    .leftJoin(users, and(eq(payouts.ownerType, "user"), eq(users.id, payouts.ownerId)))
    .leftJoin(mcns, and(eq(payouts.ownerType, "mcn"), eq(mcns.id, payouts.ownerId)))
    .where(where)
    .orderBy(options.order === "asc" ? asc(payouts.requestedAt) : desc(payouts.requestedAt), asc(payouts.id))
    .limit(options.limit ?? 50);
  return rows.map(({ p, handle, displayName, mcnName }) => ({
    id: p.id,
    ownerId: p.ownerId,
    owner: handle !== null ? { id: p.ownerId, handle, displayName: displayName ?? handle } : null,
    mcn: mcnName !== null ? { id: p.ownerId, name: mcnName } : null,
    amountCents: p.amountCents,
    status: p.status,
    reason: p.reason,
    heldForReview: p.heldForReview,
    requestedAt: p.requestedAt.toISOString(),
    decidedAt: p.decidedAt?.toISOString() ?? null,
    paidAt: p.paidAt?.toISOString() ?? null,
  }));
}

export async function payoutById(db: Queryable, id: string): Promise<PayoutView | null> {
  return (await payoutViews(db, eq(payouts.id, id), { limit: 1 }))[0] ?? null;
}
