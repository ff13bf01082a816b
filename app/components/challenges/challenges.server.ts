/**
 * The challenges area of gamification as the web pages use it. Routes import server code only
 * through `.server` modules, so none of it can reach the browser bundle.
 */
import { json } from "@remix-run/node";
import { isAppError } from "../../../server/shared/errors";
import { localizeAppError } from "../../../server/shared/messages";
import type { Locale } from "~/i18n/messages";

export {
  challengeCheckIn,
  createChallenge,
  createChallengeFormSchema,
  getChallenge,
  joinChallenge,
  listBadgeOptions,
  listChallengeActivity,
  listChallengeLeaderboard,
  listChallenges,
  listProofCandidates,
  CHALLENGE_LIST_FILTERS,
} from "../../../server/gamification";
export { listCategories } from "../../../server/content";
export { can } from "../../../server/identity";

/** What the challenge page's join and check-in forms answer. */
export type ChallengeActionResult =
  | { ok: true; intent: "join" | "checkin"; day?: number; completedNow?: boolean; rewardPoints?: number }
  | { ok: false; intent: string; error: string; fields?: Record<string, string[]> };

/** Runs a join or check-in, mapping a refusal (4xx AppError) to a translated message beside the form. */
export async function runChallengeAction(
  intent: "join" | "checkin",
  locale: Locale,
  run: () => Promise<Omit<Extract<ChallengeActionResult, { ok: true }>, "ok" | "intent">>,
) {
  try {
    const result = await run();
    return json<ChallengeActionResult>({ ok: true, intent, ...result });
  } catch (error) {
    if (!isAppError(error) || error.status >= 500) throw error;
    const localized = localizeAppError(error, locale);
    return json<ChallengeActionResult>(
      { ok: false, intent, error: localized.fields ? Object.values(localized.fields).flat()[0] ?? localized.message : localized.message, fields: localized.fields },
      { status: error.status },
    );
  }
}

/** A 4xx domain error as the route's error page (404 for an unknown challenge). */
export function rethrowAsResponse(error: unknown): never {
  if (isAppError(error) && error.status < 500) throw json({ code: error.code }, { status: error.status });
  throw error;
}
