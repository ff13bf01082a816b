import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { makeupCards } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { balanceOf, consumePointLots, INSUFFICIENT, platformAccount, postEntry, userAccount } from "../../ledger";
import { localDate } from "../../shared/clock";
import { AppError, isAppError } from "../../shared/errors";
import { lockMemberCheckins } from "./lock";
import { makeupCardCounts } from "./makeup-cards";
import { parseInput } from "./parse-input";
import { monthOf } from "./rules";
import { buyMakeupCardSchema, type BuyMakeupCardInput } from "./schemas";
import { readCheckInSettings } from "./settings";

export interface BuyResult {
  cardId: string;
  created: boolean;
  pointsSpent: number;
  cardsAvailable: number;
  pointsBalance: number;
}

/**
 * Buys one make-up card with points at the price in the check-in setting. Exactly once per request
 * key: the card's unique key (`makeup:purchase:<userId>:<requestKey>`) is claimed first with
 * INSERT … ON CONFLICT DO NOTHING, and only the request that claimed it posts the spend
 * (`spend:makeup:<userId>:<requestKey>`, the member's points → the platform's points expense) and
 * takes the points out of the member's lots, oldest first. Without a key every request is a new
 * purchase. Too few points: the ledger's CHECK refuses the overdraft, the transaction (card included)
 * rolls back, and the member hears `checkin.makeup.insufficientPoints`.
 */
export async function buyMakeupCard(
  ctx: Pick<AppContext, "db" | "clock" | "config">,
  user: CurrentUser,
  raw: BuyMakeupCardInput,
): Promise<BuyResult> {
  requirePermission(user, "checkIn:daily:own");
  const input = parseInput(buyMakeupCardSchema, raw);
  const settings = await readCheckInSettings(ctx.db);
  if (settings.makeupCardPrice <= 0) throw new AppError("CONFLICT", "checkin.makeup.notForSale");
  const now = ctx.clock.now();
  const timeZone = ctx.config.platformTimeZone;
  const requestKey = input.requestKey ?? crypto.randomUUID();
  const price = settings.makeupCardPrice;

  try {
    return await ctx.db.transaction(async (tx) => {
      await lockMemberCheckins(tx, user.id);
      const [card] = await tx
        .insert(makeupCards)
        .values({ userId: user.id, source: "purchase", idempotencyKey: `makeup:purchase:${user.id}:${requestKey}`, acquiredAt: now })
        .onConflictDoNothing()
        .returning({ id: makeupCards.id });
      let cardId: string;
      let pointsSpent = 0;
      if (card) {
        cardId = card.id;
        await postEntry(tx, {
          idempotencyKey: `spend:makeup:${user.id}:${requestKey}`,
          reason: "makeup",
          userId: user.id,
          memo: { cardId, price },
          occurredAt: now,
          now,
          postings: [
            { account: userAccount(user.id, "points"), amount: -price },
            { account: platformAccount("points", "expense"), amount: price },
          ],
        });
        await consumePointLots(tx, user.id, price);
        pointsSpent = price;
      } else {
        const [earlier] = await tx
          .select({ id: makeupCards.id })
          .from(makeupCards)
          .where(eq(makeupCards.idempotencyKey, `makeup:purchase:${user.id}:${requestKey}`));
        cardId = earlier!.id;
      }
      const counts = await makeupCardCounts(tx, user.id, monthOf(localDate(now, timeZone)), timeZone);
      return {
        cardId,
        created: Boolean(card),
        pointsSpent,
        cardsAvailable: counts.available,
        pointsBalance: await balanceOf(tx, userAccount(user.id, "points")),
      };
    });
  } catch (e) {
    if (isAppError(e) && e.message === INSUFFICIENT) {
      throw new AppError("CONFLICT", "checkin.makeup.insufficientPoints", { cause: e });
    }
    throw e;
  }
}
