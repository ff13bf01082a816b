import { defineConsumer } from "../../jobs/consumer";
import { CONTENT_EVENTS, parsePayload, postFavoritedPayload } from "../content-events";
import { recordNotification } from "../record-notification";
import { groupKeys } from "../rules";

/** "收藏了你的笔记": like likes, one unread row per note, never for one's own note. */
export const notifyFavorites = defineConsumer({
  name: "notifications.favorites",
  events: [CONTENT_EVENTS.postFavorited],
  async handle(tx, event, ctx) {
    const { postId, userId, authorId } = parsePayload(postFavoritedPayload, event);
    if (userId === authorId) return;
    await recordNotification(tx, ctx, {
      eventId: event.id,
      userId: authorId,
      type: "favorite",
      groupKey: groupKeys.favorite(postId),
      actorId: userId,
      subjectType: "post",
      subjectId: postId,
      data: { postId },
      at: event.occurredAt,
    });
  },
});
