import { z } from "zod";
import { NOTIFICATION_TYPES } from "../../db/schema/notifications";
import { AppError, type FieldErrors } from "../shared/errors";

/** Inputs of the inbox, shared by the /messages page and the API. Messages are server/shared/messages keys. */

export const listNotificationsInput = z.object({
  /** Opaque position returned as `nextCursor` by the previous page. */
  cursor: z.string().max(200, "validation.invalid").optional(),
  limit: z.coerce.number().int("validation.integer").min(1).max(50).default(20),
});
export type ListNotificationsInput = z.input<typeof listNotificationsInput>;

/** Mark some (`ids`, the caller's own; others' are ignored) or `all` of the caller's notifications read. */
export const markNotificationsReadInput = z
  .object({
    ids: z.array(z.uuid("validation.uuid")).min(1).max(100).optional(),
    all: z.literal(true, { error: "validation.invalid" }).optional(),
  })
  .superRefine((input, ctx) => {
    // Exactly one of the two. Naming neither is about the whole body (no single field is required),
    // naming both is ambiguous.
    if (input.ids === undefined && input.all === undefined) {
      ctx.addIssue({ code: "custom", path: [], message: "validation.invalid" });
    } else if (input.ids !== undefined && input.all !== undefined) {
      ctx.addIssue({ code: "custom", path: ["all"], message: "validation.invalid" });
    }
  });
export type MarkNotificationsReadInput = z.input<typeof markNotificationsReadInput>;

/** The keyset position after the last row of a page (newest activity first). */
export const notificationCursor = z.object({ u: z.iso.datetime(), i: z.uuid() });
export type NotificationCursor = z.infer<typeof notificationCursor>;

const userSummarySchema = z.object({
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
});

export const notificationViewSchema = z.object({
  id: z.uuid(),
  type: z.enum(NOTIFICATION_TYPES),
  actors: z.array(userSummarySchema),
  actorCount: z.number().int(),
  subject: z.object({
    type: z.enum(["post", "comment", "user", "system", "badge", "challenge", "reward"]),
    id: z.string().nullable(),
    title: z.string().optional(),
    excerpt: z.string().optional(),
    coverThumbUrl: z.string().optional(),
  }),
  data: z.record(z.string(), z.unknown()),
  read: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const notificationPageSchema = z.object({
  items: z.array(notificationViewSchema),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int(),
});

/**
 * Domain functions re-validate their input (the page, the API and tests all call them); failures are
 * VALIDATION_FAILED with field messages that each boundary translates.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) (fields[issue.path.map(String).join(".") || "_"] ??= []).push(issue.message);
  throw new AppError("VALIDATION_FAILED", "validationFailed", { fields, cause: result.error });
}
