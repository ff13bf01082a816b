import { z } from "zod";
import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { getMyCreatorTier } from "./get-my-tier";
import { tierSettingsSchema } from "./settings";
import { getTierSettings, updateTierSettings } from "./update-tier-settings";

const tags = ["creator tiers"];
const tierEnum = z.enum(["C1", "C2", "C3", "C4"]);
const statsSchema = z.object({ followers: z.number().int(), engagement30d: z.number().int(), fanGroupSize: z.number().int(), gmv30dCents: z.number().int() });

/** Creator tiers over /api/v1: a creator's own tier and progress; staff edit the thresholds. */
export const tiersOperations: ApiOperation[] = [
  defineOperation({
    operationId: "getMyCreatorTier",
    method: "get",
    path: "/me/creator-tier",
    summary: "The caller's creator tier, progress to the next, any demotion grace and the history",
    tags,
    auth: "read:commission:own",
    response: z.object({
      tier: tierEnum,
      since: z.iso.datetime().nullable(),
      multiplierBp: z.number().int(),
      stats: statsSchema,
      next: z.object({ tier: tierEnum, progress: z.number(), shortfall: statsSchema }).nullable(),
      grace: z.object({ pendingTier: tierEnum, demoteAfter: z.iso.datetime(), shortfall: statsSchema }).nullable(),
      history: z.array(z.object({ fromTier: tierEnum.nullable(), toTier: tierEnum, reason: z.string(), at: z.iso.datetime() })),
      settings: tierSettingsSchema,
    }),
    handler: ({ ctx, user }) => getMyCreatorTier(ctx, user),
  }),
  defineOperation({
    operationId: "getCreatorTierSettings",
    method: "get",
    path: "/creator-tiers/settings",
    summary: "Tier thresholds, commission multipliers and the demotion grace (staff)",
    tags,
    auth: "manage:rules:any",
    response: z.object({ settings: tierSettingsSchema }),
    handler: async ({ ctx, user }) => ({ settings: await getTierSettings(ctx, user) }),
  }),
  defineOperation({
    operationId: "updateCreatorTierSettings",
    method: "put",
    path: "/creator-tiers/settings",
    summary: "Replace the tier thresholds, multipliers and grace (staff; audited)",
    tags,
    auth: "manage:rules:any",
    body: tierSettingsSchema,
    response: z.object({ settings: tierSettingsSchema }),
    handler: async ({ ctx, user, body }) => ({ settings: await updateTierSettings(ctx, user, body) }),
  }),
];
