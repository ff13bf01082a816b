import { sql } from "drizzle-orm";
import { z } from "zod";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { AppError } from "../../shared/errors";
import { t, type MessageLocale } from "../../shared/messages";
import { rowsOf } from "../../shared/sql-rows";
import type { CommissionReason } from "../commissions/events";
import { listCommissionsQuerySchema, type CommissionPage, type CommissionView, type ListCommissionsQuery } from "./schemas";

/** The page cursor: base64url JSON of the last row's (createdAt with microseconds, id). */
const cursorShape = z.strictObject({ t: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/), id: z.uuid() });
const encodeCursor = (v: z.output<typeof cursorShape>) => Buffer.from(JSON.stringify(v), "utf8").toString("base64url");
function decodeCursor(cursor: string): z.output<typeof cursorShape> {
  const invalid = () => new AppError("VALIDATION_FAILED", "validationFailed", { fields: { cursor: ["validation.invalid"] } });
  let raw: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,1000}$/.test(cursor)) throw new Error("not base64url");
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const parsed = cursorShape.safeParse(raw);
  if (!parsed.success) throw invalid();
  return parsed.data;
}

interface Row {
  id: string;
  status: CommissionView["status"];
  order_id: string;
  order_number: string;
  product_id: string | null;
  title: string;
  link_id: string | null;
  link_code: string | null;
  line_total_cents: string | number;
  rate_bp: number;
  tier_multiplier_bp: number;
  amount_cents: string | number;
  confirmable_at: string | Date;
  created_at: string | Date;
  cursor_t: string;
  timeline: { reason: CommissionReason; amount_cents: number; at: string }[];
}

const iso = (v: string | Date) => new Date(v).toISOString();

/**
 * The caller's commissions, newest first, a page at a time (cursor on (created, id), stable while new
 * ones arrive), each with its timeline (in time order; steps of one instant in life-cycle order) — created, confirmed, reversed in part or whole, paid out,
 * clawed back — its reason codes translated. Only ever the caller's own: the query is scoped by their id.
 */
export async function listCommissions(
  ctx: Pick<AppContext, "db">,
  creator: CurrentUser | null,
  input: ListCommissionsQuery,
  locale: MessageLocale,
): Promise<CommissionPage> {
  if (!creator) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  const q = parseInput(listCommissionsQuerySchema, input);
  const limit = q.limit ?? 20;
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = rowsOf<Row>(
    await ctx.db.execute(sql`
      select c.id, c.status, c.order_id, o.number as order_number, ol.product_id, ol.title, c.link_id, l.code as link_code,
        ol.line_total_cents, c.rate_bp, c.tier_multiplier_bp, c.amount_cents, c.confirmable_at, c.created_at,
        to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_t,
        coalesce((select jsonb_agg(jsonb_build_object('reason', e.reason, 'amount_cents', e.amount_cents, 'at', e.at) order by e.at, case e.reason when 'created' then 0 when 'confirmed' then 1 when 'paid_out' then 2 else 3 end, e.id)
                  from commission_events e where e.commission_id = c.id), '[]'::jsonb) as timeline
      from commissions c
      join orders o on o.id = c.order_id
      join order_lines ol on ol.id = c.order_line_id
      left join distribution_links l on l.id = c.link_id
      where c.creator_id = ${creator.id}
        ${q.status ? sql`and c.status = ${q.status}` : sql``}
        ${after ? sql`and (c.created_at, c.id) < (${after.t}::timestamptz, ${after.id}::uuid)` : sql``}
      order by c.created_at desc, c.id desc
      limit ${limit + 1}`),
  );
  const page = rows.slice(0, limit);
  const items: CommissionView[] = page.map((r) => {
    const timeline = r.timeline.map((s) => ({
      reason: s.reason,
      reasonText: t(locale, `distribution.reason.${s.reason}`),
      amountCents: Number(s.amount_cents),
      at: iso(s.at),
    }));
    const reversed = -timeline.filter((s) => s.reason === "reversed_full" || s.reason === "reversed_partial" || s.reason === "clawed_back").reduce((a, s) => a + s.amountCents, 0);
    const amount = Number(r.amount_cents);
    return {
      id: r.id,
      status: r.status,
      orderId: r.order_id,
      orderNumber: r.order_number,
      productId: r.product_id,
      title: r.title,
      linkId: r.link_id,
      linkCode: r.link_code,
      lineTotalCents: Number(r.line_total_cents),
      rateBp: Number(r.rate_bp),
      tierMultiplierBp: Number(r.tier_multiplier_bp),
      amountCents: amount,
      reversedCents: reversed,
      netCents: amount - reversed,
      confirmableAt: iso(r.confirmable_at),
      createdAt: iso(r.created_at),
      timeline,
    };
  });
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ t: last.cursor_t, id: last.id }) : null };
}
