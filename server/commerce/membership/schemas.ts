import { z } from "zod";

/**
 * Inputs and views of membership plans (会员), shared by the staff form, the API (and its OpenAPI
 * document) and the demo seed. Messages are keys of server/shared/messages/membership.ts.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);
export const idSchema = z.uuid("validation.uuid");

const text = () => z.string({ error: (issue) => (issue.input === undefined ? "validation.required" : undefined) });
const int = (message: string) => z.number({ error: message }).int(message);

export const MAX_PLAN_PRICE_CENTS = 10_000_000;
export const MAX_DURATION_DAYS = 3_660;
export const MAX_MONTHLY_POINTS = 100_000;

export const benefitsSchema = z.strictObject({
  distributionRights: z.boolean({ error: "validation.invalid" }),
  /** Basis points on top of the level's multiplier: 10,000 = none, 15,000 = ×1.5. */
  pointsMultiplierBp: int("membership.plan.multiplier").min(10_000, "membership.plan.multiplier").max(50_000, "membership.plan.multiplier"),
  monthlyPoints: int("membership.plan.monthlyPoints").min(0, "membership.plan.monthlyPoints").max(MAX_MONTHLY_POINTS, "membership.plan.monthlyPoints"),
  birthdayGift: text().trim().max(100, "membership.plan.birthdayGift"),
});

const planFields = {
  nameZh: text().trim().min(1, "membership.plan.name").max(20, "membership.plan.name"),
  nameEn: text().trim().min(1, "membership.plan.name").max(40, "membership.plan.name"),
  descriptionZh: text().trim().max(500, "membership.plan.description").default(""),
  descriptionEn: text().trim().max(1000, "membership.plan.description").default(""),
  priceCents: int("membership.plan.price").min(1, "membership.plan.price").max(MAX_PLAN_PRICE_CENTS, "membership.plan.price"),
  durationDays: int("membership.plan.duration").min(1, "membership.plan.duration").max(MAX_DURATION_DAYS, "membership.plan.duration"),
  benefits: benefitsSchema,
  active: z.boolean({ error: "validation.invalid" }).default(true),
  position: int("membership.plan.position").min(0, "membership.plan.position").max(1000, "membership.plan.position").default(0),
};

export const createPlanSchema = z.strictObject(planFields);
export type CreatePlanInput = z.input<typeof createPlanSchema>;

/** Any subset of a plan's fields; `benefits` is replaced whole. Price changes apply to orders placed afterwards. */
export const updatePlanSchema = z
  .strictObject({
    nameZh: planFields.nameZh.optional(),
    nameEn: planFields.nameEn.optional(),
    descriptionZh: text().trim().max(500, "membership.plan.description").optional(),
    descriptionEn: text().trim().max(1000, "membership.plan.description").optional(),
    priceCents: planFields.priceCents.optional(),
    durationDays: planFields.durationDays.optional(),
    benefits: benefitsSchema.optional(),
    active: z.boolean({ error: "validation.invalid" }).optional(),
    position: int("membership.plan.position").min(0, "membership.plan.position").max(1000, "membership.plan.position").optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "validation.atLeastOneField", path: ["_"] });
export type UpdatePlanInput = z.input<typeof updatePlanSchema>;

// ---- views ----

export const planViewSchema = z.object({
  id: z.uuid(),
  /** In the reader's language; both names for staff. */
  name: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  description: z.string(),
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  priceCents: z.number().int(),
  durationDays: z.number().int(),
  benefits: benefitsSchema,
  active: z.boolean(),
  position: z.number().int(),
});
export type PlanView = z.input<typeof planViewSchema>;

export const membershipViewSchema = z.object({
  /** The period running now, if any. */
  current: z
    .object({ membershipId: z.uuid(), planId: z.uuid(), planName: z.string(), startsAt: z.string(), endsAt: z.string(), benefits: benefitsSchema })
    .nullable(),
  /** Where paid time runs out, renewals included (null when none is left). */
  paidUntil: z.string().nullable(),
  periods: z.array(
    z.object({
      id: z.uuid(),
      planId: z.uuid(),
      planName: z.string(),
      orderId: z.uuid(),
      startsAt: z.string(),
      endsAt: z.string(),
      status: z.enum(["upcoming", "active", "ended", "cancelled"]),
    }),
  ),
});
export type MembershipView = z.input<typeof membershipViewSchema>;
