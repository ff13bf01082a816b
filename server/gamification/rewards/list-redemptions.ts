import { and, eq } from "drizzle-orm";
import { redemptions, type RedemptionStatus } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { listRedemptionsQuerySchema, type RedemptionView } from "./schemas";
import { redemptionViews } from "./views";

export interface ListRedemptionsInput {
  status?: RedemptionStatus;
  limit?: number;
}

/** The member's own redemptions, newest first (兑换记录). */
export async function listMyRedemptions(ctx: Pick<AppContext, "db">, member: CurrentUser, input: ListRedemptionsInput = {}): Promise<RedemptionView[]> {
  requirePermission(member, "redeem:reward:own");
  const q = parseInput(listRedemptionsQuerySchema, input);
  return redemptionViews(ctx.db, and(eq(redemptions.userId, member.id), q.status ? eq(redemptions.status, q.status) : undefined), { limit: q.limit });
}

/**
 * The staff fulfilment queue: pending redemptions oldest first (first come, first shipped), or any
 * other status newest first.
 */
export async function listRedemptionQueue(ctx: Pick<AppContext, "db">, staff: CurrentUser, input: ListRedemptionsInput = {}): Promise<RedemptionView[]> {
  requirePermission(staff, "manage:rewards:any");
  const q = parseInput(listRedemptionsQuerySchema, { status: "pending", ...input });
  const status = q.status ?? "pending";
  return redemptionViews(ctx.db, and(eq(redemptions.status, status)), { limit: q.limit, order: status === "pending" ? "asc" : "desc" });
}
