import { z } from "zod";
import { BADGE_TIERS } from "../../../db/schema/gamification";
import { userSummarySchema } from "../../content/schemas";
import { BADGE_ICON_NAMES } from "./icons";

/**
 * Inputs and views of the badges area, shared by the API (and its OpenAPI document) and the staff
 * page. Messages are keys of server/shared/messages/badges.ts, translated at each boundary.
 */

/** The counters a counter badge may name, each read from the context that owns it (see counters.ts). */
export const BADGE_COUNTERS = [
  "posts.published",
  "likes.received",
  "favorites.received",
  "followers",
  "comments.written",
  "checkins.total",
] as const;
export type BadgeCounter = (typeof BADGE_COUNTERS)[number];

export const BADGE_CRITERION_TYPES = ["counter", "streak", "challenge", "manual"] as const;

const text = () => z.string({ error: (issue) => (issue.input === undefined ? "validation.required" : undefined) });
const flag = () => z.boolean({ error: "validation.invalid" });

export const badgeSlugSchema = text()
  .trim()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, "badges.slug.format");
export const badgeNameZhSchema = text().trim().min(1, "badges.name.length").max(20, "badges.name.length");
export const badgeNameEnSchema = text().trim().min(1, "badges.nameEn.length").max(40, "badges.nameEn.length");
export const badgeDescriptionSchema = text().trim().max(200, "badges.description.length");
export const badgeIconSchema = z.enum(BADGE_ICON_NAMES as [string, ...string[]], { error: "badges.icon.unknown" });
export const badgeTierSchema = z.enum(BADGE_TIERS, { error: "badges.tier.unknown" });
export const thresholdSchema = z
  .number({ error: "badges.threshold.range" })
  .int("badges.threshold.range")
  .min(1, "badges.threshold.range")
  .max(10_000_000, "badges.threshold.range");
export const streakDaysSchema = z.number({ error: "badges.days.range" }).int("badges.days.range").min(1, "badges.days.range").max(3650, "badges.days.range");

export const criterionSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({
      type: z.literal("counter"),
      counter: z.enum(BADGE_COUNTERS, { error: "badges.counter.unknown" }),
      threshold: thresholdSchema,
    }),
    z.strictObject({ type: z.literal("streak"), days: streakDaysSchema }),
    z.strictObject({ type: z.literal("challenge"), challengeId: z.uuid("validation.uuid").nullable().default(null) }),
    z.strictObject({ type: z.literal("manual") }),
  ],
  { error: "badges.criterion.type" },
);
export type CriterionInput = z.output<typeof criterionSchema>;

/** A new badge definition (staff). */
export const createBadgeSchema = z.strictObject({
  slug: badgeSlugSchema,
  nameZh: badgeNameZhSchema,
  nameEn: badgeNameEnSchema,
  descriptionZh: badgeDescriptionSchema.default(""),
  descriptionEn: badgeDescriptionSchema.default(""),
  icon: badgeIconSchema.default("award"),
  tier: badgeTierSchema.default("bronze"),
  criterion: criterionSchema,
  multiple: flag().default(false),
  certificate: flag().default(false),
  enabled: flag().default(true),
});
export type CreateBadgeInput = z.input<typeof createBadgeSchema>;

/** PATCH semantics: any subset of the editable fields, but not nothing. The slug never changes (links). */
export const updateBadgeSchema = z
  .strictObject({
    nameZh: badgeNameZhSchema,
    nameEn: badgeNameEnSchema,
    descriptionZh: badgeDescriptionSchema,
    descriptionEn: badgeDescriptionSchema,
    icon: badgeIconSchema,
    tier: badgeTierSchema,
    criterion: criterionSchema,
    multiple: flag(),
    certificate: flag(),
    enabled: flag(),
  })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "validation.atLeastOneField");
export type UpdateBadgeInput = z.input<typeof updateBadgeSchema>;

export const grantReasonSchema = text().trim().min(1, "badges.reason.length").max(200, "badges.reason.length");

/** A manual grant by staff: to a member by handle, with a reason the member and the audit log see. */
export const grantBadgeSchema = z.strictObject({
  handle: text()
    .trim()
    .min(1, "validation.required")
    .max(40, "badges.grant.member")
    .transform((h) => h.replace(/^@/, "")),
  reason: grantReasonSchema,
});
export type GrantBadgeInput = z.input<typeof grantBadgeSchema>;

export const revokeBadgeSchema = z.strictObject({ reason: grantReasonSchema });
export type RevokeBadgeInput = z.input<typeof revokeBadgeSchema>;

/** Certificate codes: 20 characters of Crockford base32 (no I, L, O, U), 100 random bits. */
export const CERTIFICATE_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{20}$/;

// Views ------------------------------------------------------------------------------------------

const criterionViewSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("counter"), counter: z.string(), threshold: z.number().int() }),
  z.object({ type: z.literal("streak"), days: z.number().int() }),
  z.object({ type: z.literal("challenge"), challengeId: z.string().nullable() }),
  z.object({ type: z.literal("manual") }),
]);

export const badgeSummarySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  icon: z.string(),
  tier: z.enum(BADGE_TIERS),
});
export type BadgeSummary = z.output<typeof badgeSummarySchema>;

/** Where the caller stands with a badge: held, or how far along its counter or streak they are. */
export const badgeProgressSchema = z.object({
  earned: z.boolean(),
  /** How many times held (more than 1 only for multiple-grant badges). */
  times: z.number().int(),
  /** Counter and streak badges: the caller's current value and the target; null for the others. */
  current: z.number().int().nullable(),
  target: z.number().int().nullable(),
  /** target − current, never below 0; null when there is no number to reach. */
  remaining: z.number().int().nullable(),
});
export type BadgeProgress = z.output<typeof badgeProgressSchema>;

export const badgeViewSchema = badgeSummarySchema.extend({
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  criterion: criterionViewSchema,
  multiple: z.boolean(),
  certificate: z.boolean(),
  enabled: z.boolean(),
  holderCount: z.number().int(),
  /** Null for visitors. */
  progress: badgeProgressSchema.nullable(),
});
export type BadgeView = z.output<typeof badgeViewSchema>;

export const badgeListSchema = z.object({ items: z.array(badgeViewSchema) });

export const userBadgeSchema = z.object({
  grantId: z.uuid(),
  badge: badgeSummarySchema.extend({ certificate: z.boolean() }),
  seq: z.number().int(),
  reason: z.string(),
  grantedAt: z.iso.datetime(),
  certificateCode: z.string(),
});
export type UserBadge = z.output<typeof userBadgeSchema>;
export const userBadgeListSchema = z.object({ items: z.array(userBadgeSchema) });

export const badgeHolderSchema = z.object({
  user: userSummarySchema,
  times: z.number().int(),
  firstGrantedAt: z.iso.datetime(),
});
export type BadgeHolder = z.output<typeof badgeHolderSchema>;

export const badgeDetailSchema = z.object({
  badge: badgeViewSchema,
  holders: z.object({ items: z.array(badgeHolderSchema), nextCursor: z.string().nullable() }),
});
export type BadgeDetail = z.output<typeof badgeDetailSchema>;

export const grantViewSchema = z.object({
  id: z.uuid(),
  badgeId: z.uuid(),
  userId: z.uuid(),
  seq: z.number().int(),
  reason: z.string(),
  certificateCode: z.string(),
  grantedAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});
export type GrantView = z.output<typeof grantViewSchema>;

export const certificateSchema = z.object({
  code: z.string(),
  valid: z.boolean(),
  revokedAt: z.iso.datetime().nullable(),
  grantedAt: z.iso.datetime(),
  seq: z.number().int(),
  badge: badgeSummarySchema.extend({ descriptionZh: z.string(), descriptionEn: z.string(), certificate: z.boolean() }),
  member: userSummarySchema,
});
export type CertificateView = z.output<typeof certificateSchema>;
