import type { Submission, SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { isAppError } from "../../server/shared/errors";
import { fieldErrorsFromZod, localizeAppError } from "../../server/shared/messages";
import type { Locale } from "~/i18n/messages";

/**
 * Parses a form post with the same zod schema the API uses. Conform coerces form strings (empty →
 * undefined, "30" → 30); messages come back translated into the reader's language.
 */
export function parseForm<Schema extends z.ZodType>(formData: FormData, schema: Schema, locale: Locale) {
  return parseWithZod(formData, {
    schema,
    formatError: (issues: z.core.$ZodIssue[]) => Object.values(fieldErrorsFromZod(new z.ZodError(issues), locale)).flat(),
  });
}

/**
 * The form result for a domain AppError: its field messages land next to their fields and its
 * message above the form. Anything that is not an AppError is rethrown for the error boundary.
 */
export function replyWithError(
  submission: Submission<unknown, string[], unknown>,
  error: unknown,
  locale: Locale,
  options: { hideFields?: string[] } = {},
): { result: SubmissionResult<string[]>; status: number } {
  if (!isAppError(error) || error.status >= 500) throw error;
  const localized = localizeAppError(error, locale);
  const { _: general = [], ...fieldErrors } = localized.fields ?? {};
  const formErrors = localized.fields && Object.keys(fieldErrors).length > 0 ? general : [localized.message, ...general];
  return {
    result: submission.reply({ formErrors, fieldErrors, hideFields: options.hideFields }),
    status: error.status,
  };
}
