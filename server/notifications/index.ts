/**
 * The notifications context's public surface: the persisted inbox, filled by outbox consumers from
 * content events, aggregated while unread and pushed over realtime as `notification:created`.
 */
export { notificationConsumers } from "./consumers";
export { listNotifications } from "./list-notifications";
export { markNotificationsRead } from "./mark-notifications-read";
export { countUnread } from "./count-unread";
export { recordNotification, type NotificationInput } from "./record-notification";
export { groupKeys, commentRecipients, MAX_ACTORS_SHOWN } from "./rules";
export {
  listNotificationsInput,
  markNotificationsReadInput,
  notificationViewSchema,
  notificationPageSchema,
  type ListNotificationsInput,
  type MarkNotificationsReadInput,
} from "./schemas";
export type { NotificationPage, NotificationSubject, NotificationType, NotificationView } from "./types";
