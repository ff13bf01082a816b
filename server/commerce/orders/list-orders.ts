import { and, eq, sql, type SQL } from "drizzle-orm";
import { orders } from "../../../db/schema";
import type { AppContext } from "../../context";
import { can, requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { AppError } from "../../shared/errors";
import { isUuid } from "../products/schemas";
import { MANAGE_PRODUCTS } from "../products/save-product";
import { listOrdersQuerySchema, type ListOrdersQuery, type OrderView } from "./schemas";
import { orderViewById, orderViews } from "./views";

export interface OrderPage {
  orders: OrderView[];
  nextCursor: string | null;
}

function cursorWhere(cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const date = new Date(at ?? "");
  if (!id || !isUuid(id) || Number.isNaN(date.getTime())) throw new AppError("VALIDATION_FAILED", "commerce.order.cursor", { fields: { cursor: ["commerce.order.cursor"] } });
  return sql`(${orders.createdAt}, ${orders.id}) < (${date.toISOString()}::timestamptz, ${id}::uuid)`;
}

function page(views: OrderView[], limit: number): OrderPage {
  const shown = views.slice(0, limit);
  const last = shown[shown.length - 1];
  return { orders: shown, nextCursor: views.length > limit && last ? Buffer.from(`${last.createdAt}|${last.id}`).toString("base64url") : null };
}

/** The buyer's own orders, newest first. */
export async function listMyOrders(ctx: Pick<AppContext, "db">, buyer: CurrentUser, input: ListOrdersQuery = {}): Promise<OrderPage> {
  requirePermission(buyer, "create:order:own");
  const query = parseInput(listOrdersQuerySchema, input);
  const where = and(eq(orders.buyerId, buyer.id), query.status ? eq(orders.status, query.status) : undefined, cursorWhere(query.cursor));
  return page(await orderViews(ctx.db, where, { limit: query.limit + 1, staff: false }), query.limit);
}

/** Every order (shop and external), newest first, for staff. */
export async function listAllOrders(ctx: Pick<AppContext, "db">, staff: CurrentUser, input: ListOrdersQuery = {}): Promise<OrderPage> {
  requirePermission(staff, MANAGE_PRODUCTS);
  const query = parseInput(listOrdersQuerySchema, input);
  const where = and(query.status ? eq(orders.status, query.status) : undefined, cursorWhere(query.cursor));
  return page(await orderViews(ctx.db, where, { limit: query.limit + 1, staff: true }), query.limit);
}

/**
 * One order, for its buyer or staff. Anyone else gets "not found" — the same answer as for an id that
 * doesn't exist, so order ids can't be probed.
 */
export async function getOrder(ctx: Pick<AppContext, "db">, viewer: CurrentUser, orderId: string): Promise<OrderView> {
  if (!isUuid(orderId)) throw new AppError("NOT_FOUND", "commerce.order.notFound");
  const staff = can(viewer, MANAGE_PRODUCTS);
  const view = await orderViewById(ctx.db, orderId, staff);
  if (!view || (!staff && view.buyer?.id !== viewer.id)) throw new AppError("NOT_FOUND", "commerce.order.notFound");
  return view;
}
