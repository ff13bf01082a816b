import { z } from "zod";

const days = z.number({ message: "ops.tags.days" }).int("ops.tags.days").min(1, "ops.tags.days").max(365, "ops.tags.days");
const min = z.number({ message: "ops.tags.min" }).int("ops.tags.min").min(1, "ops.tags.min").max(100_000, "ops.tags.min");
const category = z.string({ message: "ops.tags.category" }).trim().min(1, "ops.tags.category").max(40, "ops.tags.category");

/** The rules the schedule understands (db/schema/ops-console.ts UserTagRule). */
export const tagRuleSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("likesInCategory"), category, min, days }).strict(),
    z.object({ kind: z.literal("postsInCategory"), category, min, days }).strict(),
    z.object({ kind: z.literal("ordersInDays"), min, days }).strict(),
  ],
  { message: "ops.tags.rule" },
);

export const createTagSchema = z
  .object({
    name: z.string({ message: "ops.tags.name" }).trim().min(1, "ops.tags.name").max(30, "ops.tags.name"),
    description: z.string().trim().max(200, "ops.tags.description").optional(),
    kind: z.enum(["manual", "rule"], { message: "ops.tags.kind" }),
    rule: tagRuleSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === "rule" && !v.rule) ctx.addIssue({ code: "custom", path: ["rule"], message: "ops.tags.rule" });
    if (v.kind === "manual" && v.rule) ctx.addIssue({ code: "custom", path: ["rule"], message: "ops.tags.manualNoRule" });
  });
export type CreateTagInput = z.input<typeof createTagSchema>;

export const tagMemberSchema = z.object({ handle: z.string({ message: "ops.tags.handle" }).trim().min(1, "ops.tags.handle").max(40, "ops.tags.handle") }).strict();

export const tagViewSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(["manual", "rule"]),
  rule: tagRuleSchema.nullable(),
  members: z.number().int(),
  evaluatedAt: z.string().nullable(),
});
export type TagView = z.infer<typeof tagViewSchema>;
