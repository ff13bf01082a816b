import { and, eq, isNull, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { notifications, type Notification } from "../../db/schema";
// The content views module rather than the content index: the index also pulls in the write side,
// which reaches the jobs registry that lists this context's consumers (an import cycle).
import { loadPostCards, userSummaries, type UserSummary } from "../content/views";
import type { NotificationSubject, NotificationView } from "./types";

/**
 * Rows → what the inbox shows, for the recipient. One query for every actor on the page and one for
 * every note, however many rows. Notes go through the content context's cards, so a note the
 * recipient may no longer see (deleted, or hidden when it isn't theirs) keeps its row but loses its
 * title and cover.
 */
export async function notificationViews(db: Queryable, recipientId: string, rows: readonly Notification[]): Promise<NotificationView[]> {
  if (rows.length === 0) return [];
  // A transaction is a database handle too: inside a delivery, views read what the delivery wrote.
  const ctx = { db: db as Parameters<typeof userSummaries>[0]["db"] };
  const actorIds = [...new Set(rows.flatMap((r) => r.actorIds))];
  const postIds = [...new Set(rows.flatMap((r) => (r.subjectType === "post" && r.subjectId ? [r.subjectId] : [])))];
  const [actors, cards] = await Promise.all([userSummaries(ctx, actorIds), loadPostCards(ctx, postIds, recipientId)]);
  const actorById = new Map(actors.map((a) => [a.id, a]));
  const cardById = new Map(cards.map((c) => [c.id, c]));

  return rows.map((row) => {
    const subject: NotificationSubject = { type: row.subjectType, id: row.subjectId };
    const card = row.subjectType === "post" && row.subjectId ? cardById.get(row.subjectId) : undefined;
    if (card) {
      subject.title = card.title;
      if (card.cover) subject.coverThumbUrl = card.cover.thumbUrl;
    }
    const excerpt = row.data.excerpt;
    if (typeof excerpt === "string" && excerpt !== "") subject.excerpt = excerpt;
    return {
      id: row.id,
      type: row.type,
      actors: row.actorIds.flatMap((id): UserSummary[] => {
        const actor = actorById.get(id);
        return actor ? [actor] : [];
      }),
      actorCount: row.actorCount,
      subject,
      data: row.data,
      read: row.readAt !== null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

/** The recipient's unread rows (an aggregated row counts once, as the badge shows it). */
export async function unreadCountOf(db: Queryable, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}
