import { defineConsumer } from "../../jobs/consumer";
import { CONTENT_EVENTS, parsePayload, postLikedPayload } from "../content-events";
import { recordNotification } from "../record-notification";
import { groupKeys } from "../rules";

/**
 * "小红 和其他 12 人赞了你的笔记": a like tells the note's author, folding into their unread row
 * for that note. Unliking retracts nothing, and liking one's own note tells no one.
 */
export const notifyLikes = defineConsumer({
  name: "notifications.likes",
  events: [CONTENT_EVENTS.postLiked],
  async handle(tx, event, ctx) {
    const { postId, userId, authorId } = parsePayload(postLikedPayload, event);
    if (userId === authorId) return;
    await recordNotification(tx, ctx, {
      eventId: event.id,
      userId: authorId,
      type: "like",
      groupKey: groupKeys.like(postId),
      actorId: userId,
      subjectType: "post",
      subjectId: postId,
      data: { postId },
      at: event.occurredAt,
    });
  },
});
