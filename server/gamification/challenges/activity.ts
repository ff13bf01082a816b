import type { AppContext } from "../../context";
import { pushToRoom } from "../../realtime/publisher";
import { userSummaries } from "../../content";
import type { ActivityItem } from "./schemas";

/** The public page room of one challenge (server/realtime/events.ts lists `challenge` as a public kind). */
export const challengeRoom = (challengeId: string) => `challenge:${challengeId}`;

/** The fact pushed to a challenge's room: "小红 刚刚打卡了 第 5 天", with the counters that moved. */
export const CHALLENGE_ACTIVITY_EVENT = "challenge:activity" as const;
export interface ChallengeActivityPush {
  challengeId: string;
  item: ActivityItem;
  participantCount: number;
  completedCount: number;
}

/**
 * Pushes one activity item to everyone on the challenge's page. Called after the transaction commits,
 * so nobody sees a check-in that was rolled back; a lost push is made good by the page's re-fetch.
 */
export async function pushActivity(
  ctx: Pick<AppContext, "db" | "realtime">,
  input: Omit<ActivityItem, "user"> & { challengeId: string; userId: string; participantCount: number; completedCount: number },
): Promise<void> {
  const [user] = await userSummaries(ctx, [input.userId]);
  if (!user) return;
  const payload: ChallengeActivityPush = {
    challengeId: input.challengeId,
    item: { id: input.id, kind: input.kind, user, day: input.day, at: input.at },
    participantCount: input.participantCount,
    completedCount: input.completedCount,
  };
  pushToRoom(ctx.realtime, challengeRoom(input.challengeId), CHALLENGE_ACTIVITY_EVENT, payload);
}

export const activityIds = {
  joined: (challengeId: string, userId: string) => `joined:${challengeId}:${userId}`,
  checkedIn: (challengeId: string, userId: string, date: string) => `checkedIn:${challengeId}:${userId}:${date}`,
  completed: (challengeId: string, userId: string) => `completed:${challengeId}:${userId}`,
};
