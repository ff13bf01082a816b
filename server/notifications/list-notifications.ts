import { and, desc, eq, sql } from "drizzle-orm";
import { notifications } from "../../db/schema";
import type { AppContext } from "../context";
import { AppError } from "../shared/errors";
import { listNotificationsInput, notificationCursor, parseInput, type ListNotificationsInput, type NotificationCursor } from "./schemas";
import type { NotificationPage } from "./types";
import { notificationViews, unreadCountOf } from "./views";

/**
 * One page of a member's inbox, latest activity first (an aggregated row rises when someone joins
 * it). Keyset-paginated on (updated_at, id) over the inbox index, so page 100 costs what page 1 does.
 */
export async function listNotifications(
  ctx: Pick<AppContext, "db">,
  userId: string,
  options: ListNotificationsInput = {},
): Promise<NotificationPage> {
  const { limit, cursor } = parseInput(listNotificationsInput, options);
  const after = cursor === undefined ? undefined : decodeCursor(cursor);

  const [rows, unreadCount] = await Promise.all([
    ctx.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, userId),
          after ? sql`(${notifications.updatedAt}, ${notifications.id}) < (${after.u}::timestamptz, ${after.i}::uuid)` : undefined,
        ),
      )
      .orderBy(desc(notifications.updatedAt), desc(notifications.id))
      .limit(limit + 1),
    unreadCountOf(ctx.db, userId),
  ]);

  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: await notificationViews(ctx.db, userId, page),
    nextCursor: rows.length > limit && last ? encodeCursor({ u: last.updatedAt.toISOString(), i: last.id }) : null,
    unreadCount,
  };
}

function encodeCursor(cursor: NotificationCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(text: string): NotificationCursor {
  try {
    return notificationCursor.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
  } catch {
    throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { cursor: ["validation.invalid"] } });
  }
}
