import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getTierSettings, requireStaff, updateTierSettings, type TierSettings } from "~/components/mcn/mcn.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ErrorList, FormErrors, Toast } from "~/components/forms";
import { formFailure, type FormFailure } from "~/components/rewards/form-errors.server";
import { useT, type UiKey } from "~/i18n";
import styles from "~/styles/earnings.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/**
 * Staff edit the tier thresholds (followers, and the three alternatives), each tier's commission
 * multiplier and the demotion grace. One form, one audited write; GMV in yuan on the page, cents below.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "tier.ops.title");

const TIERS = ["C2", "C3", "C4"] as const;
const KEYS = [
  ["followers", "tier.ops.followers"],
  ["engagement30d", "tier.ops.engagement"],
  ["fanGroupSize", "tier.ops.fans"],
  ["gmv30dCents", "tier.ops.gmv"],
] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "manage:rules:any");
  return json({ settings: await getTierSettings(context, staff) });
}

type ActionData = { ok: boolean; failure: FormFailure | null };

/** A number field as the schema expects it: blank or junk stays NaN, which the schema refuses by field. */
const num = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === "" ? Number.NaN : Number(v));

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, "manage:rules:any");
  const form = await request.formData();
  const threshold = (tier: string) => ({
    followers: num(form.get(`${tier}.followers`)),
    engagement30d: num(form.get(`${tier}.engagement30d`)),
    fanGroupSize: num(form.get(`${tier}.fanGroupSize`)),
    gmv30dCents: Math.round(num(form.get(`${tier}.gmv30dCents`)) * 100),
  });
  const mult = (tier: string) => Math.round(num(form.get(`mult.${tier}`)) * 10_000);
  try {
    await updateTierSettings(context, staff, {
      thresholds: { C2: threshold("C2"), C3: threshold("C3"), C4: threshold("C4") },
      multipliersBp: { C1: mult("C1"), C2: mult("C2"), C3: mult("C3"), C4: mult("C4") },
      graceDays: num(form.get("graceDays")),
    });
    return json<ActionData>({ ok: true, failure: null });
  } catch (error) {
    const { failure, status } = formFailure(error, resolveLocale(request, staff));
    return json<ActionData>({ ok: false, failure }, { status });
  }
}

export default function OpsCreatorTiers() {
  const t = useT();
  const { settings } = useLoaderData<typeof loader>() as { settings: TierSettings };
  const result = useActionData<typeof action>() as ActionData | undefined;
  const err = (path: string) => result?.failure?.fields[path];
  return (
    <div className="stack">
      <PageHeader title={t("tier.ops.title")}>{t("tier.ops.intro")}</PageHeader>
      {result?.ok ? <Toast>{t("tier.ops.saved")}</Toast> : null}
      {result?.failure ? <FormErrors errors={[result.failure.message]} /> : null}
      <Form method="post" className="stack">
        {TIERS.map((tier) => (
          <fieldset key={tier} className="card card-body stack">
            <legend>{tier}</legend>
            {KEYS.map(([key, label]) => {
              const id = `${tier}-${key}`;
              const errors = err(`thresholds.${tier}.${key}`);
              const value = settings.thresholds[tier][key];
              return (
                <div className="field" key={key}>
                  <label htmlFor={id}>{t(label as UiKey)}</label>
                  <input
                    id={id}
                    name={`${tier}.${key}`}
                    type="number"
                    min={0}
                    step={key === "gmv30dCents" ? 0.01 : 1}
                    className="input"
                    defaultValue={key === "gmv30dCents" ? value / 100 : value}
                    aria-invalid={errors ? true : undefined}
                    aria-describedby={errors ? `${id}-errors` : undefined}
                  />
                  <ErrorList id={`${id}-errors`} errors={errors} />
                </div>
              );
            })}
          </fieldset>
        ))}
        <fieldset className="card card-body stack">
          <legend>{t("tier.ops.multiplier")}</legend>
          {(["C1", "C2", "C3", "C4"] as const).map((tier) => {
            const errors = err(`multipliersBp.${tier}`);
            return (
              <div className="field" key={tier}>
                <label htmlFor={`mult-${tier}`}>{tier}</label>
                <input id={`mult-${tier}`} name={`mult.${tier}`} type="number" min={0.5} max={3} step={0.01} className="input" defaultValue={settings.multipliersBp[tier] / 10_000} aria-invalid={errors ? true : undefined} aria-describedby={errors ? `mult-${tier}-errors` : undefined} />
                <ErrorList id={`mult-${tier}-errors`} errors={errors} />
              </div>
            );
          })}
          <div className="field">
            <label htmlFor="grace">{t("tier.ops.grace")}</label>
            <input id="grace" name="graceDays" type="number" min={1} max={90} className="input" defaultValue={settings.graceDays} aria-invalid={err("graceDays") ? true : undefined} aria-describedby={err("graceDays") ? "grace-errors" : undefined} />
            <ErrorList id="grace-errors" errors={err("graceDays")} />
          </div>
        </fieldset>
        <button type="submit" className="btn btn-primary">
          {t("tier.ops.save")}
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
