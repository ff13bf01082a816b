import type { AppContext } from "../context";
import { unreadCountOf } from "./views";

/** The number on the 消息 tab: unread rows, an aggregated row counting once. */
export function countUnread(ctx: Pick<AppContext, "db">, userId: string): Promise<number> {
  return unreadCountOf(ctx.db, userId);
}
