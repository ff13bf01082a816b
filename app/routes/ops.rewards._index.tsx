import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { Toast } from "~/components/forms";
import { formFailure, type FormFailure } from "~/components/rewards/form-errors.server";
import { RewardsOpsNav } from "~/components/rewards/ops-nav";
import { RewardFacts } from "~/components/rewards/reward-bits";
import { RewardForm } from "~/components/rewards/reward-form";
import { formValuesOf, rewardInputFromForm } from "~/components/rewards/reward-form.server";
import { createReward, listRewards, requireStaff, type CreateRewardInput } from "~/components/rewards/rewards.server";
import { useT } from "~/i18n";
import rewardStyles from "~/styles/rewards.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/** Staff: every item of the shop (on sale or not) and the form that adds one. Changes are audited. */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: rewardStyles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "rewards.ops.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "manage:rewards:any");
  return json({ rewards: await listRewards(context, staff, { all: true }) });
}

type ActionData = { created: string | null; values: Record<string, string>; failure: FormFailure | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, "manage:rewards:any");
  const locale = resolveLocale(request, staff);
  const form = await request.formData();
  try {
    const reward = await createReward(context, staff, rewardInputFromForm(form, context.config.platformTimeZone, "create") as CreateRewardInput);
    return json<ActionData>({ created: reward.id, values: {}, failure: null });
  } catch (error) {
    const { failure, status } = formFailure(error, locale);
    return json<ActionData>({ created: null, values: formValuesOf(form), failure }, { status });
  }
}

export default function OpsRewards() {
  const t = useT();
  const { rewards } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="stack">
      <RewardsOpsNav current="rewards" />
      <PageHeader title={t("rewards.ops.title")}>{t("rewards.ops.intro")}</PageHeader>
      <ul className="rw-list" aria-label={t("rewards.ops.title")}>
        {rewards.map((r) => (
          <li key={r.id} className="card card-body rw-row">
            <div className="rw-row-head">
              <strong>{r.title}</strong>
              <span className={r.active ? "chip" : "chip chip-muted"}>{t(r.active ? "rewards.ops.active" : "rewards.ops.inactive")}</span>
            </div>
            <RewardFacts item={r} />
            <span className="muted">{t("rewards.ops.stockNow", { stock: r.stock, count: r.redeemedCount })}</span>
            <Link className="btn btn-secondary btn-small" to={`/ops/rewards/${r.id}`}>
              {t("rewards.ops.edit")}
            </Link>
          </li>
        ))}
      </ul>
      <section className="card card-body stack" aria-labelledby="new-reward">
        <h2 id="new-reward">{t("rewards.ops.create")}</h2>
        {data?.created ? <Toast>{t("rewards.ops.created")}</Toast> : null}
        <RewardForm
          key={data?.created ?? "new"}
          mode="create"
          values={data?.failure ? data.values : { kind: "physical", minLevel: "1", active: "on" }}
          fields={data?.failure?.fields ?? {}}
          message={data?.failure?.message ?? null}
        />
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
