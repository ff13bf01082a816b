import { sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { rowsOf } from "../../shared/sql-rows";

/*
 * The two counters the tasks path reads. Gamification exports no "check-in days in a window" and
 * commerce no "confirmed purchases of a member", so the engine reads both tables itself, read-only.
 */

/** Days the member checked in (made-up days included) between two platform-local dates, inclusive. */
export async function checkinDaysBetween(db: Queryable, userId: string, fromLocalDate: string, toLocalDate: string): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(
    await db.execute(sql`
      select count(*)::int as n from checkins
      where user_id = ${userId}::uuid and local_date between ${fromLocalDate}::date and ${toLocalDate}::date`),
  );
  return Number(row?.n ?? 0);
}

/**
 * What the member bought in the shop or an external store that has confirmed (the holding period ended)
 * by `at`, net of every refund: a refund after confirmation takes the amount back off.
 */
export async function confirmedPurchaseCents(db: Queryable, userId: string, at: Date): Promise<number> {
  const [row] = rowsOf<{ cents: number | string }>(
    await db.execute(sql`
      select coalesce(sum(total_cents - refunded_cents), 0)::bigint as cents from orders
      where buyer_id = ${userId}::uuid and kind = 'product'
        and confirmed_at is not null and confirmed_at <= ${at.toISOString()}::timestamptz`),
  );
  return Number(row?.cents ?? 0);
}

/** Whether the member holds a role. */
export async function hasRole(db: Queryable, userId: string, roles: readonly string[]): Promise<boolean> {
  const list = sql.join(
    roles.map((r) => sql`${r}`),
    sql`, `,
  );
  const [row] = rowsOf<{ ok: boolean }>(await db.execute(sql`select exists(select 1 from user_roles where user_id = ${userId}::uuid and role in (${list})) as ok`));
  return Boolean(row?.ok);
}
