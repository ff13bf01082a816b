import { z } from "zod";

/**
 * Inputs and views of MCN organisations, invitations and contracts, shared by the web forms, the API (and
 * its OpenAPI document) and the demo seed. Messages are keys of server/shared/messages/creators-mcn.ts.
 */

export const idSchema = z.uuid("validation.uuid");
/** An MCN may take at most 90 % of a creator's commission: the creator always keeps a share. */
export const MAX_SHARE_BP = 9_000;
/** How long an unanswered invitation stays open. */
export const INVITATION_DAYS = 14;
/** Notice a terminating side must give: the contract keeps earning its share until then. */
export const NOTICE_DAYS = 30;

export const createMcnSchema = z.strictObject({
  name: z.string({ error: "creators.mcn.name" }).trim().min(2, "creators.mcn.name").max(60, "creators.mcn.name"),
  description: z.string({ error: "creators.mcn.description" }).trim().max(500, "creators.mcn.description").optional(),
});
export type CreateMcnInput = z.input<typeof createMcnSchema>;

const isoDate = z.iso.date("creators.mcn.date");

export const inviteToMcnSchema = z
  .strictObject({
    creatorHandle: z.string({ error: "creators.mcn.creatorHandle" }).trim().min(1, "creators.mcn.creatorHandle").max(40, "creators.mcn.creatorHandle"),
    shareBp: z.number({ error: "creators.mcn.shareBp" }).int("creators.mcn.shareBp").min(1, "creators.mcn.shareBp").max(MAX_SHARE_BP, "creators.mcn.shareBp"),
    /** Calendar dates (platform-local) the contract runs from and to. */
    startsOn: isoDate,
    endsOn: isoDate,
    message: z.string({ error: "creators.mcn.message" }).trim().max(500, "creators.mcn.message").optional(),
  })
  .refine((v) => v.endsOn > v.startsOn, { message: "creators.mcn.endsBeforeStart", path: ["endsOn"] });
export type InviteToMcnInput = z.input<typeof inviteToMcnSchema>;

export const respondSchema = z.strictObject({ decision: z.enum(["accept", "decline"], { error: "creators.mcn.decision" }) });

export const giveNoticeSchema = z.strictObject({
  reason: z.string({ error: "creators.mcn.noticeReason" }).trim().min(1, "creators.mcn.noticeReason").max(500, "creators.mcn.noticeReason"),
});
export type GiveNoticeInput = z.input<typeof giveNoticeSchema>;

const person = z.object({ id: z.uuid(), handle: z.string(), displayName: z.string() });

export const mcnViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  admin: person,
  createdAt: z.iso.datetime(),
});
export type McnView = z.input<typeof mcnViewSchema>;

export const invitationViewSchema = z.object({
  id: z.uuid(),
  mcn: z.object({ id: z.uuid(), name: z.string() }),
  creator: person,
  shareBp: z.number().int(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  message: z.string(),
  status: z.enum(["invited", "accepted", "declined", "expired", "withdrawn"]),
  expiresAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});
export type InvitationView = z.input<typeof invitationViewSchema>;

export const contractViewSchema = z.object({
  id: z.uuid(),
  mcn: z.object({ id: z.uuid(), name: z.string() }),
  creator: person,
  shareBp: z.number().int(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  status: z.enum(["active", "ending", "ended"]),
  noticeGivenAt: z.iso.datetime().nullable(),
  noticeReason: z.string().nullable(),
  signedAt: z.iso.datetime(),
});
export type ContractView = z.input<typeof contractViewSchema>;
