import { randomUUID } from "node:crypto";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SubmitButton } from "~/components/forms";
import { fieldErrorsFromZod, formFailure, type FormFailure } from "~/components/rewards/form-errors.server";
import { blockerText, FieldErrorList, RewardFacts } from "~/components/rewards/reward-bits";
import { getReward, redeemReward, redeemRewardSchema } from "~/components/rewards/rewards.server";
import { useFormat, useT } from "~/i18n";
import rewardStyles from "~/styles/rewards.css";
import { resolveLocale } from "~/utils/locale.server";
import { getUser, requireUser } from "~/utils/session.server";

/**
 * One item: its details and the redeem form. Redeeming takes two plain form posts, so it works
 * before JavaScript loads: "review" checks the input and shows a confirmation (what it costs, what is
 * left, where it goes), "confirm" redeems. The request key is made when the page loads and travels
 * with both posts, so a double-clicked or resubmitted confirmation redeems once.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: rewardStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.reward.title} · Seedbed` : "Seedbed" }];

async function load(request: Request, context: LoaderFunctionArgs["context"], id: string) {
  const user = await getUser(request, context);
  try {
    return { user, reward: await getReward(context, user, id) };
  } catch (e) {
    if ((e as { code?: string }).code === "NOT_FOUND") throw json(null, { status: 404 });
    throw e;
  }
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, reward } = await load(request, context, params.id ?? "");
  return json({ reward, signedIn: user !== null, requestKey: randomUUID() });
}

type Values = { quantity: string; name: string; phone: string; address: string; requestKey: string };
type ActionData =
  | { stage: "form"; values: Values; failure: FormFailure }
  | { stage: "confirm"; values: Values; total: number; left: number };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  const { reward } = await load(request, context, params.id ?? "");
  const form = await request.formData();
  const str = (k: string) => String(form.get(k) ?? "");
  const values: Values = { quantity: str("quantity") || "1", name: str("name"), phone: str("phone"), address: str("address"), requestKey: str("requestKey") };
  const input = {
    quantity: Number(values.quantity),
    shipping: reward.kind === "physical" ? { name: values.name, phone: values.phone, address: values.address } : undefined,
    requestKey: values.requestKey || undefined,
  };
  if (form.get("intent") === "edit") return json<ActionData>({ stage: "form", values, failure: { message: "", fields: {} } });
  const parsed = redeemRewardSchema.safeParse(input);
  if (!parsed.success) {
    const failure = { message: "", fields: fieldErrorsFromZod(parsed.error, locale) };
    return json<ActionData>({ stage: "form", values, failure }, { status: 422 });
  }
  if (form.get("intent") !== "confirm") {
    const total = reward.pointsPrice * parsed.data.quantity;
    return json<ActionData>({ stage: "confirm", values, total, left: (reward.viewer?.points ?? 0) - total });
  }
  try {
    await redeemReward(context, user, reward.id, input);
  } catch (error) {
    const { failure, status } = formFailure(error, locale);
    return json<ActionData>({ stage: "form", values, failure }, { status });
  }
  throw redirect(`/me/redemptions?done=${reward.id}`);
}

function Field({ name, label, value, errors, type = "text", autoComplete }: { name: string; label: string; value: string; errors?: string[]; type?: string; autoComplete?: string }) {
  const id = `redeem-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={value}
        className="input"
        autoComplete={autoComplete}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-errors` : undefined}
      />
      <FieldErrorList id={`${id}-errors`} errors={errors} />
    </div>
  );
}

export default function RewardDetail() {
  const t = useT();
  const format = useFormat();
  const { reward, signedIn, requestKey } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const values: Values = data?.values ?? { quantity: "1", name: "", phone: "", address: "", requestKey };
  const fields = data?.stage === "form" ? data.failure.fields : {};
  const general = data?.stage === "form" ? [data.failure.message, ...(fields._ ?? [])].filter(Boolean) : [];
  const status = blockerText(t, reward);
  const stockShare = reward.stock + reward.redeemedCount > 0 ? reward.stock / (reward.stock + reward.redeemedCount) : 0;

  return (
    <div className="stack">
      <p>
        <Link to="/rewards">← {t("rewards.title")}</Link>
      </p>
      <PageHeader title={reward.title}>{reward.description}</PageHeader>
      <section className="card card-body stack">
        {reward.imageUrl ? (
          <div className="rw-detail-image">
            <img src={reward.imageUrl} alt={reward.title} />
          </div>
        ) : null}
        <span className="chip chip-muted">{t(`rewards.kind.${reward.kind}`)}</span>
        <RewardFacts item={reward} />
        <div className="rw-stockbar" role="img" aria-label={`${t("rewards.detail.stockBar")} ${Math.round(stockShare * 100)}%`}>
          <span style={{ width: `${Math.round(stockShare * 100)}%` }} />
        </div>
        {reward.viewer && reward.viewer.redeemed > 0 ? <p className="muted">{t("rewards.detail.redeemed", { count: reward.viewer.redeemed })}</p> : null}
        {status ? <p className={reward.viewer?.canRedeem ? "rw-status rw-status-ok" : "rw-status"}>{status}</p> : null}
      </section>

      {!signedIn ? (
        <Link className="btn btn-primary btn-block" to={`/login?redirectTo=${encodeURIComponent(`/rewards/${reward.id}`)}`}>
          {t("rewards.loginToRedeem")}
        </Link>
      ) : data?.stage === "confirm" ? (
        <section className="card card-body stack rw-confirm" aria-labelledby="confirm-title">
          <h2 id="confirm-title">{t("rewards.confirm.title")}</h2>
          <p>{t("rewards.confirm.summary", { points: format.count(data.total), quantity: values.quantity, title: reward.title })}</p>
          <p className="muted">{t("rewards.confirm.after", { points: format.count(Math.max(data.left, 0)) })}</p>
          {reward.kind === "physical" ? <p>{t("rewards.confirm.shipTo", { name: values.name, phone: values.phone, address: values.address })}</p> : null}
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="confirm" />
            {Object.entries(values).map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
            <SubmitButton>{t("rewards.confirm.submit")}</SubmitButton>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="edit" />
            {Object.entries(values).map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
            <button type="submit" className="btn btn-secondary btn-block">
              {t("rewards.confirm.back")}
            </button>
          </Form>
        </section>
      ) : reward.viewer?.canRedeem || data?.stage === "form" ? (
        <section className="card card-body stack" aria-labelledby="redeem-title">
          <h2 id="redeem-title">{t("rewards.form.title")}</h2>
          <Form method="post" className="form" noValidate>
            <FormErrors errors={general} />
            <input type="hidden" name="intent" value="review" />
            <input type="hidden" name="requestKey" value={values.requestKey} />
            <Field name="quantity" type="number" label={t("rewards.form.quantity")} value={values.quantity} errors={fields.quantity} />
            {reward.kind === "physical" ? (
              <fieldset className="stack">
                <legend>{t("rewards.form.shippingTitle")}</legend>
                <Field name="name" label={t("rewards.form.name")} value={values.name} errors={fields["shipping.name"]} autoComplete="name" />
                <Field name="phone" type="tel" label={t("rewards.form.phone")} value={values.phone} errors={fields["shipping.phone"]} autoComplete="tel" />
                <Field name="address" label={t("rewards.form.address")} value={values.address} errors={fields["shipping.address"] ?? fields.shipping} autoComplete="street-address" />
              </fieldset>
            ) : null}
            <SubmitButton>{t("rewards.form.review")}</SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
