import { isAppError } from "../../../server/shared/errors";
import { localizeAppError } from "../../../server/shared/messages";

export { fieldErrorsFromZod } from "../../../server/shared/messages";
import type { Locale } from "~/i18n/messages";

/** A refused form post as the page shows it: a message above the form and messages next to fields. */
export interface FormFailure {
  message: string;
  fields: Record<string, string[]>;
}

/**
 * The form reply for a domain AppError (validation or a refusal such as "sold out"), in the reader's
 * language. Anything that is not a client error goes on to the error boundary.
 */
export function formFailure(error: unknown, locale: Locale): { failure: FormFailure; status: number } {
  if (!isAppError(error) || error.status >= 500) throw error;
  const localized = localizeAppError(error, locale);
  return { failure: { message: localized.message, fields: localized.fields ?? {} }, status: error.status };
}
