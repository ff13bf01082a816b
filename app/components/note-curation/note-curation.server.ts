import { json, type AppLoadContext } from "@remix-run/node";
import { featurePost, unfeaturePost } from "../../../server/content";
import { can, type CurrentUser } from "../../../server/identity";
import { curatePost, getPostCuration, liftCuration } from "../../../server/ops";
import { formFailure } from "~/components/rewards/form-errors.server";
import type { Locale } from "~/i18n/messages";
import type { NoteCurationResult, NoteCurationState } from "./note-curation-panel";

/** The 运营 panel's server side: what staff see of a note's curation, and its four form posts. */

const PERMISSION = "feature:post:any";

/** The note's curation for the panel, or null for anyone who isn't staff (the panel isn't drawn). */
export async function noteCurationFor(context: AppLoadContext, user: CurrentUser | null, postId: string, published: boolean): Promise<NoteCurationState | null> {
  if (!published || !can(user, PERMISSION)) return null;
  const { featuredAt, curation } = await getPostCuration(context, user, postId);
  return { featuredAt, curation };
}

/** A whole number from a form field, or the raw text so the schema names the field; empty means "the default". */
function optionalInt(value: FormDataEntryValue | null): number | string | undefined {
  const s = typeof value === "string" ? value.trim() : "";
  if (s === "") return undefined;
  return /^-?\d+$/.test(s) ? Number(s) : s;
}

/**
 * Runs one of the panel's posts (feature, unfeature, curate, lift) for `user`. Members and creators are
 * answered 403 before anything is read, so a hand-made post changes nothing; bad weights or decay days
 * come back 422 with the field's message and the values typed.
 */
export async function runCurationIntent(context: AppLoadContext, user: CurrentUser, locale: Locale, postId: string, intent: string, form: FormData) {
  if (!can(user, PERMISSION)) throw json(null, { status: 403 });
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "intent") values[k] = v;
  const reply = (result: NoteCurationResult["curationResult"], status = 200) => json<NoteCurationResult>({ curationResult: result }, { status });
  try {
    if (intent === "feature") {
      await featurePost(context, user, postId);
      return reply({ done: "featured", values: {}, failure: null });
    }
    if (intent === "unfeature") {
      await unfeaturePost(context, user, postId);
      return reply({ done: "unfeatured", values: {}, failure: null });
    }
    if (intent === "lift") {
      await liftCuration(context, user, postId);
      return reply({ done: "lifted", values: {}, failure: null });
    }
    await curatePost(context, user, postId, {
      action: values.action as "pin",
      weightBp: optionalInt(form.get("weightBp")) as number | undefined,
      decayDays: optionalInt(form.get("decayDays")) as number | undefined,
      reason: values.reason ?? "",
    });
    return reply({ done: "curated", values: {}, failure: null });
  } catch (error) {
    const { failure, status } = formFailure(error, locale);
    return reply({ done: null, values, failure }, status);
  }
}
