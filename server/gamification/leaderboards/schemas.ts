import { z } from "zod";
import { LEADERBOARD_PERIODS } from "./periods";

export const LEADERBOARD_BOARDS = ["points", "streak"] as const;
export type LeaderboardBoard = (typeof LEADERBOARD_BOARDS)[number];

export const leaderboardQuerySchema = z.strictObject({
  board: z.enum(LEADERBOARD_BOARDS, { error: "rewards.leaderboard.board" }).default("points"),
  /** Points boards only; a streak is always "as of today". */
  period: z.enum(LEADERBOARD_PERIODS, { error: "rewards.leaderboard.period" }).default("week"),
  limit: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1).max(100).default(20),
});
export type LeaderboardQuery = z.input<typeof leaderboardQuerySchema>;

const userSummary = z.object({ id: z.uuid(), handle: z.string(), displayName: z.string(), avatarUrl: z.string().nullable() });

export const leaderboardSchema = z.object({
  board: z.enum(LEADERBOARD_BOARDS),
  period: z.enum(LEADERBOARD_PERIODS),
  /** The counted window (points boards); null for all-time and streaks. */
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  /** Ranked best first; equal values share a rank (1, 2, 2, 4). */
  entries: z.array(z.object({ rank: z.number().int(), value: z.number().int(), user: userSummary })),
  /** The signed-in member's own place, even outside the top N; null for visitors and those not on the board. */
  me: z.object({ rank: z.number().int(), value: z.number().int() }).nullable(),
  /** How many members are on the board. */
  total: z.number().int(),
});
export type Leaderboard = z.input<typeof leaderboardSchema>;
