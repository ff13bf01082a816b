import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { Toast } from "~/components/forms";
import { formFailure, type FormFailure } from "~/components/rewards/form-errors.server";
import { RewardsOpsNav } from "~/components/rewards/ops-nav";
import { RewardForm, valuesOfReward } from "~/components/rewards/reward-form";
import { formValuesOf, rewardInputFromForm } from "~/components/rewards/reward-form.server";
import { getReward, requireStaff, updateReward } from "~/components/rewards/rewards.server";
import { useT } from "~/i18n";
import rewardStyles from "~/styles/rewards.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/** Staff edit one item: details, window, level, limits, on sale or not, and stock by a delta. */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: rewardStyles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "rewards.ops.title");

async function load(request: Request, context: LoaderFunctionArgs["context"], id: string) {
  const staff = await requireStaff(request, context, "manage:rewards:any");
  try {
    return { staff, reward: await getReward(context, staff, id) };
  } catch (e) {
    if ((e as { code?: string }).code === "NOT_FOUND") throw json(null, { status: 404 });
    throw e;
  }
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { reward } = await load(request, context, params.id ?? "");
  return json({ reward, timeZone: context.config.platformTimeZone });
}

type ActionData = { saved: boolean; values: Record<string, string>; failure: FormFailure | null };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { staff, reward } = await load(request, context, params.id ?? "");
  const locale = resolveLocale(request, staff);
  const form = await request.formData();
  try {
    await updateReward(context, staff, reward.id, rewardInputFromForm(form, context.config.platformTimeZone, "update"));
    return json<ActionData>({ saved: true, values: {}, failure: null });
  } catch (error) {
    const { failure, status } = formFailure(error, locale);
    return json<ActionData>({ saved: false, values: formValuesOf(form), failure }, { status });
  }
}

export default function OpsRewardEdit() {
  const t = useT();
  const { reward, timeZone } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="stack">
      <RewardsOpsNav current="rewards" />
      <p>
        <Link to="/ops/rewards">← {t("rewards.ops.back")}</Link>
      </p>
      <PageHeader title={reward.title} />
      <section className="card card-body stack">
        {data?.saved ? <Toast>{t("rewards.ops.saved")}</Toast> : null}
        <RewardForm
          key={reward.stock + reward.title}
          mode="update"
          values={data?.failure ? data.values : valuesOfReward(reward, timeZone)}
          fields={data?.failure?.fields ?? {}}
          message={data?.failure?.message ?? null}
          stockNow={t("rewards.ops.stockNow", { stock: reward.stock, count: reward.redeemedCount })}
        />
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
