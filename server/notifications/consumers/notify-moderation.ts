import { eq } from "drizzle-orm";
import { comments } from "../../../db/schema";
import { defineConsumer } from "../../jobs/consumer";
import { CONTENT_EVENTS, moderationDecidedPayload, parsePayload } from "../content-events";
import { recordNotification } from "../record-notification";
import { groupKeys, isAppealableModerationAction, isNotifiedModerationAction } from "../rules";

/** Characters of a moderated comment quoted in the notification (code points, so CJK and emoji stay whole). */
const EXCERPT_LENGTH = 80;

/**
 * Tells an author what staff (or the keyword filter) decided about their note or comment, with the
 * reason, so the row can link to the note and, for a hide or removal, to the appeal. The decider is
 * not named: decisions come from the platform.
 */
export const notifyModeration = defineConsumer({
  name: "notifications.moderation",
  events: [CONTENT_EVENTS.moderationDecided],
  async handle(tx, event, ctx) {
    const { actionId, targetType, targetId, authorId, action, reason } = parsePayload(moderationDecidedPayload, event);
    if (!isNotifiedModerationAction(action)) return;
    // A comment's row links to the note it sits under.
    let postId: string | null = targetType === "post" ? targetId : null;
    let excerpt = "";
    if (targetType === "comment") {
      const [comment] = await tx
        .select({ postId: comments.postId, body: comments.body })
        .from(comments)
        .where(eq(comments.id, targetId));
      postId = comment?.postId ?? null;
      excerpt = [...(comment?.body ?? "")].slice(0, EXCERPT_LENGTH).join("");
    }
    await recordNotification(tx, ctx, {
      eventId: event.id,
      userId: authorId,
      type: "moderation",
      groupKey: groupKeys.moderation(actionId, action),
      actorId: null,
      subjectType: targetType,
      subjectId: targetId,
      data: { actionId, action, reason, targetType, targetId, postId, excerpt, appealable: isAppealableModerationAction(action) },
      at: event.occurredAt,
    });
  },
});
