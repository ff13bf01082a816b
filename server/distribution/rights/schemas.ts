import { z } from "zod";
import { RIGHTS_PATHS } from "../../../db/schema";
import { eligibilitySettingsSchema } from "./settings";

/**
 * Views of the eligibility engine (分销权限), shared by the /me/distribution page, the API and its OpenAPI
 * document. Messages are keys of server/shared/messages/distribution-rights.ts.
 */

export const REQUIREMENT_KEYS = ["creatorRole", "checkinDays", "purchaseCents", "membershipPlan", "staffRole"] as const;

export const requirementViewSchema = z.object({
  key: z.enum(REQUIREMENT_KEYS),
  have: z.number().int(),
  need: z.number().int(),
  met: z.boolean(),
  missing: z.number().int(),
  /** What the condition is, in the reader's language ("近 30 天签到 7 天"). */
  label: z.string(),
  /** What is still missing ("还差 2 天签到"), or null when met. */
  missingText: z.string().nullable(),
});

export const pathStandingViewSchema = z.object({
  path: z.enum(RIGHTS_PATHS),
  enabled: z.boolean(),
  satisfied: z.boolean(),
  requirements: z.array(requirementViewSchema),
});

export const rightsViewSchema = z.object({
  /** The path granting rights now, or null. */
  path: z.enum(RIGHTS_PATHS).nullable(),
  hasRights: z.boolean(),
  grantedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  paths: z.array(pathStandingViewSchema),
  membership: z
    .object({ planId: z.uuid(), name: z.string(), endsAt: z.string(), distributionRights: z.boolean() })
    .nullable(),
  window: z.object({ from: z.string(), to: z.string() }),
  history: z.array(z.object({ fromPath: z.enum(RIGHTS_PATHS).nullable(), toPath: z.enum(RIGHTS_PATHS).nullable(), reason: z.string(), at: z.string() })),
});
export type RightsView = z.input<typeof rightsViewSchema>;
export type RequirementView = z.input<typeof requirementViewSchema>;

/** The setting as staff edit it (the same shape as stored). */
export { eligibilitySettingsSchema };
export const eligibilityViewSchema = z.object({ settings: eligibilitySettingsSchema });
