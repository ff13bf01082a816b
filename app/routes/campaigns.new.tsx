import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { categoryOptions, createCampaign, formFailure, localInputToIso, mayRunCampaigns, productOptions, type CreateCampaignInput, type FormFailure } from "~/components/campaigns/campaigns.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ErrorList, FormErrors } from "~/components/forms";
import { UploadPicker } from "~/components/upload-picker";
import { useLocale, useT, type UiKey } from "~/i18n";
import styles from "~/styles/campaigns.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/session.server";

/**
 * 发起活动: one plain form for the four types (fields that don't apply to a type are ignored by it).
 * Staff start platform campaigns, C2+ creators their own. The form posts without JavaScript; refused
 * fields come back with their messages next to them. The cover uploads through the shared picker (with
 * progress) and the form waits for it; staff may add a cash bonus for top picks (in yuan here, cents below).
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "campaigns.form.title");

const TYPES = ["content_bounty", "product_push", "checkin_challenge", "live_invitation"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const allowed = await mayRunCampaigns(context.db, user);
  const [categories, products] = allowed ? await Promise.all([categoryOptions(context), productOptions(context)]) : [[], []];
  return json({ allowed, categories, products, isCreator: !user.roles.includes("staff") && !user.roles.includes("admin") });
}

type ActionData = { failure: FormFailure; values: Record<string, string> };

/** The form's strings → the API's input; unparseable values pass through for the schema to reject next to their field. */
function inputFromForm(form: FormData, timeZone: string): Record<string, unknown> {
  const str = (k: string) => String(form.get(k) ?? "").trim();
  const num = (k: string, fallback?: number) => (str(k) === "" ? fallback : Number(str(k)));
  const type = str("type");
  const percent = str("bonusPercent");
  const yuan = str("topBonusYuan");
  return {
    type,
    title: str("title"),
    brief: str("brief"),
    coverUploadId: str("coverUploadId") || null,
    categorySlug: str("categorySlug") || null,
    topic: str("topic") || null,
    startsAt: localInputToIso(str("startsAt"), timeZone),
    endsAt: localInputToIso(str("endsAt"), timeZone),
    brandName: str("brandName") || null,
    rewardPoints: num("rewardPoints", 0),
    topN: num("topN", 0),
    topExtraPoints: num("topExtraPoints", 0),
    // Yuan with up to two decimals → cents; anything else passes through as NaN for the schema to refuse.
    topBonusCents: yuan === "" ? 0 : /^\d+(\.\d{1,2})?$/.test(yuan) ? Math.round(Number(yuan) * 100) : Number.NaN,
    bonusRateBp: percent === "" ? 0 : Math.round(Number(percent) * 100),
    productIds: form.getAll("productIds").map(String),
    requiredDays: type === "checkin_challenge" ? num("requiredDays") : undefined,
    liveAt: type === "live_invitation" && str("liveAt") ? localInputToIso(str("liveAt"), timeZone) : null,
    fanGroupOnly: form.get("fanGroupOnly") === "on",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  const form = await request.formData();
  try {
    const campaign = await createCampaign(context, user, inputFromForm(form, context.config.platformTimeZone) as CreateCampaignInput);
    return redirect(`/campaigns/${campaign.id}`);
  } catch (error) {
    const { failure, status } = formFailure(error, locale);
    const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
    return json<ActionData>({ failure, values }, { status });
  }
}

function Field({ name, label, errors, children }: { name: string; label: string; errors?: string[]; children: (props: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode }) {
  const id = `cp-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(errors?.length ? { "aria-invalid": true as const, "aria-describedby": `${id}-errors` } : {}) })}
      <ErrorList id={`${id}-errors`} errors={errors} />
    </div>
  );
}

export default function NewCampaign() {
  const t = useT();
  const locale = useLocale();
  const { allowed, categories, products, isCreator } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const v = result?.values ?? {};
  const f = result?.failure.fields ?? {};
  const [uploading, setUploading] = useState(false);
  if (!allowed) {
    return (
      <div className="stack">
        <PageHeader title={t("campaigns.form.title")} />
        <p className="notice" role="note">
          {t("campaigns.form.notAllowed")}
        </p>
      </div>
    );
  }
  return (
    <div className="stack">
      <PageHeader title={t("campaigns.form.title")}>{t("campaigns.form.intro")}</PageHeader>
      <Form method="post" className="card card-body cp-form" noValidate>
        {result ? <FormErrors errors={[result.failure.message]} /> : null}
        <Field name="type" label={t("campaigns.form.type")} errors={f.type}>
          {(p) => (
            <select {...p} name="type" className="select" defaultValue={v.type ?? "content_bounty"}>
              {TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`campaigns.type.${type}` as UiKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="title" label={t("campaigns.form.name")} errors={f.title}>
          {(p) => <input {...p} name="title" className="input" maxLength={60} required defaultValue={v.title} />}
        </Field>
        <Field name="brief" label={t("campaigns.form.brief")} errors={f.brief}>
          {(p) => <textarea {...p} name="brief" className="textarea" rows={4} maxLength={2000} defaultValue={v.brief} />}
        </Field>
        <fieldset className="field">
          <legend>{t("campaigns.form.cover")}</legend>
          <UploadPicker mode="images" max={1} name="coverUploadId" label={t("campaigns.form.coverAdd")} errors={f.coverUploadId} onBusyChange={setUploading} />
        </fieldset>
        <div className="cp-grid2">
          <Field name="categorySlug" label={t("campaigns.form.category")} errors={f.categorySlug}>
            {(p) => (
              <select {...p} name="categorySlug" className="select" defaultValue={v.categorySlug ?? ""}>
                <option value="">{t("campaigns.form.categoryAny")}</option>
                {categories.map((c) => (
                  <option key={c.slug} value={c.slug}>
                    {locale === "en" ? c.nameEn : c.nameZh}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="topic" label={t("campaigns.form.topic")} errors={f.topic}>
            {(p) => <input {...p} name="topic" className="input" maxLength={30} defaultValue={v.topic} />}
          </Field>
          <Field name="startsAt" label={t("campaigns.form.startsAt")} errors={f.startsAt}>
            {(p) => <input {...p} name="startsAt" type="datetime-local" className="input" required defaultValue={v.startsAt} />}
          </Field>
          <Field name="endsAt" label={t("campaigns.form.endsAt")} errors={f.endsAt}>
            {(p) => <input {...p} name="endsAt" type="datetime-local" className="input" required defaultValue={v.endsAt} />}
          </Field>
          <Field name="rewardPoints" label={t("campaigns.form.rewardPoints")} errors={f.rewardPoints}>
            {(p) => <input {...p} name="rewardPoints" type="number" inputMode="numeric" min={0} className="input" defaultValue={v.rewardPoints ?? "50"} />}
          </Field>
          <Field name="brandName" label={t("campaigns.form.brandName")} errors={f.brandName}>
            {(p) => <input {...p} name="brandName" className="input" maxLength={40} defaultValue={v.brandName} />}
          </Field>
          <Field name="topN" label={t("campaigns.form.topN")} errors={f.topN}>
            {(p) => <input {...p} name="topN" type="number" inputMode="numeric" min={0} className="input" defaultValue={v.topN ?? "0"} />}
          </Field>
          <Field name="topExtraPoints" label={t("campaigns.form.topExtraPoints")} errors={f.topExtraPoints}>
            {(p) => <input {...p} name="topExtraPoints" type="number" inputMode="numeric" min={0} className="input" defaultValue={v.topExtraPoints ?? "0"} />}
          </Field>
          {isCreator ? null : (
            <Field name="topBonusYuan" label={t("campaigns.form.topBonusYuan")} errors={f.topBonusCents}>
              {(p) => <input {...p} name="topBonusYuan" type="number" inputMode="decimal" min={0} step="0.01" className="input" defaultValue={v.topBonusYuan} />}
            </Field>
          )}
          <Field name="bonusPercent" label={t("campaigns.form.bonusPercent")} errors={f.bonusRateBp}>
            {(p) => <input {...p} name="bonusPercent" type="number" inputMode="decimal" min={0} max={50} step="0.5" className="input" defaultValue={v.bonusPercent} />}
          </Field>
          <Field name="requiredDays" label={t("campaigns.form.requiredDays")} errors={f.requiredDays}>
            {(p) => <input {...p} name="requiredDays" type="number" inputMode="numeric" min={1} className="input" defaultValue={v.requiredDays} />}
          </Field>
          <Field name="liveAt" label={t("campaigns.form.liveAt")} errors={f.liveAt}>
            {(p) => <input {...p} name="liveAt" type="datetime-local" className="input" defaultValue={v.liveAt} />}
          </Field>
        </div>
        {products.length > 0 ? (
          <fieldset className="field">
            <legend>{t("campaigns.form.products")}</legend>
            {products.map((p) => (
              <label key={p.id} className="checkbox">
                <input type="checkbox" name="productIds" value={p.id} /> {p.title}
              </label>
            ))}
            <ErrorList errors={f.productIds} />
          </fieldset>
        ) : null}
        {isCreator ? (
          <label className="checkbox">
            <input type="checkbox" name="fanGroupOnly" defaultChecked={v.fanGroupOnly === "on"} /> {t("campaigns.form.fanGroupOnly")}
          </label>
        ) : null}
        <ErrorList errors={f.fanGroupOnly} />
        <button type="submit" className="btn btn-primary" disabled={uploading}>
          {t("campaigns.form.submit")}
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
