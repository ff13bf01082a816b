import { z } from "zod";
import { AppError } from "../shared/errors";

/** Inputs of the dead-letter operations, shared by the staff page and the API. */

export const listDeadDeliveriesInput = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** Opaque position returned as `nextCursor` by the previous page. */
  cursor: z.string().max(500).optional(),
});
export type ListDeadDeliveriesInput = z.input<typeof listDeadDeliveriesInput>;

export const deliveryKey = z.object({
  eventId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  consumer: z.string().trim().min(1).max(200),
});
export type DeliveryKey = z.infer<typeof deliveryKey>;

/** The position after the last row of a page, in the page's order (newest death first). */
export const deadCursor = z.object({
  updatedAt: z.iso.datetime(),
  eventId: z.number().int().positive(),
  consumer: z.string(),
});
export type DeadCursor = z.infer<typeof deadCursor>;

/** Parses a boundary input, turning zod issues into a VALIDATION_FAILED AppError with field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fields[String(issue.path[0] ?? "input")] ??= []).push(issue.message);
  throw new AppError("VALIDATION_FAILED", "Invalid input.", { fields });
}
