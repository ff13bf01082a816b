import { z } from "zod";

const optInt = (max: number, key: string) => z.number({ message: key }).int(key).min(0, key).max(max, key).optional();

export const segmentDefinitionSchema = z.discriminatedUnion(
  "kind",
  [
    z
      .object({
        kind: z.literal("rfm"),
        maxRecencyDays: optInt(3650, "ops.segments.recency"),
        minFrequency: optInt(100_000, "ops.segments.frequency"),
        minMonetaryCents: optInt(1_000_000_000, "ops.segments.monetary"),
        windowDays: z.number({ message: "ops.segments.window" }).int("ops.segments.window").min(1, "ops.segments.window").max(3650, "ops.segments.window"),
      })
      .strict(),
    z.object({ kind: z.literal("tag"), tagId: z.string().uuid("ops.segments.tag") }).strict(),
  ],
  { message: "ops.segments.kind" },
);

export const createSegmentSchema = z
  .object({
    name: z.string({ message: "ops.segments.name" }).trim().min(1, "ops.segments.name").max(40, "ops.segments.name"),
    description: z.string().trim().max(200, "ops.segments.description").optional(),
    definition: segmentDefinitionSchema,
  })
  .strict();
export type CreateSegmentInput = z.input<typeof createSegmentSchema>;

export const notifySegmentSchema = z
  .object({
    campaignId: z.string({ message: "ops.segments.campaign" }).trim().min(1, "ops.segments.campaign").max(64, "ops.segments.campaign"),
    title: z.string({ message: "ops.segments.title" }).trim().min(1, "ops.segments.title").max(60, "ops.segments.title"),
    message: z.string({ message: "ops.segments.message" }).trim().min(1, "ops.segments.message").max(200, "ops.segments.message"),
    /** A path on this site (no other origins: the notification is the platform speaking). */
    href: z.string({ message: "ops.segments.href" }).trim().regex(/^\/(?!\/)[^\s]{0,200}$/, "ops.segments.href"),
  })
  .strict();
export type NotifySegmentInput = z.input<typeof notifySegmentSchema>;

export const segmentViewSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  description: z.string(),
  definition: segmentDefinitionSchema,
  count: z.number().int(),
});
export type SegmentView = z.infer<typeof segmentViewSchema>;

export const segmentNotificationViewSchema = z.object({
  id: z.string().uuid(),
  segmentId: z.string().uuid(),
  campaignId: z.string(),
  title: z.string(),
  status: z.enum(["queued", "sending", "done"]),
  total: z.number().int(),
  sent: z.number().int(),
  createdAt: z.string(),
  /** True when this request found the segment already notified about the campaign. */
  replayed: z.boolean(),
});
export type SegmentNotificationView = z.infer<typeof segmentNotificationViewSchema>;
