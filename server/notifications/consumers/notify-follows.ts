import { defineConsumer } from "../../jobs/consumer";
import { CONTENT_EVENTS, parsePayload, userFollowedPayload } from "../content-events";
import { recordNotification } from "../record-notification";
import { groupKeys } from "../rules";

/** "小红 和其他 5 人关注了你": new followers fold into one unread row; unfollowing retracts nothing. */
export const notifyFollows = defineConsumer({
  name: "notifications.follows",
  events: [CONTENT_EVENTS.userFollowed],
  async handle(tx, event, ctx) {
    const { followerId, followeeId } = parsePayload(userFollowedPayload, event);
    if (followerId === followeeId) return;
    await recordNotification(tx, ctx, {
      eventId: event.id,
      userId: followeeId,
      type: "follow",
      groupKey: groupKeys.follow(),
      actorId: followerId,
      subjectType: "user",
      subjectId: followeeId,
      data: {},
      at: event.occurredAt,
    });
  },
});
