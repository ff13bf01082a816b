import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { decideCreatorApplication, getCreatorApplicationForStaff, listCategories, listPiiAccess, requireStaff, type DecideInput } from "~/components/creators/applications.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ErrorList, FormErrors, Toast } from "~/components/forms";
import { formFailure, type FormFailure } from "~/components/rewards/form-errors.server";
import { useFormat, useLocale, useT, type UiKey } from "~/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/**
 * One application for staff: the applicant's decrypted personal data under a notice that the view is
 * logged (the loader writes the access record before returning it), what they create, their other
 * accounts, the trial's progress and the timeline, and the decision form — plain posts, so it works
 * without JavaScript. Deciding one's own application is refused by the domain.
 */

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "opsApplications.detail");
const PERMISSION = "review:creatorApplication:any" as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, PERMISSION);
  // The view is recorded first, so the list below includes this one.
  const detail = await getCreatorApplicationForStaff(context, staff, params.id ?? "", "web");
  const [categories, views] = await Promise.all([listCategories(context), listPiiAccess(context, staff, detail.application.id, 10)]);
  return json({ ...detail, categories, views });
}

type ActionData = { failure: FormFailure };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, PERMISSION);
  const locale = resolveLocale(request, staff);
  const form = await request.formData();
  const reason = String(form.get("reason") ?? "").trim();
  const category = String(form.get("trialCategoryId") ?? "");
  const input = { action: String(form.get("action") ?? ""), ...(reason ? { reason } : {}), ...(form.get("action") === "trial" && category ? { trialCategoryId: category } : {}) };
  try {
    const updated = await decideCreatorApplication(context, staff, params.id ?? "", input as DecideInput);
    return redirect(`/ops/creators/applications/${updated.id}?done=${updated.status}`);
  } catch (error) {
    const { failure, status } = formFailure(error, locale);
    return json<ActionData>({ failure }, { status });
  }
}

export default function OpsApplication() {
  const t = useT();
  const format = useFormat();
  const locale = useLocale();
  const [params] = useSearchParams();
  const { application: a, pii, piiKeyMissing, categories, views } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const fields = data?.failure.fields ?? {};
  const done = params.get("done");
  const open = ["submitted", "in_review", "trial"].includes(a.status);
  const catName = (slug: string) => {
    const c = categories.find((x) => x.slug === slug);
    return c ? (locale === "en" ? c.nameEn : c.nameZh) : slug;
  };
  return (
    <div className="stack">
      <PageHeader title={`${t("opsApplications.detail")} · ${a.applicant.displayName}`}>
        <Link to="/ops/creators/applications">{t("opsApplications.back")}</Link>
      </PageHeader>
      {done ? <Toast>{t("opsApplications.done", { status: t(`creatorApplication.status.${done}` as UiKey) })}</Toast> : null}
      <section className="card card-body stack" aria-labelledby="pii-title">
        <h2 id="pii-title" className="section-title">
          {t("opsApplications.pii")}
        </h2>
        <p className="notice small" role="note" data-testid="pii-notice">
          {t("opsApplications.piiNotice")}
        </p>
        {pii ? (
          <dl style={{ display: "grid", gridTemplateColumns: "auto 1fr", gap: "4px 12px", margin: 0 }}>
            <dt>{t("creatorApply.realName")}</dt>
            <dd style={{ margin: 0 }} data-testid="pii-real-name">{pii.realName}</dd>
            <dt>{t("creatorApply.contact")}</dt>
            <dd style={{ margin: 0 }}>{pii.contact}</dd>
            <dt>{t("creatorApply.region")}</dt>
            <dd style={{ margin: 0 }}>{pii.region}</dd>
          </dl>
        ) : (
          <p className="notice notice-error small" role="alert" data-testid="pii-key-missing">
            {t("opsApplications.piiKeyMissing", { keyId: piiKeyMissing ?? "" })}
          </p>
        )}
        <details>
          <summary className="small">{t("opsApplications.views", { count: views.length })}</summary>
          <ul className="small" aria-label={t("opsApplications.views", { count: views.length })}>
            {views.map((v, i) => (
              <li key={i}>
                {v.viewer.displayName} @{v.viewer.handle} · {v.channel} · {format.dateTime(v.at)}
              </li>
            ))}
          </ul>
        </details>
      </section>
      <section className="card card-body stack" aria-labelledby="profile-title">
        <h2 id="profile-title" className="section-title">
          @{a.applicant.handle} · {t(`creatorApplication.status.${a.status}` as UiKey)}
        </h2>
        <p>{a.categories.map(catName).join(" / ")}</p>
        {a.talents.length ? <p>{t("opsApplications.talents")}：{a.talents.join("、")}</p> : null}
        {a.platformAccounts.length ? (
          <ul aria-label={t("opsApplications.accounts")}>
            {a.platformAccounts.map((p, i) => (
              <li key={i}>
                {p.platform} · {p.handle} · {t("opsApplications.followers", { count: format.count(p.followers) })}
              </li>
            ))}
          </ul>
        ) : null}
        {a.sampleNotes ? <p className="small">{a.sampleNotes}</p> : null}
        {a.trial ? (
          <p className="small">
            {t("creatorApplication.trialCount", { count: a.trial.publishedNotes, required: a.trial.requiredNotes })} · {t(`creatorApplication.trial.${a.trial.outcome}` as UiKey)} ·{" "}
            {format.date(a.trial.deadline)}
          </p>
        ) : null}
        {a.reason ? <p>{t("creatorApplication.reason", { reason: a.reason })}</p> : null}
        <ol className="small" style={{ margin: 0, paddingInlineStart: 20 }}>
          {a.events.map((e, i) => (
            <li key={i}>
              {t(`creatorApplication.event.${e.kind}` as UiKey)} · {format.dateTime(e.at)}
              {e.note ? ` · ${e.note}` : ""}
            </li>
          ))}
        </ol>
      </section>
      {open ? (
        <section className="card card-body stack" aria-labelledby="decide-title">
          <h2 id="decide-title" className="section-title">
            {t("opsApplications.decide")}
          </h2>
          <Form method="post" className="stack">
            <FormErrors errors={data && !fields.reason && !fields.trialCategoryId ? [data.failure.message] : null} />
            <div className="field">
              <label htmlFor="reason">{t("opsApplications.reason")}</label>
              <textarea id="reason" name="reason" className="textarea" maxLength={500} rows={2} aria-invalid={fields.reason?.length ? true : undefined} aria-describedby={fields.reason?.length ? "reason-errors" : undefined} />
              <ErrorList id="reason-errors" errors={fields.reason} />
            </div>
            {a.status !== "trial" ? (
              <div className="field">
                <label htmlFor="trialCategoryId">{t("opsApplications.trialCategory")}</label>
                <select id="trialCategoryId" name="trialCategoryId" className="select" defaultValue={categories.find((c) => c.slug === a.categories[0])?.id}>
                  {categories.map((c) => (
                    <option key={c.id} value={c.id}>
                      {locale === "en" ? c.nameEn : c.nameZh}
                    </option>
                  ))}
                </select>
                <ErrorList errors={fields.trialCategoryId} />
              </div>
            ) : null}
            <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
              {a.status === "submitted" ? (
                <button type="submit" name="action" value="review" className="btn btn-small">
                  {t("opsApplications.review")}
                </button>
              ) : null}
              {a.status !== "trial" ? (
                <button type="submit" name="action" value="trial" className="btn btn-small">
                  {t("opsApplications.startTrial")}
                </button>
              ) : null}
              <button type="submit" name="action" value="approve" className="btn btn-primary btn-small">
                {t("opsApplications.approve")}
              </button>
              <button type="submit" name="action" value="reject" className="btn btn-danger btn-small">
                {t("opsApplications.reject")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
