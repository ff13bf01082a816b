import { sql } from "drizzle-orm";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { balancesOfOwner } from "../../ledger";
import { AppError } from "../../shared/errors";
import { localDate } from "../../shared/clock";
import { rowsOf } from "../../shared/sql-rows";
import { readPayoutSettings } from "../payouts/settings";
import { EARNINGS_CHART_DAYS, type EarningsSummary } from "./schemas";

const REVERSALS = sql`('reversed_full', 'reversed_partial', 'clawed_back')`;
/** What each commission is worth now: its `created` step plus its (negative) reversal steps. */
const NET = sql`(select coalesce(sum(e.amount_cents), 0) from commission_events e where e.commission_id = c.id and (e.reason = 'created' or e.reason in ${REVERSALS}))`;

/**
 * A creator's earnings as the ledger has them — never a mutable total: the balances of their cny
 * accounts (earnings, pending, payout_requested, payout_approved), what payouts paid (the postings of
 * `payout.paid` entries), and, from the commissions and their timelines, per-link and per-product
 * breakdowns and a 30-day series. Always the caller's own: there is no creator id to pass.
 */
export async function getEarningsSummary(ctx: Pick<AppContext, "db" | "clock" | "config">, creator: CurrentUser | null): Promise<EarningsSummary> {
  if (!creator) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  const db = ctx.db;
  const id = creator.id;
  const tz = ctx.config.platformTimeZone;
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - (EARNINGS_CHART_DAYS + 1) * 86_400_000);

  const [balances, paidRows, byLinkRows, byProductRows, dayRows, settings] = await Promise.all([
    balancesOfOwner(db, "user", id),
    db.execute(sql`
      select coalesce(-sum(p.amount), 0) as paid from journal_entries j
      join postings p on p.entry_id = j.id join ledger_accounts a on a.id = p.account_id
      where j.user_id = ${id} and j.reason = 'payout.paid' and a.owner_type = 'user' and a.owner_id = ${id}`),
    db.execute(sql`
      select c.link_id, l.code, coalesce(pr.title, po.title, '') as title,
        count(distinct c.order_id)::int as orders, coalesce(sum(ol.line_total_cents), 0) as gmv, coalesce(sum(${NET}), 0) as commission
      from commissions c
      join order_lines ol on ol.id = c.order_line_id
      left join distribution_links l on l.id = c.link_id
      left join products pr on pr.id = l.product_id
      left join posts po on po.id = l.post_id
      where c.creator_id = ${id}
      group by c.link_id, l.code, pr.title, po.title
      order by commission desc, l.code`),
    db.execute(sql`
      select ol.product_id, max(ol.title) as title,
        count(distinct c.order_id)::int as orders, coalesce(sum(ol.line_total_cents), 0) as gmv, coalesce(sum(${NET}), 0) as commission
      from commissions c join order_lines ol on ol.id = c.order_line_id
      where c.creator_id = ${id}
      group by ol.product_id
      order by commission desc, title`),
    db.execute(sql`
      select to_char(e.at at time zone ${tz}, 'YYYY-MM-DD') as day,
        coalesce(sum(e.amount_cents) filter (where e.reason = 'created'), 0) as earned,
        coalesce(-sum(e.amount_cents) filter (where e.reason in ${REVERSALS}), 0) as reversed
      from commission_events e join commissions c on c.id = e.commission_id
      where c.creator_id = ${id} and e.at >= ${since.toISOString()}::timestamptz
      group by day`),
    readPayoutSettings(db),
  ]);

  const cny = (kind: string) => balances[`cny:${kind}`] ?? 0;
  const balance = cny("earnings");
  const pending = cny("pending");
  const inPayout = cny("payout_requested") + cny("payout_approved");
  const paid = Number(rowsOf<{ paid: string | number }>(paidRows)[0]?.paid ?? 0);
  const days = new Map(rowsOf<{ day: string; earned: string | number; reversed: string | number }>(dayRows).map((r) => [r.day, r]));
  const chart: EarningsSummary["chart"] = [];
  for (let i = EARNINGS_CHART_DAYS - 1; i >= 0; i--) {
    const date = localDate(new Date(now.getTime() - i * 86_400_000), tz);
    const row = days.get(date);
    chart.push({ date, earnedCents: Number(row?.earned ?? 0), reversedCents: Number(row?.reversed ?? 0) });
  }
  return {
    balanceCents: balance,
    withdrawableCents: Math.max(balance, 0),
    pendingCents: pending,
    inPayoutCents: inPayout,
    paidCents: paid,
    confirmedCents: balance + inPayout + paid,
    lifetimeCents: balance + inPayout + paid + pending,
    minimumPayoutCents: settings.minimumCents,
    byLink: rowsOf<{ link_id: string | null; code: string | null; title: string; orders: number; gmv: string | number; commission: string | number }>(byLinkRows).map((r) => ({
      linkId: r.link_id,
      code: r.code,
      title: r.title,
      orders: Number(r.orders),
      gmvCents: Number(r.gmv),
      commissionCents: Number(r.commission),
    })),
    byProduct: rowsOf<{ product_id: string | null; title: string; orders: number; gmv: string | number; commission: string | number }>(byProductRows).map((r) => ({
      productId: r.product_id,
      title: r.title,
      orders: Number(r.orders),
      gmvCents: Number(r.gmv),
      commissionCents: Number(r.commission),
    })),
    chart,
  };
}
