import { z } from "zod";
import { MAX_SPAN_DAYS, spanDays } from "./rules";

/**
 * Inputs and views of challenges, shared by the web form, the API (and its OpenAPI document) and the
 * domain functions' own re-validation. Messages are keys of server/shared/messages/challenges.ts.
 */

const text = () => z.string({ error: (issue) => (issue.input === undefined ? "validation.required" : undefined) });
const idSchema = z.uuid("validation.uuid");
/** A platform-local calendar date, as `<input type="date">` sends it. */
const dateSchema = text().regex(/^\d{4}-\d{2}-\d{2}$/, "challenges.date.format").refine((d) => {
  const at = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === d;
}, "challenges.date.format");
const int = (min: number, max: number, message: string) =>
  z.number({ error: (issue) => (issue.input === undefined ? "validation.required" : message) }).int(message).min(min, message).max(max, message);

const fields = {
  title: text().trim().min(1, "challenges.title.length").max(40, "challenges.title.length"),
  description: text().trim().max(1000, "challenges.description.length").default(""),
  rules: text().trim().max(2000, "challenges.rules.length").default(""),
  coverUploadId: idSchema.optional(),
  startsOn: dateSchema,
  endsOn: dateSchema,
  requiredDays: int(1, MAX_SPAN_DAYS, "challenges.requiredDays.range"),
  categorySlug: text().trim().min(1, "challenges.category.unknown").max(40, "challenges.category.unknown").optional(),
  /** A topic name as people type it after #; a leading # is dropped. */
  topic: text()
    .trim()
    .transform((t) => t.replace(/^#/, "").trim())
    .pipe(z.string().min(1, "challenges.topic.length").max(20, "challenges.topic.length").regex(/^[^\s#]+$/, "challenges.topic.length"))
    .optional(),
  proofRequired: z.boolean({ error: "validation.invalid" }).default(true),
  makeupCardsAllowed: int(0, 31, "challenges.makeupCards.range").default(0),
  rewardPoints: int(0, 100_000, "challenges.rewardPoints.range").default(0),
  rewardBadgeId: idSchema.optional(),
};

type DatedInput = { startsOn: string; endsOn: string; requiredDays: number; categorySlug?: string; topic?: string };

/** Rules across fields, each reported on the field a person would fix. */
function crossFieldChecks(v: DatedInput, issue: (path: string, message: string) => void) {
  if (v.endsOn < v.startsOn) return issue("endsOn", "challenges.dates.order");
  const span = spanDays(v.startsOn, v.endsOn);
  if (span > MAX_SPAN_DAYS) return issue("endsOn", "challenges.dates.span");
  if (v.requiredDays > span) issue("requiredDays", "challenges.requiredDays.range");
  if (v.categorySlug && v.topic) issue("topic", "challenges.target.both");
}

/** A new challenge (`createChallenge`). */
export const createChallengeSchema = z.strictObject(fields).superRefine((v, ctx) =>
  crossFieldChecks(v, (path, message) => ctx.addIssue({ code: "custom", path: [path], message, input: v })),
);
export type CreateChallengeInput = z.input<typeof createChallengeSchema>;

/**
 * The same for the web form: a checkbox can't say "false" (an unticked box sends nothing), so the form
 * posts proofRequired as "yes" or "no" from a pair of radio buttons.
 */
export const createChallengeFormSchema = z
  .strictObject({
    ...fields,
    proofRequired: z.enum(["yes", "no"], { error: "validation.invalid" }).default("yes").transform((v) => v === "yes"),
  })
  .superRefine((v, ctx) => crossFieldChecks(v, (path, message) => ctx.addIssue({ code: "custom", path: [path], message, input: v })));

export const LIST_FILTERS = ["active", "upcoming", "ended"] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

export const listChallengesSchema = z.strictObject({
  status: z.enum(LIST_FILTERS, { error: "validation.invalid" }).optional(),
  /** Only the challenges the caller joined (signed-in callers). */
  joined: z
    .union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], { error: "validation.invalid" })
    .optional(),
  cursor: text().max(200, "validation.invalid").optional(),
  limit: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1, "validation.tooSmall").max(50, "validation.tooBig").optional(),
});
export type ListChallengesInput = z.input<typeof listChallengesSchema>;

export const checkInSchema = z.strictObject({
  /** The proof note: published today by the member. Optional only when the challenge needs no proof. */
  postId: idSchema.optional(),
});
export type CheckInInput = z.input<typeof checkInSchema>;

// Views ------------------------------------------------------------------------------------------

const userSummarySchema = z.object({ id: z.string(), handle: z.string(), displayName: z.string(), avatarUrl: z.string().nullable() });

export const myProgressSchema = z.object({
  daysDone: z.number().int(),
  lastCheckinDate: z.string().nullable(),
  joinedAt: z.string(),
  completedAt: z.string().nullable(),
  checkedInToday: z.boolean(),
});
export type MyProgress = z.infer<typeof myProgressSchema>;

export const challengeSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  cover: z.object({ url: z.string(), thumbUrl: z.string() }).nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  spanDays: z.number().int(),
  requiredDays: z.number().int(),
  phase: z.enum(["upcoming", "active", "ended"]),
  /** The platform-local date the view was computed on, so clients agree on "today". */
  today: z.string(),
  category: z.object({ slug: z.string(), nameZh: z.string(), nameEn: z.string() }).nullable(),
  topic: z.string().nullable(),
  proofRequired: z.boolean(),
  makeupCardsAllowed: z.number().int(),
  rewardPoints: z.number().int(),
  rewardBadgeId: z.string().nullable(),
  participantCount: z.number().int(),
  completedCount: z.number().int(),
  me: myProgressSchema.nullable(),
});
export type ChallengeSummary = z.infer<typeof challengeSummarySchema>;

export const challengePageSchema = z.object({ items: z.array(challengeSummarySchema), nextCursor: z.string().nullable() });
export type ChallengePage = z.infer<typeof challengePageSchema>;

export const challengeDetailSchema = challengeSummarySchema.extend({
  rules: z.string(),
  createdBy: userSummarySchema.nullable(),
  /** The dates the caller checked in on (empty for visitors and non-participants). */
  myDates: z.array(z.string()),
});
export type ChallengeDetail = z.infer<typeof challengeDetailSchema>;

export const joinResultSchema = z.object({
  /** False when the caller had already joined: joining is idempotent. */
  created: z.boolean(),
  participantCount: z.number().int(),
  me: myProgressSchema,
});
export type JoinResult = z.infer<typeof joinResultSchema>;

export const checkInResultSchema = z.object({
  localDate: z.string(),
  day: z.number().int(),
  postId: z.string().nullable(),
  daysDone: z.number().int(),
  requiredDays: z.number().int(),
  /** True on the check-in that reached the required days (the reward is paid then, once). */
  completedNow: z.boolean(),
  completedAt: z.string().nullable(),
  rewardPoints: z.number().int(),
});
export type CheckInResult = z.infer<typeof checkInResultSchema>;

export const leaderboardSchema = z.object({
  items: z.array(
    z.object({
      rank: z.number().int(),
      user: userSummarySchema,
      daysDone: z.number().int(),
      lastCheckinDate: z.string().nullable(),
      completed: z.boolean(),
    }),
  ),
  /** The caller's own row when they joined (they may be below the page). */
  me: z.object({ rank: z.number().int(), daysDone: z.number().int() }).nullable(),
});
export type Leaderboard = z.infer<typeof leaderboardSchema>;

export const activityItemSchema = z.object({
  /** Stable per fact, so a client that gets a push twice shows it once. */
  id: z.string(),
  kind: z.enum(["joined", "checkedIn", "completed"]),
  user: userSummarySchema,
  /** The challenge day of a check-in ("第 5 天"). */
  day: z.number().int().nullable(),
  at: z.string(),
});
export type ActivityItem = z.infer<typeof activityItemSchema>;
export const activityListSchema = z.object({ items: z.array(activityItemSchema) });

export const proofCandidatesSchema = z.object({
  items: z.array(z.object({ id: z.string(), title: z.string(), publishedAt: z.string(), thumbUrl: z.string().nullable(), used: z.boolean() })),
});
export type ProofCandidates = z.infer<typeof proofCandidatesSchema>;
