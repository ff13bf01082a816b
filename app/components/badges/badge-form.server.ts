import { z } from "zod";
import {
  BADGE_COUNTERS,
  BADGE_CRITERION_TYPES,
  badgeDescriptionSchema,
  badgeIconSchema,
  badgeNameEnSchema,
  badgeNameZhSchema,
  badgeSlugSchema,
  badgeTierSchema,
  streakDaysSchema,
  thresholdSchema,
  type CreateBadgeInput,
} from "../../../server/gamification/badges/schemas";

/**
 * The staff badge form, flat as an HTML form posts it (criterion fields side by side, checkboxes that
 * are absent when unticked), checked with the same field rules as the API. `badgeInputOf` turns a
 * parsed form into the API's shape.
 */
const checkbox = () => z.boolean({ error: "validation.invalid" }).default(false);

const fields = {
  nameZh: badgeNameZhSchema,
  nameEn: badgeNameEnSchema,
  descriptionZh: badgeDescriptionSchema.default(""),
  descriptionEn: badgeDescriptionSchema.default(""),
  icon: badgeIconSchema,
  tier: badgeTierSchema,
  criterionType: z.enum(BADGE_CRITERION_TYPES, { error: "badges.criterion.type" }),
  counter: z.enum(BADGE_COUNTERS, { error: "badges.counter.unknown" }).optional(),
  threshold: thresholdSchema.optional(),
  days: streakDaysSchema.optional(),
  challengeId: z.uuid("validation.uuid").optional(),
  multiple: checkbox(),
  certificate: checkbox(),
  enabled: checkbox(),
};

type FlatBadge = { criterionType: string; counter?: string; threshold?: number; days?: number };

/** Each criterion type needs its own fields; missing ones are reported on those fields. */
function requireCriterionFields(v: FlatBadge, ctx: z.RefinementCtx) {
  if (v.criterionType === "counter") {
    if (!v.counter) ctx.addIssue({ code: "custom", path: ["counter"], message: "badges.counter.unknown" });
    if (v.threshold === undefined) ctx.addIssue({ code: "custom", path: ["threshold"], message: "badges.threshold.range" });
  }
  if (v.criterionType === "streak" && v.days === undefined) ctx.addIssue({ code: "custom", path: ["days"], message: "badges.days.range" });
}

export const badgeCreateFormSchema = z.object({ slug: badgeSlugSchema, ...fields }).superRefine(requireCriterionFields);
export const badgeUpdateFormSchema = z.object(fields).superRefine(requireCriterionFields);

type ParsedForm = Omit<z.output<typeof badgeUpdateFormSchema>, never>;

/** The API's input from a parsed form (criterion nested; fields of other criterion types dropped). */
export function badgeInputOf(v: ParsedForm): Omit<CreateBadgeInput, "slug"> {
  const criterion: CreateBadgeInput["criterion"] =
    v.criterionType === "counter"
      ? { type: "counter", counter: v.counter!, threshold: v.threshold! }
      : v.criterionType === "streak"
        ? { type: "streak", days: v.days! }
        : v.criterionType === "challenge"
          ? { type: "challenge", challengeId: v.challengeId ?? null }
          : { type: "manual" };
  return {
    nameZh: v.nameZh,
    nameEn: v.nameEn,
    descriptionZh: v.descriptionZh,
    descriptionEn: v.descriptionEn,
    icon: v.icon,
    tier: v.tier,
    criterion,
    multiple: v.multiple,
    certificate: v.certificate,
    enabled: v.enabled,
  };
}
