import type { z } from "zod";
import { AppError } from "../../shared/errors";

/**
 * Domain functions parse their input again (the API and forms already did), so a caller that skipped
 * the boundary gets the same 422 with field messages instead of a database error.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", "validationFailed", { cause: parsed.error });
  return parsed.data;
}
