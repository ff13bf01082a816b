import { z } from "zod";
import { CURATION_ACTIONS } from "../../../db/schema";

/** What each action does when staff give no weight: pin ×100, boost ×3, bury ×0.1 of the hot score. */
export const DEFAULT_WEIGHT_BP = { pin: 1_000_000, boost: 30_000, bury: 1_000 } as const;
export const DEFAULT_DECAY_DAYS = { pin: 3, boost: 7, bury: 14 } as const;

export const curatePostSchema = z
  .object({
    action: z.enum(CURATION_ACTIONS, { message: "ops.curation.action" }),
    /** Basis points of the hot score at the start: > 10000 for pin/boost, 0–9999 for bury. */
    weightBp: z.number({ message: "ops.curation.weight" }).int("ops.curation.weight").min(0, "ops.curation.weight").max(10_000_000, "ops.curation.weight").optional(),
    decayDays: z.number({ message: "ops.curation.decayDays" }).int("ops.curation.decayDays").min(1, "ops.curation.decayDays").max(90, "ops.curation.decayDays").optional(),
    reason: z.string().trim().max(200, "ops.curation.reason").optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.weightBp === undefined) return;
    const ok = v.action === "bury" ? v.weightBp < 10_000 : v.weightBp > 10_000;
    if (!ok) ctx.addIssue({ code: "custom", path: ["weightBp"], message: "ops.curation.weight" });
  });
export type CuratePostInput = z.input<typeof curatePostSchema>;

export const curationViewSchema = z.object({
  id: z.string().uuid(),
  postId: z.string().uuid(),
  postTitle: z.string(),
  action: z.enum(CURATION_ACTIONS),
  weightBp: z.number().int(),
  /** The multiplier in force now (basis points), after decay. */
  currentWeightBp: z.number().int(),
  startsAt: z.string(),
  decayDays: z.number().int(),
  reason: z.string(),
  createdBy: z.string().nullable(),
  endedAt: z.string().nullable(),
});
export type CurationView = z.infer<typeof curationViewSchema>;

/** One note's standing with staff: its 精选 pick and its live curation (null when none). */
export const postCurationStateSchema = z.object({
  postId: z.string().uuid(),
  featuredAt: z.string().nullable(),
  curation: curationViewSchema.nullable(),
});
export type PostCurationState = z.infer<typeof postCurationStateSchema>;
