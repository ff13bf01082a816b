import type { Consumer } from "../../jobs/consumer";
import { notifyComments } from "./notify-comments";
import { notifyFavorites } from "./notify-favorites";
import { notifyFollows } from "./notify-follows";
import { notifyLikes } from "./notify-likes";
import { notifyModeration } from "./notify-moderation";
import { notifyPostMentions } from "./notify-post-mentions";

export { notifyComments, notifyFavorites, notifyFollows, notifyLikes, notifyModeration, notifyPostMentions };

/** Every consumer that fills the inbox, one per concern; registered in server/jobs/consumers.ts. */
export const notificationConsumers: readonly Consumer[] = [
  notifyLikes,
  notifyFavorites,
  notifyComments,
  notifyFollows,
  notifyPostMentions,
  notifyModeration,
];
