import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { createOrder, type CreateOrderOptions } from "../orders/create-order";
import type { OrderView } from "../orders/schemas";
import { AppError } from "../../shared/errors";
import { isUuid } from "./schemas";

/**
 * A member buys a plan: an ordinary pending order of kind `membership` (the shop's createOrder), which
 * they then pay on the order page like any other. The period starts when the order is paid (see
 * startMembership): buying again while a period runs renews, starting where the running one ends.
 */
export async function purchaseMembership(
  ctx: Pick<AppContext, "db" | "clock" | "config">,
  member: CurrentUser,
  planId: string,
  options: CreateOrderOptions = {},
): Promise<OrderView> {
  if (!isUuid(planId)) throw new AppError("NOT_FOUND", "membership.plan.notFound");
  return createOrder(ctx, member, { membershipPlanId: planId }, options);
}
