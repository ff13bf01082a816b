import { and, asc, desc, eq, getTableColumns, sql } from "drizzle-orm";
import { rewards } from "../../../db/schema";
import type { AppContext } from "../../context";
import { can, type CurrentUser } from "../../identity";
import { AppError } from "../../shared/errors";
import { isUuid, type RewardView } from "./schemas";
import { rewardImageKey, rewardViewOf, viewerState } from "./views";

/**
 * The shop's shelf: active items whose window has not ended (including those not open yet, shown as
 * "coming"), cheapest first. For a signed-in member each item says whether they can redeem it and,
 * if not, why ("need 120 more points", "V3 required"). Staff may ask for everything (`all`).
 */
export async function listRewards(ctx: Pick<AppContext, "db" | "clock">, viewer: CurrentUser | null, options: { all?: boolean } = {}): Promise<RewardView[]> {
  const now = ctx.clock.now();
  if (options.all && !can(viewer, "manage:rewards:any")) throw new AppError(viewer ? "FORBIDDEN" : "UNAUTHENTICATED", viewer ? "forbidden" : "unauthenticated");
  const where = options.all ? undefined : and(eq(rewards.active, true), sql`(${rewards.endsAt} is null or ${rewards.endsAt} > ${now.toISOString()}::timestamptz)`);
  const rows = await ctx.db
    .select({ ...getTableColumns(rewards), imageKey: rewardImageKey })
    .from(rewards)
    .where(where)
    .orderBy(options.all ? desc(rewards.createdAt) : asc(rewards.pointsPrice), asc(rewards.id));
  const state = viewer ? await viewerState(ctx.db, viewer.id, rows.map((r) => r.id)) : null;
  return rows.map((r) => rewardViewOf(r, now, state));
}

/**
 * One item. Inactive items are shown only to staff (members who follow an old link get 404); ended
 * ones stay visible so a member can read what they redeemed.
 */
export async function getReward(ctx: Pick<AppContext, "db" | "clock">, viewer: CurrentUser | null, rewardId: string): Promise<RewardView> {
  if (!isUuid(rewardId)) throw new AppError("NOT_FOUND", "rewards.notFound");
  const [row] = await ctx.db
    .select({ ...getTableColumns(rewards), imageKey: rewardImageKey })
    .from(rewards)
    .where(eq(rewards.id, rewardId));
  if (!row || (!row.active && !can(viewer, "manage:rewards:any"))) throw new AppError("NOT_FOUND", "rewards.notFound");
  const state = viewer ? await viewerState(ctx.db, viewer.id, [row.id]) : null;
  return rewardViewOf(row, ctx.clock.now(), state);
}
