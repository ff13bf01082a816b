import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { isbot } from "isbot";
import type { AppContext } from "../../context";
import { rowsOf } from "../../shared/sql-rows";
import { LINK_CODE_PATTERN, type LinkTargetType } from "../links/schemas";
import { targetPath } from "../links/views";
import { newVisitorId } from "./visitor-cookie";

/** A repeat click from the same visitor on the same link within this long is kept but not counted. */
export const CLICK_DEDUPE_MS = 24 * 60 * 60 * 1000;

export interface ClickInput {
  code: string;
  /** The visitor id from a valid signed cookie, or null for a browser we haven't seen (a new id is made). */
  visitorId: string | null;
  /** The session id (sha256 of the session token) when the request carried a valid session cookie. */
  sessionId: string | null;
  userAgent: string | null;
  referrer: string | null;
  ip: string;
}

export interface ClickResult {
  /** Where to send the visitor: /products/<id> or /n/<id>. */
  path: string;
  visitorId: string;
  counted: boolean;
}

/** The address as a keyed SHA-256 digest: floods from one address stay visible, the address itself is never stored. */
export function hashIp(ctx: Pick<AppContext, "config">, ip: string): string {
  return crypto.createHmac("sha256", ctx.config.sessionSecret).update(`ip:${ip}`).digest("hex");
}

/**
 * Records one click on /d/<code> and says where it leads; null for an unknown or archived code.
 *
 * Every click is kept (visitor id, time, referrer, user agent, hashed address, the signed-in member).
 * It is counted — and moves the link's clicks and unique visitors in the same statement — unless it
 * comes from a bot (isbot; a missing user agent counts as one), from the link's own creator, or repeats
 * a counted click of the same visitor on the same link less than 24 hours earlier. A unique visitor is
 * a visitor's first counted click on the link, ever. A signed-in clicker's visitor id is bound to them
 * (first binding wins), as log-in would.
 *
 * One statement does it all. A returning visitor's statement runs after a transaction-scoped advisory
 * lock on (code, visitor), so two simultaneous clicks of one visitor can't both be counted; a new
 * visitor's clicks can't race each other, so they skip the lock (and the transaction).
 */
export async function recordClick(ctx: Pick<AppContext, "db" | "clock" | "config">, input: ClickInput): Promise<ClickResult | null> {
  if (!LINK_CODE_PATTERN.test(input.code)) return null;
  const now = ctx.clock.now();
  const bot = !input.userAgent || isbot(input.userAgent);
  const returning = input.visitorId !== null;
  const visitorId = input.visitorId ?? newVisitorId();
  const dedupeSince = new Date(now.getTime() - CLICK_DEDUPE_MS);
  const userId = input.sessionId
    ? sql`(select s.user_id from sessions s where s.id = ${input.sessionId} and s.expires_at > ${now.toISOString()}::timestamptz)`
    : sql`null::uuid`;

  const statement = sql`
    with l as (
      select id, creator_id, target_type, product_id, post_id from distribution_links
      where code = ${input.code} and archived_at is null
    ),
    who as (select ${userId} as user_id),
    prev as (
      select max(c.at) filter (where c.counted) as last_counted,
             bool_or(c.counted) as ever_counted
      from link_clicks c
      where ${returning ? sql`c.link_id = (select id from l) and c.visitor_id = ${visitorId}` : sql`false`}
    ),
    flag as (
      select not ${bot}
               and (who.user_id is null or who.user_id <> l.creator_id)
               and (prev.last_counted is null or prev.last_counted <= ${dedupeSince.toISOString()}::timestamptz) as counted,
             coalesce(prev.ever_counted, false) as seen
      from l, who, prev
    ),
    ins as (
      insert into link_clicks (link_id, visitor_id, user_id, at, referrer, user_agent, ip_hash, counted, is_bot)
      select l.id, ${visitorId}, who.user_id, ${now.toISOString()}::timestamptz, ${input.referrer?.slice(0, 512) ?? null},
             ${input.userAgent?.slice(0, 512) ?? null}, ${hashIp(ctx, input.ip)}, flag.counted, ${bot}
      from l, who, flag
    ),
    upd as (
      update distribution_links d
      set clicks = d.clicks + 1, unique_visitors = d.unique_visitors + (case when flag.seen then 0 else 1 end)
      from flag
      where d.id = (select id from l) and flag.counted
    ),
    bind as (
      insert into visitor_bindings (visitor_id, user_id, bound_at)
      select ${visitorId}, who.user_id, ${now.toISOString()}::timestamptz from who, l where who.user_id is not null
      on conflict (visitor_id) do nothing
    )
    select l.target_type, l.product_id, l.post_id, flag.counted from l, flag`;

  type Row = { target_type: LinkTargetType; product_id: string | null; post_id: string | null; counted: boolean };
  const rows =
    returning && !bot
      ? await ctx.db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`click:${input.code}:${visitorId}`}, 0))`);
          return rowsOf<Row>(await tx.execute(statement));
        })
      : rowsOf<Row>(await ctx.db.execute(statement));
  const [row] = rows;
  if (!row) return null;
  const targetId = (row.target_type === "product" ? row.product_id : row.post_id)!;
  return { path: targetPath(row.target_type, targetId), visitorId, counted: Boolean(row.counted) };
}
