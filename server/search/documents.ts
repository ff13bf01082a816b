import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import type { NoteDocument, UserDocument } from "../../search";
import { literalInt } from "../shared/sql-literal";
import { rowsOf } from "../shared/sql-rows";

type NoteRow = {
  id: string;
  title: string;
  body: string;
  topics: string[] | null;
  category: string | null;
  author_id: string;
  author_handle: string;
  author_name: string;
  likes: number;
  published_ms: number | string;
};

/**
 * Search documents of notes that everyone may see: published, by an active member. A note in any
 * other state (draft, held, hidden, removed, deleted) has no document, so it can never be found.
 * Either the given ids (those that qualify) or one keyset page after `afterId`.
 */
export async function loadNoteDocuments(
  db: Queryable,
  which: { ids: readonly string[] } | { afterId: string | null; limit: number },
): Promise<NoteDocument[]> {
  const scope: SQL =
    "ids" in which
      ? which.ids.length === 0
        ? sql`false`
        : sql`p.id in (${sql.join(which.ids.map((id) => sql`${id}::uuid`), sql`, `)})`
      : which.afterId
        ? sql`p.id > ${which.afterId}::uuid`
        : sql`true`;
  const tail = "ids" in which ? sql`` : sql`order by p.id limit ${literalInt(which.limit)}`;
  const rows = rowsOf<NoteRow>(
    await db.execute(sql`
      select p.id, p.title,
             -- A fan-only note's text is for its fan group: searchable by title, never by (or quoting) its body.
             case when exists (select 1 from fan_only_posts fo where fo.post_id = p.id) then '' else p.body end as body,
             c.slug as category, p.author_id, u.handle as author_handle,
             u.display_name as author_name, p.like_count as likes,
             (extract(epoch from coalesce(p.published_at, p.created_at)) * 1000)::float8 as published_ms,
             (select array_agg(t.name order by t.name) from post_topics pt join topics t on t.id = pt.topic_id
               where pt.post_id = p.id) as topics
      from posts p
      join users u on u.id = p.author_id
      left join categories c on c.id = p.category_id
      where ${scope} and p.status = 'published' and u.status = 'active'
      ${tail}`),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    body: r.body,
    topics: r.topics ?? [],
    category: r.category,
    authorId: r.author_id,
    authorHandle: r.author_handle,
    authorName: r.author_name,
    likes: r.likes,
    publishedAt: Number(r.published_ms),
  }));
}

type UserRow = { id: string; handle: string; display_name: string; bio: string; followers: number | null; joined_ms: number | string };

/** Search documents of active members (a suspended member can't be found). */
export async function loadUserDocuments(
  db: Queryable,
  which: { ids: readonly string[] } | { afterId: string | null; limit: number },
): Promise<UserDocument[]> {
  const scope: SQL =
    "ids" in which
      ? which.ids.length === 0
        ? sql`false`
        : sql`u.id in (${sql.join(which.ids.map((id) => sql`${id}::uuid`), sql`, `)})`
      : which.afterId
        ? sql`u.id > ${which.afterId}::uuid`
        : sql`true`;
  const tail = "ids" in which ? sql`` : sql`order by u.id limit ${literalInt(which.limit)}`;
  const rows = rowsOf<UserRow>(
    await db.execute(sql`
      select u.id, u.handle, u.display_name, u.bio, s.follower_count as followers,
             (extract(epoch from u.created_at) * 1000)::float8 as joined_ms
      from users u left join user_stats s on s.user_id = u.id
      where ${scope} and u.status = 'active'
      ${tail}`),
  );
  return rows.map((r) => ({
    id: r.id,
    handle: r.handle,
    displayName: r.display_name,
    bio: r.bio,
    followers: r.followers ?? 0,
    joinedAt: Number(r.joined_ms),
  }));
}

/** Ids of every note by one author that may have a document (for re-indexing after a rename). */
export async function noteIdsByAuthor(db: Queryable, authorId: string, afterId: string | null, limit: number): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      select id from posts where author_id = ${authorId}::uuid and status = 'published'
      ${afterId ? sql`and id > ${afterId}::uuid` : sql``} order by id limit ${literalInt(limit)}`),
  );
  return rows.map((r) => r.id);
}

/** How many documents a full rebuild of each index will write, for the progress bar. */
export async function countSources(db: Queryable): Promise<{ notes: number; users: number }> {
  const [row] = rowsOf<{ notes: number; users: number }>(
    await db.execute(sql`
      select (select count(*)::int from posts p join users u on u.id = p.author_id
                where p.status = 'published' and u.status = 'active') as notes,
             (select count(*)::int from users where status = 'active') as users`),
  );
  return row ?? { notes: 0, users: 0 };
}
