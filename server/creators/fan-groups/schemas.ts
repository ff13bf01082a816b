import { z } from "zod";

/** Inputs and views of fan groups (粉丝团). Messages are keys of server/shared/messages/creators-campaigns.ts. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);
export const idSchema = z.uuid("validation.uuid");

export const markFanOnlySchema = z.strictObject({ fanOnly: z.boolean({ error: "fanGroups.fanOnly.flag" }) });
export type MarkFanOnlyInput = z.input<typeof markFanOnlySchema>;

const userSummary = z.object({ id: z.uuid(), handle: z.string(), displayName: z.string(), avatarUrl: z.string().nullable() });

export const fanMembershipSchema = z.object({
  level: z.number().int(),
  interactionPoints: z.number().int(),
  joinedAt: z.string(),
});

export const fanMembershipResultSchema = z.object({
  /** True when this call made the membership (false for a repeat). */
  created: z.boolean(),
  /** Leave: true when this call ended the membership. */
  removed: z.boolean().optional(),
  memberCount: z.number().int(),
  member: fanMembershipSchema.nullable(),
});
export type FanMembershipResult = z.input<typeof fanMembershipResultSchema>;

export const fanGroupViewSchema = z.object({
  creator: userSummary,
  name: z.string(),
  memberCount: z.number().int(),
  /** Members by level then points, highest first. */
  members: z.array(userSummary.extend({ level: z.number().int(), interactionPoints: z.number().int(), joinedAt: z.string() })),
  /** Members per level 1…5, for the chart. */
  levels: z.array(z.object({ level: z.number().int(), count: z.number().int() })),
  /** The signed-in member's own membership, null when not a fan (or a visitor). */
  me: fanMembershipSchema.nullable(),
  isOwner: z.boolean(),
});
export type FanGroupView = z.input<typeof fanGroupViewSchema>;
