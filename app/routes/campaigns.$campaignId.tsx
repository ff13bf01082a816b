import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CampaignMeta, Countdown, CountBarChart, percentOfBp } from "~/components/campaigns/campaign-bits";
import {
  cancelCampaign,
  campaignProducts,
  eligibleNotes,
  formFailure,
  getCampaignResults,
  joinCampaign,
  reviewSubmission,
  submitToCampaign,
  type FormFailure,
  type ReviewSubmissionInput,
  type SubmissionView,
} from "~/components/campaigns/campaigns.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ErrorList, FormErrors, Toast } from "~/components/forms";
import { useFormat, useT, type UiKey } from "~/i18n";
import styles from "~/styles/campaigns.css";
import { rethrowAsResponse } from "~/utils/feed.server";
import { resolveLocale } from "~/utils/locale.server";
import { getUser, requireUser } from "~/utils/session.server";

/**
 * One campaign and its results: what it is and pays, join (fan-only campaigns say how to get in),
 * enter a note (content bounty), the check-in challenge, the live stream's time and products with
 * the creator's links; participants, entries, winners and a chart of entries per day. Whoever runs
 * it (staff, or the creator) judges entries here — while it runs and for 7 days after its end — and,
 * until it ends, edits or cancels it with a reason. An upcoming campaign shows its countdown; joining
 * opens at the start. Plain posts, so all of it works without JavaScript.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: `${data.results.campaign.title} · Seedbed` }] : []);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const results = await getCampaignResults(context, user, params.campaignId ?? "").catch(rethrowAsResponse);
  const c = results.campaign;
  const [products, notes] = await Promise.all([
    campaignProducts(context, c.productIds, c.creator?.id ?? null),
    user && c.type === "content_bounty" && c.viewer?.joined && c.status === "active" ? eligibleNotes(context, user, c.startsAt) : Promise.resolve([]),
  ]);
  return json({ results, products, notes, signedIn: user !== null, now: context.clock.now().toISOString() });
}

type ActionData = { intent: string; id?: string; ok: boolean; failure: FormFailure | null };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const campaignId = params.campaignId ?? "";
  const id = String(form.get("submissionId") ?? "") || undefined;
  try {
    if (intent === "join") await joinCampaign(context, user, campaignId);
    else if (intent === "submit") await submitToCampaign(context, user, campaignId, { postId: String(form.get("postId") ?? "") });
    else if (intent === "cancel") await cancelCampaign(context, user, campaignId, { reason: String(form.get("cancelReason") ?? "") });
    else {
      const reason = String(form.get("reason") ?? "").trim();
      const review = intent === "topPick" ? { action: "topPick" } : { action: intent, ...(reason ? { reason } : {}) };
      await reviewSubmission(context, user, id ?? "", review as ReviewSubmissionInput);
    }
    return json<ActionData>({ intent, id, ok: true, failure: null });
  } catch (error) {
    const { failure, status } = formFailure(error, locale);
    return json<ActionData>({ intent, id, ok: false, failure }, { status });
  }
}

function SubmissionRow({ s, judge, result }: { s: SubmissionView; judge: boolean; result: ActionData | undefined }) {
  const t = useT();
  const format = useFormat();
  const mine = result?.id === s.id ? result : undefined;
  const reasonId = `reason-${s.id}`;
  return (
    <li className="cp-row">
      <div className="cp-row-head">
        <Link to={`/n/${s.post.id}`}>{s.post.title}</Link>
        <span className="cp-chips">
          {s.topPick ? <span className="cp-chip cp-brand">{t("campaigns.sub.top")}</span> : null}
          <span className="cp-chip">{t(`campaigns.sub.status.${s.status}` as UiKey)}</span>
        </span>
      </div>
      <span className="muted small">
        @{s.member.handle} · {format.dateTime(s.submittedAt)}
        {s.rewardedPoints > 0 ? ` · ${t("campaigns.sub.points", { points: format.count(s.rewardedPoints) })}` : ""}
        {s.rewardedCents > 0 ? ` · ${t("campaigns.sub.cash", { amount: format.money(s.rewardedCents) })}` : ""}
      </span>
      {s.reason ? <span className="small">{s.reason}</span> : null}
      {mine?.failure ? <FormErrors errors={[mine.failure.message]} /> : null}
      {judge && s.status !== "rejected" && !s.topPick ? (
        <Form method="post" className="cp-actions">
          <input type="hidden" name="submissionId" value={s.id} />
          {s.status === "submitted" ? (
            <div className="field">
              <label htmlFor={reasonId}>{t("campaigns.review.reason")}</label>
              <input id={reasonId} name="reason" className="input" maxLength={200} aria-describedby={mine?.failure?.fields.reason ? `${reasonId}-errors` : undefined} />
              <ErrorList id={`${reasonId}-errors`} errors={mine?.failure?.fields.reason} />
            </div>
          ) : null}
          <div className="cp-actions">
            {s.status === "submitted" ? (
              <>
                <button type="submit" name="intent" value="approve" className="btn btn-primary btn-small">
                  {t("campaigns.review.approve")}
                </button>
                <button type="submit" name="intent" value="reject" className="btn btn-danger btn-small">
                  {t("campaigns.review.reject")}
                </button>
              </>
            ) : null}
            <button type="submit" name="intent" value="topPick" className="btn btn-small">
              {t("campaigns.review.topPick")}
            </button>
          </div>
        </Form>
      ) : null}
    </li>
  );
}

export default function CampaignPage() {
  const t = useT();
  const format = useFormat();
  const { results, products, notes, signedIn, now } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const c = results.campaign;
  // Judging stays open 7 days past the end; the buttons go when the server would refuse them.
  const judge = Boolean(c.viewer?.canManage) && (c.status === "active" || (c.status === "ended" && now < c.judgingEndsAt));
  const cancelFailure = result?.intent === "cancel" ? result.failure : null;
  const pageFailure = result?.failure && !result.id ? result.failure : null;
  return (
    <div className="stack">
      {/* The chips are a <div>: inside the header's <p> they would break hydration. */}
      <PageHeader title={c.title} />
      <CampaignMeta c={c} />
      {result?.ok ? (
        <Toast>
          {t(
            result.intent === "join"
              ? "campaigns.joinedToast"
              : result.intent === "submit"
                ? "campaigns.submit.done"
                : result.intent === "cancel"
                  ? "campaigns.cancel.done"
                  : "campaigns.review.done",
          )}
        </Toast>
      ) : null}
      {pageFailure && result?.intent !== "cancel" ? <FormErrors errors={[pageFailure.message]} /> : null}
      {c.coverUrl ? <img className="cp-cover" src={c.coverUrl} alt={t("campaigns.cover.alt", { title: c.title })} /> : null}
      {c.status === "cancelled" && c.cancelReason ? (
        <p className="cp-notice" role="note" data-testid="campaign-cancelled">
          {t("campaigns.cancelledBecause", { reason: c.cancelReason })}
        </p>
      ) : null}
      {c.status === "upcoming" ? (
        <p className="small">
          <Countdown startsAt={c.startsAt} now={now} /> · {t("campaigns.opensAt", { time: format.dateTime(c.startsAt) })}
        </p>
      ) : null}
      {c.status === "ended" && c.viewer?.canManage && now < c.judgingEndsAt ? <p className="small muted">{t("campaigns.judgingUntil", { time: format.dateTime(c.judgingEndsAt) })}</p> : null}

      <section className="card card-body cp-section" aria-labelledby="cp-about">
        <h2 id="cp-about" className="visually-hidden">
          {c.title}
        </h2>
        <p className="muted small">
          {c.creator ? (
            <Link to={`/u/${c.creator.handle}`}>{t("campaigns.owner.creator", { name: c.creator.displayName })}</Link>
          ) : (
            t("campaigns.owner.platform")
          )}{" "}
          · {t("campaigns.window", { start: format.dateTime(c.startsAt), end: format.dateTime(c.endsAt) })}
        </p>
        {c.brief ? <p>{c.brief}</p> : null}
        {c.brandName ? <p className="small">{t("campaigns.brand", { brand: c.brandName })}</p> : null}
        <ul className="small">
          {c.rewardPoints > 0 ? <li>{t("campaigns.reward", { points: format.count(c.rewardPoints) })}</li> : null}
          {c.topN > 0 ? <li>{t("campaigns.topReward", { n: c.topN, points: format.count(c.topExtraPoints) })}</li> : null}
          {c.topBonusCents > 0 ? <li>{t("campaigns.topBonus", { amount: format.money(c.topBonusCents) })}</li> : null}
          {c.bonusRateBp > 0 ? <li>{t("campaigns.bonus", { rate: percentOfBp(c.bonusRateBp) })}</li> : null}
          {c.liveAt ? <li>{t("campaigns.live.time", { time: format.dateTime(c.liveAt) })}</li> : null}
          <li>{t("campaigns.participants", { count: format.count(c.participantCount) })}</li>
        </ul>
        <div className="cp-actions">
          {!signedIn ? (
            <Link to={`/login?redirectTo=${encodeURIComponent(`/campaigns/${c.id}`)}`} className="btn btn-primary">
              {t("campaigns.loginToJoin")}
            </Link>
          ) : c.viewer?.joined ? (
            <span className="chip">{t("campaigns.joined")}</span>
          ) : c.viewer?.canJoin ? (
            <Form method="post">
              <button type="submit" name="intent" value="join" className="btn btn-primary">
                {t("campaigns.join")}
              </button>
            </Form>
          ) : c.fanGroupOnly && c.creator && c.status === "active" ? (
            <p className="small">
              {t("campaigns.fansOnlyHint")} <Link to={`/u/${c.creator.handle}/fans`}>{t("campaigns.toFanGroup")}</Link>
            </p>
          ) : null}
          {c.challengeId && c.status === "active" ? (
            <Link to={`/challenges/${c.challengeId}`} className="btn">
              {t("campaigns.challenge")}
            </Link>
          ) : null}
          {c.type === "content_bounty" ? (
            <Link to={`/campaigns/${c.id}/results`} className="btn">
              {t("campaigns.results.link")}
            </Link>
          ) : null}
          {c.viewer?.canEdit ? (
            <Link to={`/campaigns/${c.id}/edit`} className="btn">
              {t("campaigns.edit")}
            </Link>
          ) : null}
        </div>
      </section>

      {c.viewer?.canEdit ? (
        <section className="card card-body cp-section" aria-labelledby="cp-cancel">
          <h2 id="cp-cancel">{t("campaigns.cancel.title")}</h2>
          {cancelFailure && Object.keys(cancelFailure.fields).length === 0 ? <FormErrors errors={[cancelFailure.message]} /> : null}
          <Form method="post" className="cp-form">
            <div className="field">
              <label htmlFor="cp-cancelReason">{t("campaigns.cancel.reason")}</label>
              <input
                id="cp-cancelReason"
                name="cancelReason"
                className="input"
                maxLength={200}
                required
                aria-invalid={cancelFailure?.fields.reason ? true : undefined}
                aria-describedby={cancelFailure?.fields.reason ? "cp-cancelReason-errors" : undefined}
              />
              <ErrorList id="cp-cancelReason-errors" errors={cancelFailure?.fields.reason} />
            </div>
            <button type="submit" name="intent" value="cancel" className="btn btn-danger">
              {t("campaigns.cancel.button")}
            </button>
          </Form>
        </section>
      ) : null}

      {products.length > 0 ? (
        <section className="card card-body cp-section" aria-labelledby="cp-products">
          <h2 id="cp-products">{c.type === "live_invitation" ? t("campaigns.live.products") : t("campaigns.products")}</h2>
          <ul className="cp-rows">
            {products.map((p) => (
              <li key={p.id} className="cp-row">
                <div className="cp-row-head">
                  <Link to={`/products/${p.id}`}>{p.title}</Link>
                  <span>{format.money(p.priceCents)}</span>
                </div>
                {p.linkCode ? (
                  <a href={`/d/${p.linkCode}`} className="small">
                    {t("campaigns.live.buy")}
                  </a>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {c.type === "content_bounty" && c.viewer?.joined && c.status === "active" ? (
        <section className="card card-body cp-section" aria-labelledby="cp-submit">
          <h2 id="cp-submit">{t("campaigns.submit.title")}</h2>
          {notes.length === 0 ? (
            <p className="muted small">{t("campaigns.submit.none")}</p>
          ) : (
            <Form method="post" className="cp-form">
              <div className="field">
                <label htmlFor="cp-postId">{t("campaigns.submit.note")}</label>
                <select id="cp-postId" name="postId" className="select" aria-describedby={result?.intent === "submit" && result.failure?.fields.postId ? "cp-postId-errors" : undefined}>
                  {notes.map((n) => (
                    <option key={n.id} value={n.id}>
                      {n.title}
                    </option>
                  ))}
                </select>
                <ErrorList id="cp-postId-errors" errors={result?.intent === "submit" ? result.failure?.fields.postId : undefined} />
              </div>
              <button type="submit" name="intent" value="submit" className="btn btn-primary">
                {t("campaigns.submit.button")}
              </button>
            </Form>
          )}
        </section>
      ) : null}

      {c.type === "content_bounty" ? (
        <section className="card card-body cp-section" aria-labelledby="cp-results">
          <h2 id="cp-results">{t("campaigns.results")}</h2>
          <p className="small">{t("campaigns.results.pointsPaid", { points: format.count(results.pointsPaid) })}</p>
          <CountBarChart
            id="cp-per-day"
            title={t("campaigns.chart.title")}
            bars={results.perDay.map((d) => ({ label: d.day.slice(5).replace("-", "/"), count: d.count }))}
            describe={(b) => t("campaigns.chart.day", { day: b.label, count: b.count })}
          />
          <h3>{t("campaigns.results.winners")}</h3>
          {results.winners.length === 0 ? (
            <p className="muted small">{t("campaigns.results.noWinners")}</p>
          ) : (
            <ul className="cp-rows">
              {results.winners.map((s) => (
                <SubmissionRow key={s.id} s={s} judge={false} result={undefined} />
              ))}
            </ul>
          )}
          <h3>{t("campaigns.results.list")}</h3>
          {results.submissions.length === 0 ? (
            <p className="muted small">{t("campaigns.results.none")}</p>
          ) : (
            <ul className="cp-rows" aria-label={t("campaigns.results.list")}>
              {results.submissions.map((s) => (
                <SubmissionRow key={s.id} s={s} judge={judge} result={result} />
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {results.participants.length > 0 ? (
        <section className="card card-body cp-section" aria-labelledby="cp-participants">
          <h2 id="cp-participants">{t("campaigns.results.participants")}</h2>
          <p className="small">
            {results.participants.slice(0, 30).map((p, i) => (
              <span key={p.id}>
                {i > 0 ? "、" : ""}
                <Link to={`/u/${p.handle}`}>{p.displayName}</Link>
              </span>
            ))}
          </p>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
