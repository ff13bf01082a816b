import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listCreatorApplications, requireStaff } from "~/components/creators/applications.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { useFormat, useT, type UiKey } from "~/i18n";
import { titleMeta } from "~/utils/meta";

/** The staff queue of creator applications, filtered by status (no personal data on this page). */

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "opsApplications.title");

// Kept here rather than imported from db/schema, which must not reach the browser bundle.
const STATUSES = ["submitted", "in_review", "trial", "approved", "rejected"] as const;
const statusSchema = z.enum(STATUSES).optional().catch(undefined);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "review:creatorApplication:any");
  const status = statusSchema.parse(new URL(request.url).searchParams.get("status") ?? undefined);
  return json({ status: status ?? null, applications: await listCreatorApplications(context, staff, { status, limit: 100 }) });
}

export default function OpsApplications() {
  const t = useT();
  const format = useFormat();
  const { status, applications } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <PageHeader title={t("opsApplications.title")}>{t("opsApplications.intro")}</PageHeader>
      <nav className="er-tabs" aria-label={t("opsApplications.filter")} style={{ display: "flex", flexWrap: "wrap", gap: 12 }}>
        <Link to="/ops/creators/applications" aria-current={status === null ? "page" : undefined}>
          {t("opsApplications.all")}
        </Link>
        {STATUSES.map((s) => (
          <Link key={s} to={`/ops/creators/applications?status=${s}`} aria-current={s === status ? "page" : undefined}>
            {t(`creatorApplication.status.${s}` as UiKey)}
          </Link>
        ))}
      </nav>
      {applications.length === 0 ? (
        <p className="muted">{t("opsApplications.empty")}</p>
      ) : (
        <ul className="stack" aria-label={t("opsApplications.title")} style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {applications.map((a) => (
            <li key={a.id} className="card card-body stack" data-testid="application-row">
              <div style={{ display: "flex", justifyContent: "space-between", gap: 8, flexWrap: "wrap" }}>
                <strong>
                  {a.applicant.displayName} <span className="muted">@{a.applicant.handle}</span>
                </strong>
                <span className="chip">{t(`creatorApplication.status.${a.status}` as UiKey)}</span>
              </div>
              <span className="muted small">
                {t("opsApplications.applied", { date: format.dateTime(a.createdAt) })} · {a.categories.join(" / ")}
                {a.trial ? ` · ${t("creatorApplication.trialCount", { count: a.trial.publishedNotes, required: a.trial.requiredNotes })} (${t(`creatorApplication.trial.${a.trial.outcome}` as UiKey)})` : ""}
              </span>
              <Link to={`/ops/creators/applications/${a.id}`} className="btn btn-small">
                {t("opsApplications.open")}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
