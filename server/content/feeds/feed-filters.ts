import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { AppError } from "../../shared/errors";
import { rowsOf } from "../../shared/sql-rows";

/** A category or topic page narrows any tab; null means "no such topic" (an empty page). */
export type FeedFilter = { categoryId: string | null; topicId: string | null; empty: boolean };

/**
 * Resolves a category slug (NOT_FOUND when unknown: a category page that doesn't exist) and a topic
 * name (an unused topic simply has no notes yet).
 */
export async function resolveFilter(db: Queryable, input: { categorySlug?: string; topic?: string }): Promise<FeedFilter> {
  const filter: FeedFilter = { categoryId: null, topicId: null, empty: false };
  if (input.categorySlug) {
    const [row] = rowsOf<{ id: string }>(await db.execute(sql`select id from categories where slug = ${input.categorySlug.toLowerCase()}`));
    if (!row) throw new AppError("NOT_FOUND", "notFound");
    filter.categoryId = row.id;
  }
  if (input.topic) {
    const name = input.topic.replace(/^[#＃]/, "");
    const [row] = rowsOf<{ id: string }>(await db.execute(sql`select id from topics where lower(name) = lower(${name})`));
    if (row) filter.topicId = row.id;
    else filter.empty = true;
  }
  return filter;
}

/**
 * What every feed shows, over the alias `p`: published notes (never drafts, held, hidden, removed or
 * deleted ones) by active members (never a suspended member's), narrowed by the page's filter.
 */
export function publicNotes(filter: FeedFilter): SQL {
  return sql`${publishedNotes(filter)} and exists (select 1 from users u where u.id = p.author_id and u.status = 'active')`;
}

/**
 * publicNotes without the author check, for a scan that checks authors on the cards it loads instead
 * (loadPostCards' activeAuthorsOnly): the per-row author lookup costs more than the keyset scan itself.
 */
export function publishedNotes(filter: FeedFilter): SQL {
  return sql`p.status = 'published'
    ${filter.categoryId ? sql`and p.category_id = ${filter.categoryId}` : sql``}
    ${filter.topicId ? sql`and exists (select 1 from post_topics pt where pt.post_id = p.id and pt.topic_id = ${filter.topicId})` : sql``}`;
}
