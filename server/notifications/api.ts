import { z } from "zod";
import { defineOperation } from "../http/api/define-operation";
import {
  countUnread,
  listNotifications,
  listNotificationsInput,
  markNotificationsRead,
  markNotificationsReadInput,
  notificationPageSchema,
} from "./index";

const tags = ["notifications"];
const auth = "read:notifications:own" as const;

/** The signed-in member's inbox: the same functions the /messages page calls. */
export const notificationsOperations = [
  defineOperation({
    operationId: "listNotifications",
    method: "get",
    path: "/me/notifications",
    summary: "The signed-in member's notifications, latest activity first",
    description:
      "Likes, favourites, comments, replies, follows, mentions and moderation decisions. Alike notifications " +
      "aggregate while unread (`actors` holds the latest three, `actorCount` all of them). Keyset-paginated: " +
      "pass `nextCursor` back as `cursor`. New ones are also pushed over Socket.IO as `notification:created`.",
    tags,
    auth,
    query: listNotificationsInput,
    response: notificationPageSchema,
    handler: ({ ctx, user, query }) => listNotifications(ctx, user.id, query),
  }),
  defineOperation({
    operationId: "markNotificationsRead",
    method: "post",
    path: "/me/notifications/read",
    summary: "Mark some or all of the signed-in member's notifications read",
    description:
      'Send `{"ids": [...]}` (up to 100) or `{"all": true}`. Ids that are not the caller\'s own are ignored. ' +
      "A read row stops aggregating: the next like on that note starts a new notification.",
    tags,
    auth,
    body: markNotificationsReadInput,
    response: z.object({ marked: z.number().int(), unreadCount: z.number().int() }),
    handler: ({ ctx, user, body }) => markNotificationsRead(ctx, user.id, body),
  }),
  defineOperation({
    operationId: "countUnreadNotifications",
    method: "get",
    path: "/me/notifications/unread-count",
    summary: "How many of the signed-in member's notifications are unread",
    description: "An aggregated notification counts once, as the badge on the 消息 tab shows it.",
    tags,
    auth,
    response: z.object({ unreadCount: z.number().int() }),
    handler: async ({ ctx, user }) => ({ unreadCount: await countUnread(ctx, user.id) }),
  }),
];
