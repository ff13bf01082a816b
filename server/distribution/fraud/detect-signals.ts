import { sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { ATTRIBUTION_SETTINGS_KEY, attributionSettingsSchema, DEFAULT_ATTRIBUTION_SETTINGS } from "../attribution/resolve-attribution";
import { readSetting } from "../../ops";
import { rowsOf } from "../../shared/sql-rows";
import { raiseFraudFlag } from "./raise-fraud-flag";
import { CLICK_FLOOD_CLICKS, CLICK_FLOOD_WINDOW_MS, REFUND_RATE_WINDOW_DAYS, refundRateExceeded } from "./rules";

const DAY_MS = 86_400_000;

/**
 * Self-purchase: the buyer of a paid order clicked one of their own links within the attribution window
 * before paying (signed in, or from a visitor id bound to their account, or the order's own visitor id).
 * Attribution already refuses them the commission; the flag tells staff someone tried.
 */
export async function detectSelfPurchase(
  tx: Queryable,
  input: { orderId: string; buyerId: string; visitorId: string | null; paidAt: Date; now: Date },
): Promise<boolean> {
  const { windowDays } = await readSetting(tx, ATTRIBUTION_SETTINGS_KEY, attributionSettingsSchema, DEFAULT_ATTRIBUTION_SETTINGS);
  const since = new Date(input.paidAt.getTime() - windowDays * DAY_MS);
  const [hit] = rowsOf<{ link_id: string; at: string | Date }>(
    await tx.execute(sql`
      select c.link_id, c.at from link_clicks c
      join distribution_links l on l.id = c.link_id
      where l.creator_id = ${input.buyerId}::uuid and not c.is_bot
        and c.at > ${since.toISOString()}::timestamptz and c.at <= ${input.paidAt.toISOString()}::timestamptz
        and (c.user_id = ${input.buyerId}::uuid
          or c.visitor_id = ${input.visitorId ?? ""}
          or c.visitor_id in (select b.visitor_id from visitor_bindings b where b.user_id = ${input.buyerId}::uuid))
      order by c.at desc limit 1`),
  );
  if (!hit) return false;
  await raiseFraudFlag(tx, {
    userId: input.buyerId,
    kind: "self_purchase",
    details: { orderId: input.orderId, linkId: hit.link_id, clickedAt: new Date(hit.at).toISOString() },
    now: input.now,
  });
  return true;
}

/**
 * Refund rate: of the creator's attributed orders paid in the last 30 days, the share with any refund.
 * Checked on each refund of one of their orders, as of the refund's time.
 */
export async function detectRefundRate(tx: Queryable, input: { creatorId: string; at: Date; now: Date }): Promise<boolean> {
  const since = new Date(input.at.getTime() - REFUND_RATE_WINDOW_DAYS * DAY_MS);
  const [row] = rowsOf<{ total: number | string; refunded: number | string }>(
    await tx.execute(sql`
      select count(*)::int as total, count(*) filter (where refunded_cents > 0)::int as refunded
      from orders
      where creator_id = ${input.creatorId}::uuid and kind = 'product' and paid_at is not null
        and paid_at > ${since.toISOString()}::timestamptz and paid_at <= ${input.at.toISOString()}::timestamptz`),
  );
  const total = Number(row?.total ?? 0);
  const refunded = Number(row?.refunded ?? 0);
  if (!refundRateExceeded(refunded, total)) return false;
  await raiseFraudFlag(tx, {
    userId: input.creatorId,
    kind: "refund_rate",
    details: { orders: total, refunded, windowDays: REFUND_RATE_WINDOW_DAYS, at: input.at.toISOString() },
    now: input.now,
  });
  return true;
}

/**
 * Click floods: at least CLICK_FLOOD_CLICKS clicks on one creator's links from one hashed IP within the
 * last hour (bots and repeats included: a flood is exactly what those look like). Returns the creators
 * flagged.
 */
export async function detectClickFloods(tx: Queryable, now: Date): Promise<string[]> {
  const since = new Date(now.getTime() - CLICK_FLOOD_WINDOW_MS);
  const rows = rowsOf<{ creator_id: string; ip_hash: string; clicks: number | string }>(
    await tx.execute(sql`
      select l.creator_id, c.ip_hash, count(*)::int as clicks
      from link_clicks c join distribution_links l on l.id = c.link_id
      where c.at > ${since.toISOString()}::timestamptz and c.at <= ${now.toISOString()}::timestamptz and c.ip_hash is not null
      group by l.creator_id, c.ip_hash
      having count(*) >= ${CLICK_FLOOD_CLICKS}
      order by l.creator_id, clicks desc`),
  );
  const flagged: string[] = [];
  for (const r of rows) {
    if (flagged.includes(r.creator_id)) continue;
    await raiseFraudFlag(tx, {
      userId: r.creator_id,
      kind: "click_flood",
      details: { ipHash: r.ip_hash.slice(0, 12), clicks: Number(r.clicks), since: since.toISOString(), until: now.toISOString() },
      now,
    });
    flagged.push(r.creator_id);
  }
  return flagged;
}
