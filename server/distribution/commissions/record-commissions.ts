import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Transaction } from "../../../db/client";
import { commissionEvents, commissions, type OutboxEvent } from "../../../db/schema";
import type { OrderPaidPayload } from "../../commerce/events";
import type { ConsumerContext } from "../../jobs/consumer";
import { emitEvent } from "../../jobs/emit-event";
import { claimEntry, postEntry, type PostingInput } from "../../ledger";
import { commissionExpense, creatorPending, mcnPending } from "./accounts";
import { COMMISSION_CREATED, COMMISSION_CREATED_PUSH } from "./events";
import type { CommissionCreatedPush } from "./push";

export type { CommissionCreatedPush };
import { campaignBonusRateBp } from "../../creators/campaigns/bonus-rate";
import { creatorTierMultiplierBp, mcnSplitFor } from "./hooks";
import { commissionFor, splitWithMcn } from "./rules";

const int = z.number().int();
export const orderPaidSchema = z.looseObject({
  orderId: z.uuid(),
  orderNumber: z.string(),
  kind: z.enum(["product", "membership"]),
  buyerId: z.uuid().nullable(),
  linkId: z.uuid().nullable(),
  creatorId: z.uuid().nullable(),
  totalCents: int,
  paidAt: z.iso.datetime({ offset: true }),
  confirmableAt: z.iso.datetime({ offset: true }),
  lines: z.array(
    z.looseObject({
      lineId: z.uuid(),
      productId: z.uuid().nullable(),
      title: z.string(),
      quantity: int,
      lineTotalCents: int.min(0),
      commissionRateBp: int.min(0).max(10_000),
    }),
  ),
}) satisfies z.ZodType<Partial<OrderPaidPayload>>;

/**
 * An attributed product order was paid: one pending commission per order line, each its own ledger
 * entry (`commission:order:<orderId>:line:<lineId>`: the platform's commission_expense → the creator's
 * pending, plus the MCN's share when a contract applies), a `created` step on its timeline, the link's
 * orders / GMV / commission counters, and a `commission:created` push to the creator.
 *
 * Exactly once however often the event is delivered, even by racing workers: the order-level claim
 * `commission:order:<orderId>` is taken first (a unique key; a twin waits for it and finds it taken),
 * and only its winner writes anything. Orders without attribution, membership orders and — defensively,
 * as attribution already excludes them — purchases through one's own link earn nothing.
 */
export async function recordCommissions(tx: Transaction, event: OutboxEvent, ctx: ConsumerContext): Promise<void> {
  const p = orderPaidSchema.parse(event.payload);
  if (p.kind !== "product" || !p.creatorId || !p.linkId) return;
  if (p.buyerId !== null && p.buyerId === p.creatorId) return;
  const creatorId = p.creatorId;
  const paidAt = new Date(p.paidAt);
  const confirmableAt = new Date(p.confirmableAt);
  const now = ctx.clock.now();

  const claim = await claimEntry(tx, {
    idempotencyKey: `commission:order:${p.orderId}`,
    reason: "commission.order",
    userId: creatorId,
    sourceEventId: event.id,
    memo: { orderId: p.orderId, linkId: p.linkId },
    occurredAt: paidAt,
    now,
  });
  if (!claim.created) return;

  const [tierBp, split] = await Promise.all([creatorTierMultiplierBp(tx, creatorId), mcnSplitFor(tx, creatorId, paidAt)]);
  const created: CommissionCreatedPush["commissions"] = [];
  let gmvCents = 0;
  let commissionCents = 0;
  for (const line of p.lines) {
    gmvCents += line.lineTotalCents;
    // A product push running when the order was paid adds its bonus to the product's own rate.
    const bonusBp = line.productId ? await campaignBonusRateBp(tx, line.productId, creatorId, paidAt) : 0;
    const rateBp = Math.min(line.commissionRateBp + bonusBp, 10_000);
    const gross = commissionFor(line.lineTotalCents, rateBp, tierBp);
    if (gross === 0) continue;
    const { creatorCents, mcnCents } = split ? splitWithMcn(gross, split.shareBp) : { creatorCents: gross, mcnCents: 0 };
    const postings: PostingInput[] = [
      { account: commissionExpense(), amount: -gross },
      { account: creatorPending(creatorId), amount: creatorCents },
    ];
    if (split && mcnCents > 0) postings.push({ account: mcnPending(split.mcnId), amount: mcnCents });
    const entry = await postEntry(tx, {
      idempotencyKey: `commission:order:${p.orderId}:line:${line.lineId}`,
      reason: "commission.created",
      userId: creatorId,
      sourceEventId: event.id,
      memo: { orderId: p.orderId, lineId: line.lineId, linkId: p.linkId, rateBp, bonusRateBp: bonusBp, tierMultiplierBp: tierBp, mcnId: split?.mcnId ?? null },
      occurredAt: paidAt,
      now,
      postings,
    });
    if (!entry.created) continue;
    const [row] = await tx
      .insert(commissions)
      .values({
        orderId: p.orderId,
        orderLineId: line.lineId,
        linkId: p.linkId,
        creatorId,
        mcnId: split && mcnCents > 0 ? split.mcnId : null,
        mcnShareCents: mcnCents,
        amountCents: creatorCents,
        rateBp,
        tierMultiplierBp: tierBp,
        status: "pending",
        confirmableAt,
        createdAt: paidAt,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: commissions.orderLineId })
      .returning({ id: commissions.id });
    if (!row) continue;
    await tx.insert(commissionEvents).values({ commissionId: row.id, reason: "created", amountCents: creatorCents, entryId: entry.entryId, at: paidAt });
    created.push({ id: row.id, lineId: line.lineId, title: line.title, amountCents: creatorCents, status: "pending", confirmableAt: confirmableAt.toISOString() });
    commissionCents += creatorCents;
  }

  // The link's counters move in the same transaction as the money they summarise.
  await tx.execute(sql`
    update distribution_links set orders = orders + 1, gmv_cents = gmv_cents + ${gmvCents}, commission_cents = commission_cents + ${commissionCents}
    where id = ${p.linkId}`);
  if (created.length === 0) return;
  await emitEvent(tx, {
    type: COMMISSION_CREATED,
    payload: { orderId: p.orderId, creatorId, linkId: p.linkId, commissionIds: created.map((c) => c.id), amountCents: commissionCents },
    occurredAt: paidAt,
  });
  const push: CommissionCreatedPush = { orderId: p.orderId, orderNumber: p.orderNumber, linkId: p.linkId, commissions: created, totalCents: commissionCents };
  ctx.realtime.toUser(creatorId, COMMISSION_CREATED_PUSH, push);
}
