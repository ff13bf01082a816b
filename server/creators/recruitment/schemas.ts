import { z } from "zod";
import { INVITATION_STATUSES } from "../../../db/schema";

/** Inputs and views of recruitment (candidate finder, invitations, funnel). Messages: creators-applications.ts. */

export const listCandidatesQuerySchema = z.strictObject({
  category: z.string({ error: "creators.candidates.category" }).trim().min(1, "creators.candidates.category").max(60, "creators.candidates.category").optional(),
  limit: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1, "validation.tooSmall").max(100, "validation.tooBig").optional(),
});
export type ListCandidatesQuery = z.input<typeof listCandidatesQuerySchema>;

export const inviteSchema = z.strictObject({
  userId: z.uuid("creators.invite.user"),
  category: z.string({ error: "creators.candidates.category" }).trim().min(1).max(60, "creators.candidates.category").optional(),
});
export type InviteInput = z.input<typeof inviteSchema>;

export const candidateViewSchema = z.object({
  user: z.object({ id: z.uuid(), handle: z.string(), displayName: z.string() }),
  followers: z.number().int(),
  engagement30d: z.number().int().describe("Likes, favourites and comments their notes received in the last 30 days."),
  newFollowers30d: z.number().int().describe("Growth: followers gained in the last 30 days."),
  notes30d: z.number().int(),
  categoryFit: z.number().describe("Share of their published notes in the chosen category (0–1); 0 without a category."),
  score: z.number(),
  invitation: z.enum(INVITATION_STATUSES).nullable(),
});
export type CandidateView = z.infer<typeof candidateViewSchema>;

export const funnelViewSchema = z.object({
  invited: z.number().int(),
  applied: z.number().int(),
  approved: z.number().int(),
  firstSale: z.number().int(),
});
export type FunnelView = z.infer<typeof funnelViewSchema>;
