// The challenges area of gamification: what other areas and contexts may use (see ../index.ts).
export { createChallenge } from "./create-challenge";
export { listChallenges } from "./list-challenges";
export { getChallenge } from "./get-challenge";
export { joinChallenge } from "./join-challenge";
export {
  challengeCheckIn,
  rewardKey as challengeRewardKey,
  CHALLENGE_CHECKED_IN_EVENT,
  CHALLENGE_COMPLETED_EVENT,
  type ChallengeCompletedPayload,
} from "./challenge-check-in";
export { listChallengeLeaderboard } from "./list-leaderboard";
export { listChallengeActivity } from "./list-activity";
export { listProofCandidates } from "./list-proof-candidates";
export { listBadgeOptions } from "./list-badge-options";
export { remindParticipants, reminderGroupKey, challengeReminderSchedule } from "./remind-participants";
export { notifyChallengeCompleted } from "./notify-completion";
export { challengeRoom, CHALLENGE_ACTIVITY_EVENT, type ChallengeActivityPush } from "./activity";
export * as challengeRules from "./rules";
export {
  createChallengeSchema,
  createChallengeFormSchema,
  checkInSchema as challengeCheckInSchema,
  listChallengesSchema,
  LIST_FILTERS as CHALLENGE_LIST_FILTERS,
  type ActivityItem as ChallengeActivityItem,
  type ChallengeDetail,
  type ChallengePage,
  type ChallengeSummary,
  type CheckInInput as ChallengeCheckInInput,
  type CheckInResult as ChallengeCheckInResult,
  type CreateChallengeInput,
  type JoinResult as ChallengeJoinResult,
  type Leaderboard as ChallengeLeaderboard,
  type ListChallengesInput,
  type ListFilter as ChallengeListFilter,
  type MyProgress as ChallengeProgress,
  type ProofCandidates as ChallengeProofCandidates,
} from "./schemas";
