import { sql } from "drizzle-orm";
import type { AppContext } from "../../context";
import { loadPostCards } from "../../content";
import { t as translate, type MessageLocale } from "../../shared/messages";
import { decodeLedgerCursor, encodeLedgerCursor, TIME_FORMAT } from "./cursor";
import { rowsOf } from "../../shared/sql-rows";

export interface LedgerLine {
  id: string;
  occurredAt: string;
  /** The reason code (`rule:post.published`, `expiry`, `redemption` …). */
  reason: string;
  /** The same, in the reader's words ("发布笔记"). */
  reasonText: string;
  ruleKey: string | null;
  ruleName: string | null;
  /** Change of spendable points (negative for spending and expiry). */
  points: number;
  /** Change of points waiting for an order to confirm. */
  pendingPoints: number;
  growth: number;
  /** The award came to nothing (or only growth) because a daily cap was reached. */
  capped: boolean;
  /** The note it was about, when there is one the reader may still see. */
  post: { id: string; title: string } | null;
  memo: Record<string, unknown>;
}

export interface LedgerPage {
  items: LedgerLine[];
  nextCursor: string | null;
}

type Row = {
  id: string;
  reason: string;
  k: string;
  occurred_at: string | Date;
  memo: Record<string, unknown> | null;
  rule_key: string | null;
  rule_points: number | null;
  name_zh: string | null;
  name_en: string | null;
  points: string | number;
  pending: string | number;
  growth: string | number;
  postings: string | number;
};

/**
 * A member's points ledger, newest first, one line per journal entry about them that moved their
 * points or growth — or that came to nothing because a cap was reached, so "why didn't I get points?"
 * has an answer. Keyset-paginated on (occurred_at, id) over journal_entries_user_idx.
 */
export async function listPointsLedger(
  ctx: Pick<AppContext, "db">,
  userId: string,
  input: { cursor?: string; limit?: number },
  locale: MessageLocale,
): Promise<LedgerPage> {
  const limit = Math.min(Math.max(input.limit ?? 20, 1), 50);
  const after = input.cursor ? decodeLedgerCursor(input.cursor) : null;
  const rows = rowsOf<Row>(
    await ctx.db.execute(sql`
      select e.id, e.reason, e.memo, e.occurred_at, to_char(e.occurred_at at time zone 'UTC', ${TIME_FORMAT}) as k,
        r.key as rule_key, r.points as rule_points, r.name_zh, r.name_en,
        coalesce(sum(p.amount) filter (where a.asset = 'points' and a.kind = 'available'), 0) as points,
        coalesce(sum(p.amount) filter (where a.asset = 'points' and a.kind = 'pending'), 0) as pending,
        coalesce(sum(p.amount) filter (where a.asset = 'growth'), 0) as growth,
        count(p.id) as postings
      from journal_entries e
      left join point_rules r on r.id = e.rule_id
      left join postings p on p.entry_id = e.id
      left join ledger_accounts a on a.id = p.account_id and a.owner_type = 'user' and a.owner_id = e.user_id
        and a.asset in ('points', 'growth')
      where e.user_id = ${userId}
        ${after ? sql`and (e.occurred_at, e.id) < (${after.t}::timestamptz, ${after.id}::uuid)` : sql``}
      group by e.id, r.id
      having count(a.id) > 0 or count(p.id) = 0
      order by e.occurred_at desc, e.id desc
      limit ${limit + 1}`),
  );
  const page = rows.slice(0, limit);
  const postIds = [...new Set(page.flatMap((r) => (typeof r.memo?.postId === "string" ? [r.memo.postId] : [])))];
  const cards = postIds.length > 0 ? await loadPostCards(ctx, postIds, userId) : [];
  const titles = new Map(cards.map((c) => [c.id, c.title]));

  const items = page.map((r): LedgerLine => {
    const points = Number(r.points);
    const growth = Number(r.growth);
    const pendingPoints = Number(r.pending);
    const ruleName = r.rule_key ? (locale === "en" ? r.name_en : r.name_zh) : null;
    const capped = r.reason.startsWith("rule:") && points === 0 && pendingPoints === 0 && (Number(r.rule_points ?? 0) > 0 || Number(r.postings) === 0);
    const memo = r.memo ?? {};
    const postId = typeof memo.postId === "string" ? memo.postId : null;
    const title = postId ? titles.get(postId) : undefined;
    return {
      id: r.id,
      occurredAt: new Date(r.occurred_at).toISOString(),
      reason: r.reason,
      reasonText: reasonText(locale, r.reason, ruleName),
      ruleKey: r.rule_key,
      ruleName,
      points,
      pendingPoints,
      growth,
      capped,
      post: postId && title !== undefined ? { id: postId, title } : null,
      memo,
    };
  });
  const last = page.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeLedgerCursor({ t: last.k, id: last.id }) : null };
}

const KNOWN_REASONS = ["expiry", "redemption", "refund", "reversal", "checkin", "makeup", "challenge", "adjustment", "purchase", "campaign"] as const;

/** The reason in words: the rule's own name for rule awards, else the reason code's message. */
export function reasonText(locale: MessageLocale, reason: string, ruleName: string | null): string {
  if (ruleName) return ruleName;
  const code = reason.split(":")[0] ?? reason;
  const known = KNOWN_REASONS.find((k) => k === code || reason.startsWith(`${k}.`));
  return known ? translate(locale, `points.reason.${known}`) : translate(locale, "points.reason.other");
}
