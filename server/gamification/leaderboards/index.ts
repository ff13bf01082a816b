// Leaderboards: points earned per week / month / all time and current check-in streaks.
export { getLeaderboard } from "./get-leaderboard";
export { daysBefore, periodBounds, LEADERBOARD_PERIODS, type LeaderboardPeriod } from "./periods";
export { LEADERBOARD_BOARDS, leaderboardQuerySchema, leaderboardSchema, type Leaderboard, type LeaderboardBoard, type LeaderboardQuery } from "./schemas";
