import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FunnelChart } from "~/components/creators/funnel-chart";
import { inviteCandidate, listCategories, listCreatorCandidates, recruitmentFunnel, requireStaff } from "~/components/creators/applications.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, Toast } from "~/components/forms";
import { formFailure, type FormFailure } from "~/components/rewards/form-errors.server";
import { useFormat, useLocale, useT, type UiKey } from "~/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/**
 * 达人招募: the recruitment funnel as a chart, then members ranked by 30-day engagement, growth and fit
 * with an optional category (a GET form), each with an "invite to apply" button (a plain post).
 */

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "opsCandidates.title");
const PERMISSION = "read:creatorCandidates:any" as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, PERMISSION);
  const raw = new URL(request.url).searchParams.get("category") ?? "";
  const categories = await listCategories(context);
  const category = categories.some((c) => c.slug === raw) ? raw : undefined;
  const [candidates, funnel] = await Promise.all([listCreatorCandidates(context, staff, { category, limit: 30 }), recruitmentFunnel(context, staff)]);
  return json({ category: category ?? "", categories, candidates, funnel });
}

type ActionData = { invited: string | null; failure: FormFailure | null; userId: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, PERMISSION);
  const locale = resolveLocale(request, staff);
  const form = await request.formData();
  const userId = String(form.get("userId") ?? "");
  const category = String(form.get("category") ?? "");
  try {
    await inviteCandidate(context, staff, { userId, ...(category ? { category } : {}) });
    return json<ActionData>({ invited: userId, failure: null, userId });
  } catch (error) {
    const { failure, status } = formFailure(error, locale);
    return json<ActionData>({ invited: null, failure, userId }, { status });
  }
}

export default function OpsCandidates() {
  const t = useT();
  const format = useFormat();
  const locale = useLocale();
  const { category, categories, candidates, funnel } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="stack">
      <PageHeader title={t("opsCandidates.title")}>{t("opsCandidates.intro")}</PageHeader>
      {result?.invited ? <Toast>{t("opsCandidates.inviteDone")}</Toast> : null}
      <FunnelChart funnel={funnel} />
      <Form method="get" className="card card-body" style={{ display: "flex", gap: 8, alignItems: "end", flexWrap: "wrap" }}>
        <div className="field">
          <label htmlFor="category">{t("opsCandidates.category")}</label>
          <select id="category" name="category" className="select" defaultValue={category}>
            <option value="">{t("opsCandidates.anyCategory")}</option>
            {categories.map((c) => (
              <option key={c.slug} value={c.slug}>
                {locale === "en" ? c.nameEn : c.nameZh}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-small">
          {t("opsCandidates.search")}
        </button>
      </Form>
      {candidates.length === 0 ? (
        <p className="muted">{t("opsCandidates.empty")}</p>
      ) : (
        <ol className="stack" aria-label={t("opsCandidates.title")} style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {candidates.map((c) => (
            <li key={c.user.id} className="card card-body stack" data-testid="candidate-row">
              <strong>
                {c.user.displayName} <span className="muted">@{c.user.handle}</span>
              </strong>
              <span className="small">
                {t("opsCandidates.engagement", { count: format.count(c.engagement30d) })} · {t("opsCandidates.growth", { count: format.count(c.newFollowers30d) })} ·{" "}
                {t("opsCandidates.followers", { count: format.count(c.followers) })}
                {category ? ` · ${t("opsCandidates.fit", { percent: `${Math.round(c.categoryFit * 100)}%` })}` : ""}
              </span>
              {result?.failure && result.userId === c.user.id ? <FormErrors errors={[result.failure.message, ...Object.values(result.failure.fields).flat()]} /> : null}
              {c.invitation || result?.invited === c.user.id ? (
                <span className="chip">{t(`opsCandidates.status.${c.invitation ?? "invited"}` as UiKey)}</span>
              ) : (
                <Form method="post">
                  <input type="hidden" name="userId" value={c.user.id} />
                  <input type="hidden" name="category" value={category} />
                  <button type="submit" className="btn btn-primary btn-small" aria-label={`${t("opsCandidates.invite")}: ${c.user.displayName}`}>
                    {t("opsCandidates.invite")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
