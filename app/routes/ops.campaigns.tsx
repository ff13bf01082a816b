import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formFailure, getCampaignResults, listCampaigns, pendingSubmissionIds, reviewSubmission, type FormFailure, type ReviewSubmissionInput } from "~/components/campaigns/campaigns.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ErrorList, FormErrors, Toast } from "~/components/forms";
import { useFormat, useT } from "~/i18n";
import styles from "~/styles/campaigns.css";
import { requireStaff } from "~/utils/content.server";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/**
 * Staff campaign review: entries waiting for a judge, grouped by campaign, oldest first. Approve (the
 * points are paid once per member and campaign), reject with a reason, or pick as one of the top N.
 * Two staff judging one entry at once get one success and one "already judged". Ended campaigns stay
 * in the queue for their 7 days of judging; cancelled ones leave it. Upcoming campaigns are listed.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "campaigns.ops.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "manage:campaign:any");
  const ids = await pendingSubmissionIds(context);
  const groups = await Promise.all(ids.map((id) => getCampaignResults(context, staff, id)));
  const [running, upcoming] = await Promise.all([
    listCampaigns(context, staff, { status: "active", limit: 50 }),
    listCampaigns(context, staff, { status: "upcoming", limit: 20 }),
  ]);
  const now = context.clock.now().toISOString();
  // Entries of a cancelled campaign, or one past its 7 days of judging, can no longer be decided: not queued.
  const open = groups.filter((g) => g.campaign.status === "active" || (g.campaign.status === "ended" && now < g.campaign.judgingEndsAt));
  return json({
    groups: open.map((g) => ({ campaign: g.campaign, pending: g.submissions.filter((s) => s.status === "submitted") })),
    running,
    upcoming,
  });
}

type ActionData = { id: string; ok: boolean; failure: FormFailure | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, "manage:campaign:any");
  const locale = resolveLocale(request, staff);
  const form = await request.formData();
  const id = String(form.get("submissionId") ?? "");
  const intent = String(form.get("intent") ?? "");
  const reason = String(form.get("reason") ?? "").trim();
  try {
    const review = intent === "topPick" ? { action: "topPick" } : { action: intent, ...(reason ? { reason } : {}) };
    await reviewSubmission(context, staff, id, review as ReviewSubmissionInput);
    return json<ActionData>({ id, ok: true, failure: null });
  } catch (error) {
    const { failure, status } = formFailure(error, locale);
    return json<ActionData>({ id, ok: false, failure }, { status });
  }
}

export default function OpsCampaigns() {
  const t = useT();
  const format = useFormat();
  const { groups, running, upcoming } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="stack">
      <PageHeader title={t("campaigns.ops.title")}>{t("campaigns.ops.intro")}</PageHeader>
      {result?.ok ? <Toast>{t("campaigns.review.done")}</Toast> : null}
      <p>
        <Link to="/campaigns/new" className="btn btn-primary">
          {t("campaigns.new")}
        </Link>
      </p>
      {groups.length === 0 ? <p className="muted">{t("campaigns.ops.empty")}</p> : null}
      {groups.map(({ campaign, pending }) => (
        <section key={campaign.id} className="card card-body cp-section" aria-labelledby={`g-${campaign.id}`}>
          <h2 id={`g-${campaign.id}`}>
            <Link to={`/campaigns/${campaign.id}`}>{campaign.title}</Link>
          </h2>
          {campaign.status === "ended" ? <p className="small muted">{t("campaigns.judgingUntil", { time: format.dateTime(campaign.judgingEndsAt) })}</p> : null}
          <ul className="cp-rows">
            {pending.map((s) => {
              const mine = result?.id === s.id ? result : undefined;
              const reasonId = `reason-${s.id}`;
              return (
                <li key={s.id} className="cp-row">
                  <div className="cp-row-head">
                    <Link to={`/n/${s.post.id}`}>{s.post.title}</Link>
                    <span className="muted small">
                      @{s.member.handle} · {format.dateTime(s.submittedAt)}
                    </span>
                  </div>
                  {mine?.failure ? <FormErrors errors={[mine.failure.message]} /> : null}
                  <Form method="post" className="cp-actions">
                    <input type="hidden" name="submissionId" value={s.id} />
                    <div className="field">
                      <label htmlFor={reasonId}>{t("campaigns.review.reason")}</label>
                      <input id={reasonId} name="reason" className="input" maxLength={200} aria-describedby={mine?.failure?.fields.reason ? `${reasonId}-errors` : undefined} />
                      <ErrorList id={`${reasonId}-errors`} errors={mine?.failure?.fields.reason} />
                    </div>
                    <div className="cp-actions">
                      <button type="submit" name="intent" value="approve" className="btn btn-primary btn-small">
                        {t("campaigns.review.approve")}
                      </button>
                      <button type="submit" name="intent" value="reject" className="btn btn-danger btn-small">
                        {t("campaigns.review.reject")}
                      </button>
                      {campaign.topN > 0 ? (
                        <button type="submit" name="intent" value="topPick" className="btn btn-small">
                          {t("campaigns.review.topPick")}
                        </button>
                      ) : null}
                    </div>
                  </Form>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      <section className="card card-body cp-section" aria-labelledby="ops-running">
        <h2 id="ops-running">{t("campaigns.status.active")}</h2>
        <ul className="cp-rows">
          {running.map((c) => (
            <li key={c.id} className="cp-row">
              <Link to={`/campaigns/${c.id}`}>{c.title}</Link>
              <span className="muted small">
                {t("campaigns.participants", { count: format.count(c.participantCount) })} · {t("campaigns.submissions", { count: format.count(c.submissionCount) })}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {upcoming.length > 0 ? (
        <section className="card card-body cp-section" aria-labelledby="ops-upcoming">
          <h2 id="ops-upcoming">{t("campaigns.status.upcoming")}</h2>
          <ul className="cp-rows">
            {upcoming.map((c) => (
              <li key={c.id} className="cp-row">
                <Link to={`/campaigns/${c.id}`}>{c.title}</Link>
                <span className="muted small">{t("campaigns.opensAt", { time: format.dateTime(c.startsAt) })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
