import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Transaction } from "../../db/client";
import { notifications, type NotificationType } from "../../db/schema";
// Modules, not the jobs and realtime index files: the jobs index lists these consumers, so going
// through it (or through anything that reaches it) would be an import cycle.
import type { ConsumerContext } from "../jobs/consumer";
import { pushToUser } from "../realtime/publisher";
import { MAX_ACTORS_SHOWN } from "./rules";
import type { NotificationSubject, NotificationView } from "./types";
import { notificationViews, unreadCountOf } from "./views";

export interface NotificationInput {
  /** The outbox event being delivered; with the recipient and group it fixes a new row's id. */
  eventId: number;
  userId: string;
  type: NotificationType;
  groupKey: string;
  /** Who did it; null for notices from the platform (moderation decisions). */
  actorId: string | null;
  subjectType: NotificationSubject["type"];
  subjectId: string | null;
  /** Merged over the row's data, so an aggregated row shows its latest comment excerpt. */
  data: Record<string, unknown>;
  /** When it happened (the event's time), not when the consumer ran. */
  at: Date;
}

/**
 * Writes one notification into the recipient's inbox, aggregating with their unread row of the same
 * group, then pushes `notification:created` with the row as it now reads and the unread count.
 *
 * Aggregation is one statement (`INSERT … ON CONFLICT (user_id, group_key) WHERE read_at IS NULL DO
 * UPDATE`), so concurrent deliveries for one group cannot create two unread rows. The actor moves to
 * the front of `actor_ids` (at most MAX_ACTORS_SHOWN, no duplicates) and `actor_count` grows only
 * when the actor is not already among them — so like, unlike, like again by one person counts once.
 * The approximation, accepted to avoid a per-group actor table: someone who has dropped out of the
 * latest three and acts again is counted again.
 *
 * Runs inside the delivery's transaction: the row commits exactly once with the delivery. The push
 * is at-least-once (a retried delivery pushes again); clients replace a row with the same id. For
 * that, a new row's id is derived from the event rather than random: a push from an attempt that
 * was rolled back names the same id the retry commits, so no client keeps a row that never existed.
 */
export async function recordNotification(tx: Transaction, ctx: ConsumerContext, input: NotificationInput): Promise<NotificationView> {
  const actorIds = input.actorId ? [input.actorId] : [];
  const actor = input.actorId;
  const existingActors = sql.raw("notifications.actor_ids");
  const [row] = await tx
    .insert(notifications)
    .values({
      id: notificationId(input),
      userId: input.userId,
      type: input.type,
      groupKey: input.groupKey,
      actorIds,
      actorCount: actorIds.length,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      data: input.data,
      createdAt: input.at,
      updatedAt: input.at,
    })
    .onConflictDoUpdate({
      target: [notifications.userId, notifications.groupKey],
      targetWhere: sql`${notifications.readAt} is null`,
      set: actor
        ? {
            actorCount: sql`notifications.actor_count + case when ${existingActors} ? ${actor}::text then 0 else 1 end`,
            actorIds: sql`(
              select coalesce(jsonb_agg(a.value order by a.ord), '[]'::jsonb)
              from jsonb_array_elements(jsonb_build_array(${actor}::text) || (${existingActors} - ${actor}::text))
                with ordinality as a(value, ord)
              where a.ord <= ${MAX_ACTORS_SHOWN}
            )`,
            data: sql`notifications.data || excluded.data`,
            updatedAt: sql`greatest(notifications.updated_at, excluded.updated_at)`,
          }
        : {
            data: sql`notifications.data || excluded.data`,
            updatedAt: sql`greatest(notifications.updated_at, excluded.updated_at)`,
          },
    })
    .returning();

  const [view] = await notificationViews(tx, input.userId, [row!]);
  const unreadCount = await unreadCountOf(tx, input.userId);
  pushToUser(ctx.realtime, input.userId, "notification:created", { notification: view!, unreadCount });
  return view!;
}

/** A UUID (version 8: custom) from the event, recipient and group: the same on every attempt. */
function notificationId(input: Pick<NotificationInput, "eventId" | "userId" | "groupKey">): string {
  const bytes = createHash("sha256").update(`notification:${input.eventId}:${input.userId}:${input.groupKey}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
