/**
 * The notifications context as the web UI uses it (the /messages inbox and the unread badge).
 * Routes import server code only through `.server` modules so none of it can reach the browser bundle.
 */
export {
  countUnread,
  listNotifications,
  listNotificationsInput,
  markNotificationsRead,
  type NotificationPage,
  type NotificationView,
} from "../../server/notifications";
