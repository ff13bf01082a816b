import { and, eq } from "drizzle-orm";
import { payouts } from "../../../db/schema";
import type { AppContext } from "../../context";
import { can, requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { AppError } from "../../shared/errors";
import { isUuid, listPayoutsQuerySchema, type ListPayoutsQuery, type PayoutView } from "./schemas";
import { payoutById, payoutViews } from "./views";

/** The caller's own payouts, newest first (提现记录). Scoped by the caller's id: no one else's ever show. */
export async function listMyPayouts(ctx: Pick<AppContext, "db">, member: CurrentUser | null, input: ListPayoutsQuery = {}): Promise<PayoutView[]> {
  if (!member) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  const q = parseInput(listPayoutsQuerySchema, input);
  return payoutViews(ctx.db, and(eq(payouts.ownerType, "user"), eq(payouts.ownerId, member.id), q.status ? eq(payouts.status, q.status) : undefined), { limit: q.limit });
}

/** The staff queue: requested payouts oldest first (first come, first paid), any other status newest first. */
export async function listPayoutQueue(ctx: Pick<AppContext, "db">, staff: CurrentUser | null, input: ListPayoutsQuery = {}): Promise<PayoutView[]> {
  requirePermission(staff, "manage:payouts:any");
  const q = parseInput(listPayoutsQuerySchema, input);
  const status = q.status ?? "requested";
  return payoutViews(ctx.db, eq(payouts.status, status), { limit: q.limit, order: status === "requested" ? "asc" : "desc" });
}

/** One payout, for its owner or staff; anyone else gets the same 404 as for an id that doesn't exist. */
export async function getPayout(ctx: Pick<AppContext, "db">, viewer: CurrentUser | null, payoutId: string): Promise<PayoutView> {
  if (!viewer) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  const payout = isUuid(payoutId) ? await payoutById(ctx.db, payoutId) : null;
  if (!payout || (payout.ownerId !== viewer.id && !can(viewer, "manage:payouts:any"))) throw new AppError("NOT_FOUND", "distribution.payout.notFound");
  return payout;
}
