import { randomUUID } from "node:crypto";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client";
import { redemptions, rewards } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { emitEvent } from "../../jobs/emit-event";
import { consumePointLots, ensureAccount, INSUFFICIENT, lockBalance, platformAccount, postEntry, userAccount } from "../../ledger";
import { AppError, isAppError, isUniqueViolation, pgConstraint } from "../../shared/errors";
import { currentLevelOf } from "../points";
import { isUuid, redeemRewardSchema, type RedeemRewardInput, type RedemptionView } from "./schemas";
import { redemptionById } from "./views";

export const REWARD_REDEEMED = "gamification.reward.redeemed";

export interface RedeemResult {
  redemption: RedemptionView;
  /** True when the request key had already redeemed: this is that earlier redemption, nothing new happened. */
  replayed: boolean;
}

/** The stored key: a client's key is scoped to the member, so two members can't collide. */
const storedKey = (userId: string, requestKey: string) => `redeem:${userId}:${requestKey}`;

/**
 * A member buys `quantity` units of an item with points, all in one transaction:
 *
 * 1. Lock the member's points balance row first. Every redemption by one member queues here, so the
 *    per-user limit, the replay check and the balance check below see each other's results; members
 *    don't wait for one another.
 * 2. A request key seen before returns its redemption (`replayed`), however many copies race.
 * 3. Window, level, shipping and per-user limit are checked against the row as it is now.
 * 4. Stock drops in one conditional UPDATE (`stock >= quantity` in its WHERE): of 100 members racing
 *    for the last unit, the first to reach the row wins and the rest update nothing — never a
 *    read-then-write, and the table's CHECK keeps stock ≥ 0 besides.
 * 5. The points leave through the ledger (user available → platform expense, key `redemption:<id>`),
 *    whose CHECK refuses an overdraft inside the database; the FIFO lots give up the same points.
 *
 * Any refusal aborts the transaction, so nothing of a failed redemption remains.
 */
export async function redeemReward(
  ctx: Pick<AppContext, "db" | "clock">,
  member: CurrentUser,
  rewardId: string,
  input: RedeemRewardInput,
  options: { idempotencyKey?: string | null } = {},
): Promise<RedeemResult> {
  requirePermission(member, "redeem:reward:own");
  const data = parseInput(redeemRewardSchema, input);
  const headerKey = options.idempotencyKey?.trim() || undefined;
  if (headerKey !== undefined && !/^[\w.:-]{8,100}$/.test(headerKey)) {
    throw new AppError("VALIDATION_FAILED", "rewards.redeem.requestKey", { fields: { "Idempotency-Key": ["rewards.redeem.requestKey"] } });
  }
  if (headerKey && data.requestKey && headerKey !== data.requestKey) {
    throw new AppError("VALIDATION_FAILED", "rewards.redeem.requestKeyMismatch", { fields: { requestKey: ["rewards.redeem.requestKeyMismatch"] } });
  }
  if (!isUuid(rewardId)) throw new AppError("NOT_FOUND", "rewards.notFound");
  const key = storedKey(member.id, headerKey ?? data.requestKey ?? randomUUID());
  const now = ctx.clock.now();

  try {
    const outcome = await ctx.db.transaction((tx) => redeemIn(tx, { member, rewardId, quantity: data.quantity, shipping: data.shipping, key, now }));
    const redemption = await redemptionById(ctx.db, outcome.redemptionId);
    return { redemption: redemption!, replayed: outcome.replayed };
  } catch (e) {
    if (isAppError(e) && e.code === "CONFLICT" && e.message === INSUFFICIENT) {
      throw new AppError("CONFLICT", "rewards.redeem.insufficientPoints", { cause: e });
    }
    // The lock makes this unreachable for one member's copies; the unique index is the last word anyway.
    if (isUniqueViolation(e) && pgConstraint(e) === "redemptions_idempotency_key") {
      const [earlier] = await ctx.db.select({ id: redemptions.id }).from(redemptions).where(eq(redemptions.idempotencyKey, key));
      if (earlier) return { redemption: (await redemptionById(ctx.db, earlier.id))!, replayed: true };
    }
    throw e;
  }
}

interface RedeemArgs {
  member: CurrentUser;
  rewardId: string;
  quantity: number;
  shipping: { name: string; phone: string; address: string } | undefined;
  key: string;
  now: Date;
}

async function redeemIn(tx: Transaction, args: RedeemArgs): Promise<{ redemptionId: string; replayed: boolean }> {
  const { member, rewardId, quantity, key, now } = args;
  const wallet = await ensureAccount(tx, userAccount(member.id, "points"), now);
  const balance = await lockBalance(tx, wallet);

  const [earlier] = await tx
    .select({ id: redemptions.id, rewardId: redemptions.rewardId, quantity: redemptions.quantity })
    .from(redemptions)
    .where(eq(redemptions.idempotencyKey, key));
  if (earlier) {
    // The same key for a different purchase is a client bug, not a retry: say so rather than guess.
    if (earlier.rewardId !== rewardId || earlier.quantity !== quantity) throw new AppError("CONFLICT", "rewards.redeem.requestKeyReused");
    return { redemptionId: earlier.id, replayed: true };
  }

  const [reward] = await tx.select().from(rewards).where(eq(rewards.id, rewardId));
  if (!reward || !reward.active) throw new AppError("NOT_FOUND", "rewards.notFound");
  if (reward.startsAt && now < reward.startsAt) throw new AppError("CONFLICT", "rewards.redeem.notStarted");
  if (reward.endsAt && now >= reward.endsAt) throw new AppError("CONFLICT", "rewards.redeem.ended");

  let shipping: Record<string, string> = {};
  if (reward.kind === "physical") {
    if (!args.shipping) throw new AppError("VALIDATION_FAILED", "rewards.shipping.required", { fields: { shipping: ["rewards.shipping.required"] } });
    shipping = { ...args.shipping };
  }

  const level = await currentLevelOf(tx, member.id);
  if (level.level < reward.minLevel) {
    throw new AppError("CONFLICT", "rewards.redeem.levelRequired");
  }

  if (reward.perUserLimit !== null) {
    const [mine] = await tx
      .select({ units: sql<number>`coalesce(sum(${redemptions.quantity}), 0)::int` })
      .from(redemptions)
      .where(and(eq(redemptions.userId, member.id), eq(redemptions.rewardId, rewardId), ne(redemptions.status, "cancelled")));
    if (Number(mine?.units ?? 0) + quantity > reward.perUserLimit) throw new AppError("CONFLICT", "rewards.redeem.limitReached");
  }

  const total = reward.pointsPrice * quantity;
  // A clear answer before touching stock; the ledger's CHECK below is what actually guarantees it.
  if (balance < total) throw new AppError("CONFLICT", "rewards.redeem.insufficientPoints");

  const took = await tx
    .update(rewards)
    .set({ stock: sql`${rewards.stock} - ${quantity}`, redeemedCount: sql`${rewards.redeemedCount} + ${quantity}`, updatedAt: now })
    .where(and(eq(rewards.id, rewardId), eq(rewards.active, true), sql`${rewards.stock} >= ${quantity}`))
    .returning({ stock: rewards.stock });
  if (took.length === 0) throw new AppError("CONFLICT", "rewards.redeem.soldOut");

  const [row] = await tx
    .insert(redemptions)
    .values({ rewardId, userId: member.id, quantity, points: total, status: "pending", idempotencyKey: key, shipping, createdAt: now, updatedAt: now })
    .returning({ id: redemptions.id });
  const redemptionId = row!.id;

  const entry = await postEntry(tx, {
    idempotencyKey: `redemption:${redemptionId}`,
    reason: "redemption",
    userId: member.id,
    occurredAt: now,
    now,
    memo: { rewardId, redemptionId, title: reward.title, quantity },
    postings: [
      { account: userAccount(member.id, "points"), amount: -total },
      { account: platformAccount("points", "expense"), amount: total },
    ],
  });
  await consumePointLots(tx, member.id, total);
  await tx.update(redemptions).set({ entryId: entry.entryId }).where(eq(redemptions.id, redemptionId));
  await emitEvent(tx, {
    type: REWARD_REDEEMED,
    payload: { redemptionId, rewardId, userId: member.id, quantity, points: total, kind: reward.kind, title: reward.title, stockLeft: took[0]!.stock },
    occurredAt: now,
  });
  return { redemptionId, replayed: false };
}
