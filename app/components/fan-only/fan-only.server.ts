/** Fan-only notes (粉丝专属) as the publish, edit and note pages use them. */
export { canMarkFanOnly, fanOnlyPostIds, markPostFanOnly } from "../../../server/creators";

/**
 * The fan-only box as a form posted it: null when the form had no box (the marker `fanOnlyField` is
 * missing, e.g. a member's form), otherwise whether it was ticked.
 */
export function fanOnlyChoice(form: FormData): boolean | null {
  if (form.get("fanOnlyField") === null) return null;
  return form.get("fanOnly") === "on";
}
