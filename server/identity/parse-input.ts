import type { z } from "zod";
import { AppError, type FieldErrors } from "../shared/errors";

/**
 * Domain functions re-validate their input (callers may be seeds, jobs or sockets, not only the
 * API). Failures carry message keys; each boundary translates them.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  throw new AppError("VALIDATION_FAILED", "validationFailed", { fields, cause: result.error });
}
