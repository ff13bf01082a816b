import { z } from "zod";
import { APPLICATION_STATUSES } from "../../../db/schema";

/**
 * Inputs and views of creator applications, shared by the web forms, the API (and its OpenAPI document)
 * and the demo seed. Messages are keys of server/shared/messages/creators-applications.ts.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Whether a path segment could be an id at all (anything else is simply not found). */
export const isUuid = (value: string) => UUID.test(value);
export const idSchema = z.uuid("validation.uuid");

/** At most this many sample notes, each the applicant's own published note (checked by applyAsCreator). */
export const SAMPLE_POSTS_MAX = 9;
/** A re-application is accepted this many days after a rejection. */
export const REAPPLY_DAYS = 30;
/** The default trial task: this many notes in the category within this many days. */
export const TRIAL_NOTES = 3;
export const TRIAL_DAYS = 14;

const text = (key: string, max: number) => z.string({ error: key }).trim().min(1, key).max(max, key);

export const platformAccountSchema = z.strictObject({
  platform: text("creators.application.platform", 40),
  handle: text("creators.application.platformHandle", 80),
  followers: z
    .number({ error: "creators.application.followers" })
    .int("creators.application.followers")
    .min(0, "creators.application.followers")
    .max(1_000_000_000, "creators.application.followers"),
});

export const applySchema = z.strictObject({
  realName: text("creators.application.realName", 60),
  contact: text("creators.application.contact", 120),
  region: text("creators.application.region", 80),
  categories: z
    .array(z.string({ error: "creators.application.categories" }).trim().min(1).max(60), { error: "creators.application.categories" })
    .min(1, "creators.application.categories")
    .max(5, "creators.application.categories"),
  talents: z.array(text("creators.application.talents", 40), { error: "creators.application.talents" }).max(10, "creators.application.talents").default([]),
  platformAccounts: z.array(platformAccountSchema, { error: "creators.application.platformAccounts" }).max(10, "creators.application.platformAccounts").default([]),
  sampleNotes: z.string({ error: "creators.application.sampleNotes" }).trim().max(2000, "creators.application.sampleNotes").default(""),
  samplePostIds: z.array(idSchema, { error: "creators.application.samplePosts" }).max(SAMPLE_POSTS_MAX, "creators.application.samplePosts").default([]),
});
export type ApplyInput = z.input<typeof applySchema>;

export const DECISION_ACTIONS = ["review", "trial", "approve", "reject"] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** A staff step: take into review, start a trial (category, notes, days), approve, reject with a reason. */
export const decideSchema = z
  .strictObject({
    action: z.enum(DECISION_ACTIONS, { error: "creators.application.action" }),
    reason: z.string({ error: "creators.application.reason" }).trim().max(500, "creators.application.reason").optional(),
    trialCategoryId: idSchema.optional(),
    trialRequiredNotes: z.number({ error: "creators.application.trialNotes" }).int("creators.application.trialNotes").min(1, "creators.application.trialNotes").max(20, "creators.application.trialNotes").optional(),
    trialDays: z.number({ error: "creators.application.trialDays" }).int("creators.application.trialDays").min(1, "creators.application.trialDays").max(60, "creators.application.trialDays").optional(),
  })
  .refine((v) => v.action !== "reject" || (v.reason ?? "").length > 0, { message: "creators.application.reason", path: ["reason"] })
  .refine((v) => v.action !== "trial" || v.trialCategoryId !== undefined, { message: "creators.application.trialCategory", path: ["trialCategoryId"] });
export type DecideInput = z.input<typeof decideSchema>;

export const listApplicationsQuerySchema = z.strictObject({
  status: z.enum(APPLICATION_STATUSES, { error: "creators.application.status" }).optional(),
  limit: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1, "validation.tooSmall").max(100, "validation.tooBig").optional(),
});
export type ListApplicationsQuery = z.input<typeof listApplicationsQuerySchema>;

const userRef = z.object({ id: z.uuid(), handle: z.string(), displayName: z.string() });

export const trialViewSchema = z.object({
  category: z.object({ id: z.uuid(), slug: z.string(), nameZh: z.string(), nameEn: z.string() }).nullable(),
  requiredNotes: z.number().int(),
  publishedNotes: z.number().int().describe("Notes published in the category since the trial started, up to the deadline."),
  startedAt: z.iso.datetime(),
  deadline: z.iso.datetime(),
  outcome: z.enum(["running", "passed", "failed"]),
});

export const applicationEventSchema = z.object({
  kind: z.string(),
  fromStatus: z.enum(APPLICATION_STATUSES).nullable(),
  toStatus: z.enum(APPLICATION_STATUSES),
  note: z.string().nullable(),
  at: z.iso.datetime(),
});

/** What the applicant and staff both see; no personal data. */
export const applicationViewSchema = z.object({
  id: z.uuid(),
  applicant: userRef,
  status: z.enum(APPLICATION_STATUSES),
  categories: z.array(z.string()),
  talents: z.array(z.string()),
  platformAccounts: z.array(z.object({ platform: z.string(), handle: z.string(), followers: z.number().int() })),
  sampleNotes: z.string(),
  samplePostIds: z.array(z.uuid()),
  trial: trialViewSchema.nullable(),
  reason: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  reapplyAfter: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  events: z.array(applicationEventSchema),
});
export type ApplicationView = z.infer<typeof applicationViewSchema>;

/** Staff only: the decrypted personal data (each read is logged). */
export const piiViewSchema = z.object({ realName: z.string(), contact: z.string(), region: z.string() });
export type PiiView = z.infer<typeof piiViewSchema>;
