import { defineConsumer } from "../../jobs/consumer";
import { CONTENT_EVENTS, parsePayload, postPublishedPayload } from "../content-events";
import { recordNotification } from "../record-notification";
import { groupKeys, postMentionRecipients } from "../rules";

/**
 * "在笔记中提到了你": members @mentioned in a note hear of it when it is published (or approved after
 * a hold). The key is per note, so a note published, held and approved again mentions them once
 * while the first notification is unread.
 */
export const notifyPostMentions = defineConsumer({
  name: "notifications.postMentions",
  events: [CONTENT_EVENTS.postPublished],
  async handle(tx, event, ctx) {
    const payload = parsePayload(postPublishedPayload, event);
    for (const userId of postMentionRecipients(payload)) {
      await recordNotification(tx, ctx, {
        eventId: event.id,
        userId,
        type: "mention",
        groupKey: groupKeys.mentionInPost(payload.postId),
        actorId: payload.authorId,
        subjectType: "post",
        subjectId: payload.postId,
        data: { postId: payload.postId },
        at: event.occurredAt,
      });
    }
  },
});
