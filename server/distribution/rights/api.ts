import { z } from "zod";
import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { getMyDistributionRights } from "./get-my-distribution-rights";
import { eligibilitySettingsSchema, rightsViewSchema } from "./schemas";
import { getEligibilitySettings, updateEligibilitySettings } from "./update-eligibility-settings";

const tags = ["distribution"];

/** The eligibility engine (分销权限) over /api/v1. */
export const rightsOperations: ApiOperation[] = [
  defineOperation({
    operationId: "getMyDistributionRights",
    method: "get",
    path: "/me/distribution-rights",
    summary: "The caller's distribution rights: the path they are on and what each path still needs",
    description:
      "Paths, tried in order: `creator` (an approved creator), `tasks` (check-in days in a recent window and confirmed purchases), " +
      "`membership` (an active plan that includes the right), `staff`. Each requirement says what the caller has, needs and misses " +
      "(`missingText`, e.g. \"2 more check-in days\"). Reading re-checks the stored rights first.",
    tags,
    auth: "user",
    response: z.object({ rights: rightsViewSchema }),
    handler: async ({ ctx, user, locale }) => ({ rights: await getMyDistributionRights(ctx, user, locale) }),
  }),
  defineOperation({
    operationId: "getEligibilitySettings",
    method: "get",
    path: "/distribution/eligibility",
    summary: "The eligibility paths to distribution rights (staff)",
    tags,
    auth: "manage:rules:any",
    response: z.object({ settings: eligibilitySettingsSchema }),
    handler: async ({ ctx, user }) => ({ settings: await getEligibilitySettings(ctx, user) }),
  }),
  defineOperation({
    operationId: "updateEligibilitySettings",
    method: "put",
    path: "/distribution/eligibility",
    summary: "Replace the eligibility paths (staff; audited)",
    description: "Members on a path are re-checked against the new terms at their next event or by the nightly job.",
    tags,
    auth: "manage:rules:any",
    body: eligibilitySettingsSchema,
    response: z.object({ settings: eligibilitySettingsSchema }),
    handler: async ({ ctx, user, body }) => ({ settings: await updateEligibilitySettings(ctx, user, body) }),
  }),
];
