import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import {
  challengeCheckIn,
  getChallenge,
  joinChallenge,
  listChallengeActivity,
  listChallengeLeaderboard,
  listProofCandidates,
  rethrowAsResponse,
  runChallengeAction,
} from "~/components/challenges/challenges.server";
import { ChallengeLeaderboard } from "~/components/challenges/leaderboard";
import { LiveActivity } from "~/components/challenges/live-activity";
import { DayStrip, ProgressRing } from "~/components/challenges/progress";
import { GeneralErrorBoundary } from "~/components/error-page";
import { Toast } from "~/components/forms";
import { AlertIcon, CalendarCheckIcon, PenIcon } from "~/components/icons";
import challengeStyles from "~/styles/challenges.css";
import { useFormat, useLocale, useT } from "~/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { getUser, requireUser } from "~/utils/session.server";
import { datesOf } from "../../server/gamification/challenges/rules";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: `${data.challenge.title} · Seedbed` }, { name: "description", content: data.challenge.description.slice(0, 120) }] : [];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: challengeStyles }];

/** The challenge page: anyone may read it; members join and check in with a note published today. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const id = params.id ?? "";
  const challenge = await getChallenge(context, id, user).catch(rethrowAsResponse);
  const [board, activity, candidates] = await Promise.all([
    listChallengeLeaderboard(context, challenge.id, user, { limit: 20 }),
    listChallengeActivity(context, challenge.id, { limit: 20 }),
    user && challenge.me && challenge.phase === "active" && !challenge.me.checkedInToday && challenge.proofRequired
      ? listProofCandidates(context, challenge.id, user.id)
      : Promise.resolve(null),
  ]);
  return json({ challenge, board, activity: activity.items, candidates, signedIn: Boolean(user) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  const id = params.id ?? "";
  const form = await request.formData();
  if (form.get("intent") === "join") {
    return runChallengeAction("join", locale, async () => {
      await joinChallenge(context, user, id);
      return {};
    });
  }
  const postId = form.get("postId");
  return runChallengeAction("checkin", locale, async () => {
    const result = await challengeCheckIn(context, user, id, typeof postId === "string" && postId !== "" ? { postId } : {});
    return { day: result.day, completedNow: result.completedNow, rewardPoints: result.rewardPoints };
  });
}

export default function ChallengePage() {
  const t = useT();
  const format = useFormat();
  const locale = useLocale();
  const { challenge: c, board, activity, candidates, signedIn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [counts, setCounts] = useState({ participantCount: c.participantCount, completedCount: c.completedCount });
  const [shownFor, setShownFor] = useState(c);
  if (shownFor !== c) {
    // New loader data (after an action or a resync) replaces whatever pushes had counted.
    setShownFor(c);
    setCounts({ participantCount: c.participantCount, completedCount: c.completedCount });
  }
  const me = c.me;
  const remaining = me ? Math.max(0, c.requiredDays - me.daysDone) : c.requiredDays;
  const categoryName = c.category ? (locale === "en" ? c.category.nameEn : c.category.nameZh) : null;

  return (
    <article className="stack ch-page">
      <header className="ch-hero card">
        {c.cover ? <img className="ch-hero-cover" src={c.cover.url} alt="" /> : <div className="ch-hero-cover ch-cover-art" aria-hidden="true"><CalendarCheckIcon size={56} /></div>}
        <div className="card-body stack">
          <span className={`ch-phase ch-phase-${c.phase}`}>{t(`challenges.phase.${c.phase}`)}</span>
          <h1>{c.title}</h1>
          <p className="ch-meta">
            {t("challenges.dates", { start: format.date(c.startsOn), end: format.date(c.endsOn) })} · {t("challenges.requiredOf", { required: c.requiredDays, span: c.spanDays })}
          </p>
          <p className="ch-meta" data-testid="challenge-counts">
            {t("challenges.participants", { count: format.count(counts.participantCount) })} · {t("challenges.completedCount", { count: format.count(counts.completedCount) })}
          </p>
          {c.description ? <p>{c.description}</p> : null}
          {c.createdBy ? <p className="ch-meta">{t("challenges.createdBy", { name: c.createdBy.displayName })}</p> : null}
        </div>
      </header>

      {result && !result.ok ? (
        <div className="notice notice-error" role="alert">
          <AlertIcon size={20} />
          <p>{result.error}</p>
        </div>
      ) : null}
      {result?.ok ? (
        <Toast>
          {result.intent === "join"
            ? t("challenges.joinedToast")
            : result.completedNow
              ? t("challenges.checkin.completed", { points: result.rewardPoints ?? 0 })
              : t("challenges.checkin.success", { day: result.day ?? 0 })}
        </Toast>
      ) : null}

      {me ? (
        <section className="card card-body stack" aria-labelledby="ch-progress">
          <h2 id="ch-progress">{t("challenges.progress.title")}</h2>
          <div className="ch-progress-row">
            <ProgressRing done={me.daysDone} required={c.requiredDays} />
            <p className="ch-remaining">
              {me.completedAt ? t("challenges.progress.completed") : t("challenges.progress.remaining", { days: remaining })}
            </p>
          </div>
          <DayStrip dates={datesOf(c.startsOn, c.endsOn)} done={c.myDates} today={c.today} />
          {renderCheckIn()}
        </section>
      ) : c.phase !== "ended" ? (
        <section className="card card-body">
          {signedIn ? (
            <Form method="post" replace>
              <input type="hidden" name="intent" value="join" />
              <button type="submit" className="btn btn-primary btn-block">
                {t("challenges.join")}
              </button>
            </Form>
          ) : (
            <Link className="btn btn-primary btn-block" to={`/login?redirectTo=${encodeURIComponent(`/challenges/${c.id}`)}`}>
              {t("challenges.loginToJoin")}
            </Link>
          )}
        </section>
      ) : null}

      <section className="card card-body stack" aria-labelledby="ch-rules">
        <h2 id="ch-rules">{t("challenges.rules")}</h2>
        {c.rules ? <p className="ch-rules">{c.rules}</p> : null}
        <ul className="ch-facts">
          <li>{c.proofRequired ? t("challenges.proof.required") : t("challenges.proof.optional")}</li>
          {categoryName ? <li>{t("challenges.target.category", { name: categoryName })}</li> : null}
          {c.topic ? <li>{t("challenges.target.topic", { topic: c.topic })}</li> : null}
          {c.makeupCardsAllowed > 0 ? <li>{t("challenges.makeupCards", { count: c.makeupCardsAllowed })}</li> : null}
        </ul>
        <h3>{t("challenges.reward")}</h3>
        <p className="ch-reward">
          {c.rewardPoints > 0 ? t("challenges.reward.points", { points: format.count(c.rewardPoints) }) : null}
          {c.rewardPoints > 0 && c.rewardBadgeId ? " + " : null}
          {c.rewardBadgeId ? t("challenges.reward.badge") : null}
          {c.rewardPoints === 0 && !c.rewardBadgeId ? t("challenges.reward.none") : null}
        </p>
      </section>

      <ChallengeLeaderboard board={board} requiredDays={c.requiredDays} />
      <LiveActivity challengeId={c.id} initial={activity} onCounts={setCounts} />
    </article>
  );

  function renderCheckIn() {
    if (!me) return null;
    if (me.checkedInToday) return <p className="ch-done">{t("challenges.checkin.done")}</p>;
    if (c.phase !== "active") return <p className="ch-meta">{t("challenges.checkin.notOpen")}</p>;
    const fieldError = result && !result.ok && result.intent === "checkin" ? result.fields?.postId : undefined;
    return (
      <Form method="post" replace className="stack" aria-labelledby="ch-checkin">
        <h3 id="ch-checkin">{t("challenges.checkin.title")}</h3>
        <input type="hidden" name="intent" value="checkin" />
        {c.proofRequired ? (
          candidates && candidates.items.length > 0 ? (
            <fieldset className="ch-picker" aria-describedby={fieldError ? "ch-proof-error" : undefined}>
              <legend>{t("challenges.checkin.pick")}</legend>
              {candidates.items.map((n, i) => (
                <label key={n.id} className={`ch-pick${n.used ? " ch-pick-used" : ""}`}>
                  <input type="radio" name="postId" value={n.id} defaultChecked={i === candidates.items.findIndex((x) => !x.used)} disabled={n.used} />
                  {n.thumbUrl ? <img src={n.thumbUrl} alt="" width={40} height={52} /> : null}
                  <span>
                    {n.title}
                    {n.used ? <span className="ch-meta"> · {t("challenges.checkin.used")}</span> : null}
                  </span>
                </label>
              ))}
            </fieldset>
          ) : (
            <p className="ch-meta">{t("challenges.checkin.none")}</p>
          )
        ) : null}
        {fieldError ? (
          <p id="ch-proof-error" className="field-errors" role="alert">
            {fieldError.join(" ")}
          </p>
        ) : null}
        <div className="row">
          {!c.proofRequired || (candidates && candidates.items.some((n) => !n.used)) ? (
            <button type="submit" className="btn btn-primary">
              {t("challenges.checkin.submit")}
            </button>
          ) : null}
          <Link to="/publish" className="btn btn-secondary">
            <PenIcon size={16} />
            {t("challenges.checkin.publish")}
          </Link>
        </div>
      </Form>
    );
  }
}

export const ErrorBoundary = GeneralErrorBoundary;
