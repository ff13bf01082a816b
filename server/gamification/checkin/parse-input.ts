import type { z } from "zod";
import { AppError, type FieldErrors } from "../../shared/errors";

/**
 * Domain functions parse their input again (the API and forms already did), so a caller that skipped
 * the boundary — the demo seed, a test, a socket — gets the same 422 with field messages.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) (fields[issue.path.map(String).join(".") || "_"] ??= []).push(issue.message);
  throw new AppError("VALIDATION_FAILED", "validationFailed", { fields, cause: parsed.error });
}
