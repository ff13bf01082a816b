import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getMyCreatorApplication } from "~/components/creators/applications.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { Toast } from "~/components/forms";
import { useFormat, useLocale, useT, type UiKey } from "~/i18n";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/session.server";

/**
 * 我的创作者申请: where the caller's latest application stands — its status, the reason of a rejection and
 * when they may apply again, the trial task's progress (a progress bar of notes published against those
 * required) and the timeline of every step. No personal data is shown back, not even to its owner.
 */

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "creatorApplication.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return json({ application: await getMyCreatorApplication(context, user) });
}

export default function MyCreatorApplication() {
  const t = useT();
  const format = useFormat();
  const locale = useLocale();
  const [params] = useSearchParams();
  const { application: a } = useLoaderData<typeof loader>();
  if (!a) {
    return (
      <div className="stack">
        <PageHeader title={t("creatorApplication.title")} />
        <div className="card card-body stack">
          <p>{t("creatorApplication.none")}</p>
          <Link className="btn btn-primary" to="/creator/apply">
            {t("creatorApplication.applyNow")}
          </Link>
        </div>
      </div>
    );
  }
  const status = t(`creatorApplication.status.${a.status}` as UiKey);
  return (
    <div className="stack">
      <PageHeader title={t("creatorApplication.title")} />
      {params.get("submitted") ? <Toast>{t("creatorApplication.submitted")}</Toast> : null}
      <section className="card card-body stack" aria-labelledby="app-status">
        <h2 id="app-status" className="section-title" data-testid="application-status" data-status={a.status}>
          {t("creatorApplication.status", { status })}
        </h2>
        {a.reason ? <p>{t("creatorApplication.reason", { reason: a.reason })}</p> : null}
        {a.status === "rejected" && a.reapplyAfter ? (
          <p className="muted small">{t("creatorApplication.reapplyAfter", { date: format.date(a.reapplyAfter) })}</p>
        ) : null}
        {a.status === "approved" ? (
          <Link className="btn btn-primary" to="/badges">
            {t("creatorApplication.approved")}
          </Link>
        ) : null}
      </section>
      {a.trial ? (
        <section className="card card-body stack" aria-labelledby="trial-title">
          <h2 id="trial-title" className="section-title">
            {t("creatorApplication.trialProgress")}
          </h2>
          <p>
            {t("creatorApplication.trial", {
              required: a.trial.requiredNotes,
              category: a.trial.category ? (locale === "en" ? a.trial.category.nameEn : a.trial.category.nameZh) : "—",
              deadline: format.date(a.trial.deadline),
            })}
          </p>
          <progress max={a.trial.requiredNotes} value={Math.min(a.trial.publishedNotes, a.trial.requiredNotes)} aria-labelledby="trial-title" style={{ width: "100%" }} />
          <p className="small">
            {t("creatorApplication.trialCount", { count: a.trial.publishedNotes, required: a.trial.requiredNotes })} · {t(`creatorApplication.trial.${a.trial.outcome}` as UiKey)}
          </p>
        </section>
      ) : null}
      <section className="card card-body stack" aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="section-title">
          {t("creatorApplication.timeline")}
        </h2>
        <ol className="stack" style={{ margin: 0, paddingInlineStart: 20 }}>
          {a.events.map((e, i) => (
            <li key={i}>
              <strong>{t(`creatorApplication.event.${e.kind}` as UiKey)}</strong> <span className="muted small">{format.dateTime(e.at)}</span>
              {e.note && e.kind === "rejected" ? <div className="small">{e.note}</div> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
