import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SubmitButton, Toast } from "~/components/forms";
import { RightsOpsNav } from "~/components/distribution-rights/ops-nav";
import { CheckField, PlainField } from "~/components/distribution-rights/plain-field";
import { centsOf, formFailure, formValues, getEligibilitySettings, intOf, requireStaff, updateEligibilitySettings, type FormFailure } from "~/components/distribution-rights/rights.server";
import { useT } from "~/i18n";
import styles from "~/styles/distribution-rights.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/** Staff edit the paths to distribution rights (分销权限规则): which are on, and the tasks' thresholds. Audited. */

const PERMISSION = "manage:rules:any";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "eligibility.ops.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, PERMISSION);
  return json({ settings: await getEligibilitySettings(context, staff) });
}

type ActionData = { saved: boolean; values: Record<string, string>; failure: FormFailure | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, PERMISSION);
  const form = await request.formData();
  try {
    await updateEligibilitySettings(context, staff, {
      creator: { enabled: form.get("creator.enabled") === "on" },
      tasks: {
        enabled: form.get("tasks.enabled") === "on",
        checkinDays: intOf(form.get("tasks.checkinDays")),
        windowDays: intOf(form.get("tasks.windowDays")),
        minPurchaseCents: centsOf(form.get("tasks.minPurchaseCents")),
      },
      membership: { enabled: form.get("membership.enabled") === "on" },
    });
    return json<ActionData>({ saved: true, values: {}, failure: null });
  } catch (error) {
    const { failure, status } = formFailure(error, resolveLocale(request, staff));
    return json<ActionData>({ saved: false, values: formValues(form), failure }, { status });
  }
}

export default function OpsEligibility() {
  const t = useT();
  const { settings } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const v: Record<string, string> = data?.failure
    ? data.values
    : {
        "creator.enabled": settings.creator.enabled ? "on" : "",
        "tasks.enabled": settings.tasks.enabled ? "on" : "",
        "tasks.checkinDays": String(settings.tasks.checkinDays),
        "tasks.windowDays": String(settings.tasks.windowDays),
        "tasks.minPurchaseCents": String(settings.tasks.minPurchaseCents / 100),
        "membership.enabled": settings.membership.enabled ? "on" : "",
      };
  const errs = (k: string) => data?.failure?.fields[k];
  return (
    <div className="stack">
      <RightsOpsNav current="eligibility" />
      <PageHeader title={t("eligibility.ops.title")}>{t("eligibility.ops.intro")}</PageHeader>
      <section className="card card-body stack">
        {data?.saved ? <Toast>{t("eligibility.ops.saved")}</Toast> : null}
        <Form method="post" className="form stack" aria-label={t("eligibility.ops.title")} key={JSON.stringify(settings)}>
          <FormErrors errors={data?.failure ? [data.failure.message] : null} />
          <fieldset className="dr-fieldset">
            <legend>{t("eligibility.ops.creator")}</legend>
            <CheckField id="creator-enabled" name="creator.enabled" label={t("eligibility.ops.enabled")} checked={v["creator.enabled"] === "on"} />
          </fieldset>
          <fieldset className="dr-fieldset">
            <legend>{t("eligibility.ops.tasks")}</legend>
            <CheckField id="tasks-enabled" name="tasks.enabled" label={t("eligibility.ops.enabled")} checked={v["tasks.enabled"] === "on"} />
            <div className="dr-grid">
              <PlainField id="tasks-checkinDays" name="tasks.checkinDays" type="number" min={0} label={t("eligibility.ops.checkinDays")} value={v["tasks.checkinDays"]} errors={errs("tasks.checkinDays")} inputMode="numeric" />
              <PlainField id="tasks-windowDays" name="tasks.windowDays" type="number" min={1} label={t("eligibility.ops.windowDays")} value={v["tasks.windowDays"]} errors={errs("tasks.windowDays")} inputMode="numeric" />
              <PlainField id="tasks-minPurchase" name="tasks.minPurchaseCents" label={t("eligibility.ops.minPurchase")} value={v["tasks.minPurchaseCents"]} errors={errs("tasks.minPurchaseCents")} inputMode="decimal" />
            </div>
          </fieldset>
          <fieldset className="dr-fieldset">
            <legend>{t("eligibility.ops.membership")}</legend>
            <CheckField id="membership-enabled" name="membership.enabled" label={t("eligibility.ops.enabled")} checked={v["membership.enabled"] === "on"} />
          </fieldset>
          <SubmitButton className="btn btn-primary">{t("eligibility.ops.save")}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
