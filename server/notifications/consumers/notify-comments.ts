import { defineConsumer } from "../../jobs/consumer";
import { CONTENT_EVENTS, commentCreatedPayload, parsePayload } from "../content-events";
import { recordNotification } from "../record-notification";
import { commentRecipients, groupKeys } from "../rules";

/**
 * A new comment or reply: the note's author hears `comment`, the answered members `reply`, the
 * @mentioned `mention` — each person once per comment (see commentRecipients for who wins).
 * Comments and replies fold by note / by thread while unread; a mention is its own row.
 */
export const notifyComments = defineConsumer({
  name: "notifications.comments",
  events: [CONTENT_EVENTS.commentCreated],
  async handle(tx, event, ctx) {
    const payload = parsePayload(commentCreatedPayload, event);
    const { commentId, postId, parentId, excerpt } = payload;
    for (const recipient of commentRecipients(payload)) {
      const groupKey =
        recipient.type === "reply" && parentId
          ? groupKeys.reply(parentId)
          : recipient.type === "mention"
            ? groupKeys.mentionInComment(commentId)
            : groupKeys.comment(postId);
      await recordNotification(tx, ctx, {
        eventId: event.id,
        userId: recipient.userId,
        type: recipient.type,
        groupKey,
        actorId: payload.userId,
        subjectType: "post",
        subjectId: postId,
        data: { postId, commentId, parentId, excerpt },
        at: event.occurredAt,
      });
    }
  },
});
