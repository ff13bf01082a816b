import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SubmitButton, Toast } from "~/components/forms";
import { RightsOpsNav } from "~/components/distribution-rights/ops-nav";
import { CheckField, PlainField } from "~/components/distribution-rights/plain-field";
import {
  centsOf,
  createMembershipPlan,
  formFailure,
  formValues,
  intOf,
  listMembershipPlans,
  requireStaff,
  updateMembershipPlan,
  type FormFailure,
  type PlanView,
} from "~/components/distribution-rights/rights.server";
import { useFormat, useT } from "~/i18n";
import styles from "~/styles/distribution-rights.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/** Staff: every membership plan (on sale or retired), each editable, and the form that adds one. Audited. */

const PERMISSION = "manage:products:any";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "membership.ops.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, PERMISSION);
  return json({ plans: await listMembershipPlans(context, staff, resolveLocale(request, staff), { all: true }) });
}

/** The plan form's fields as the domain function takes them (price in yuan → cents). */
function planInput(form: FormData) {
  const text = (k: string) => String(form.get(k) ?? "");
  return {
    nameZh: text("nameZh"),
    nameEn: text("nameEn"),
    descriptionZh: text("descriptionZh"),
    descriptionEn: text("descriptionEn"),
    priceCents: centsOf(form.get("priceCents")),
    durationDays: intOf(form.get("durationDays")),
    benefits: {
      distributionRights: form.get("benefits.distributionRights") === "on",
      pointsMultiplierBp: intOf(form.get("benefits.pointsMultiplierBp")),
      monthlyPoints: intOf(form.get("benefits.monthlyPoints")),
      birthdayGift: text("benefits.birthdayGift"),
    },
    active: form.get("active") === "on",
    position: intOf(form.get("position")),
  };
}

type ActionData = { formId: string; done: boolean; values: Record<string, string>; failure: FormFailure | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, PERMISSION);
  const locale = resolveLocale(request, staff);
  const form = await request.formData();
  const planId = String(form.get("planId") ?? "");
  const formId = planId || "new";
  try {
    // The form's shape is checked by the domain function's schema; field messages come back below.
    const input = planInput(form) as Parameters<typeof createMembershipPlan>[2];
    if (planId) await updateMembershipPlan(context, staff, planId, input, locale);
    else await createMembershipPlan(context, staff, input, locale);
    return json<ActionData>({ formId, done: true, values: {}, failure: null });
  } catch (error) {
    const { failure, status } = formFailure(error, locale);
    return json<ActionData>({ formId, done: false, values: formValues(form), failure }, { status });
  }
}

function valuesOf(plan: SerializeFrom<PlanView>): Record<string, string> {
  return {
    nameZh: plan.nameZh,
    nameEn: plan.nameEn,
    descriptionZh: plan.descriptionZh,
    descriptionEn: plan.descriptionEn,
    priceCents: String(plan.priceCents / 100),
    durationDays: String(plan.durationDays),
    "benefits.distributionRights": plan.benefits.distributionRights ? "on" : "",
    "benefits.pointsMultiplierBp": String(plan.benefits.pointsMultiplierBp),
    "benefits.monthlyPoints": String(plan.benefits.monthlyPoints),
    "benefits.birthdayGift": plan.benefits.birthdayGift,
    active: plan.active ? "on" : "",
    position: String(plan.position),
  };
}

const NEW_VALUES = { durationDays: "30", "benefits.pointsMultiplierBp": "10000", "benefits.monthlyPoints": "0", active: "on", position: "0" };

function PlanForm({ formId, values, failure }: { formId: string; values: Record<string, string>; failure: FormFailure | null }) {
  const t = useT();
  const errs = (k: string) => failure?.fields[k];
  const id = (k: string) => `${formId}-${k.replace(".", "-")}`;
  return (
    <Form method="post" className="form stack" aria-label={formId === "new" ? t("membership.ops.create") : values.nameZh}>
      {formId !== "new" ? <input type="hidden" name="planId" value={formId} /> : null}
      <FormErrors errors={failure ? [failure.message] : null} />
      <div className="dr-grid">
        <PlainField id={id("nameZh")} name="nameZh" label={t("membership.ops.field.nameZh")} value={values.nameZh} errors={errs("nameZh")} maxLength={20} />
        <PlainField id={id("nameEn")} name="nameEn" label={t("membership.ops.field.nameEn")} value={values.nameEn} errors={errs("nameEn")} maxLength={40} />
        <PlainField id={id("descriptionZh")} name="descriptionZh" label={t("membership.ops.field.descriptionZh")} value={values.descriptionZh} errors={errs("descriptionZh")} />
        <PlainField id={id("descriptionEn")} name="descriptionEn" label={t("membership.ops.field.descriptionEn")} value={values.descriptionEn} errors={errs("descriptionEn")} />
        <PlainField id={id("priceCents")} name="priceCents" label={t("membership.ops.field.price")} value={values.priceCents} errors={errs("priceCents")} inputMode="decimal" />
        <PlainField id={id("durationDays")} name="durationDays" type="number" min={1} label={t("membership.ops.field.duration")} value={values.durationDays} errors={errs("durationDays")} inputMode="numeric" />
        <PlainField
          id={id("benefits.pointsMultiplierBp")}
          name="benefits.pointsMultiplierBp"
          type="number"
          min={10000}
          max={50000}
          label={t("membership.ops.field.multiplier")}
          hint={t("membership.ops.field.multiplierHint")}
          value={values["benefits.pointsMultiplierBp"]}
          errors={errs("benefits.pointsMultiplierBp")}
          inputMode="numeric"
        />
        <PlainField id={id("benefits.monthlyPoints")} name="benefits.monthlyPoints" type="number" min={0} label={t("membership.ops.field.monthlyPoints")} value={values["benefits.monthlyPoints"]} errors={errs("benefits.monthlyPoints")} inputMode="numeric" />
        <PlainField id={id("benefits.birthdayGift")} name="benefits.birthdayGift" label={t("membership.ops.field.birthdayGift")} value={values["benefits.birthdayGift"]} errors={errs("benefits.birthdayGift")} maxLength={100} />
        <PlainField id={id("position")} name="position" type="number" min={0} label={t("membership.ops.field.position")} value={values.position} errors={errs("position")} inputMode="numeric" />
      </div>
      <CheckField id={id("rights")} name="benefits.distributionRights" label={t("membership.ops.field.rights")} checked={values["benefits.distributionRights"] === "on"} errors={errs("benefits.distributionRights")} />
      <CheckField id={id("active")} name="active" label={t("membership.ops.field.active")} checked={values.active === "on"} />
      <SubmitButton className="btn btn-primary">{t(formId === "new" ? "membership.ops.create" : "membership.ops.save")}</SubmitButton>
    </Form>
  );
}

export default function OpsMembership() {
  const t = useT();
  const format = useFormat();
  const { plans } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const mine = (formId: string) => (data?.formId === formId ? data : undefined);
  return (
    <div className="stack">
      <RightsOpsNav current="membership" />
      <PageHeader title={t("membership.ops.title")}>{t("membership.ops.intro")}</PageHeader>
      <ul className="dr-list" aria-label={t("membership.ops.title")}>
        {plans.map((p) => {
          const d = mine(p.id);
          return (
            <li key={p.id} className="card card-body stack" data-testid="ops-plan">
              <div className="dr-path-head">
                <strong>
                  {p.nameZh} · {p.nameEn}
                </strong>
                <span className={p.active ? "chip" : "chip chip-muted"}>{t(p.active ? "membership.ops.active" : "membership.ops.retired")}</span>
              </div>
              <span className="muted">{t("membership.price", { price: format.money(p.priceCents), days: p.durationDays })}</span>
              {d?.done ? <Toast>{t("membership.ops.saved")}</Toast> : null}
              <details open={Boolean(d?.failure)}>
                <summary>{t("membership.ops.edit")}</summary>
                <PlanForm key={JSON.stringify(valuesOf(p))} formId={p.id} values={d?.failure ? d.values : valuesOf(p)} failure={d?.failure ?? null} />
              </details>
            </li>
          );
        })}
      </ul>
      <section className="card card-body stack" aria-labelledby="new-plan">
        <h2 id="new-plan">{t("membership.ops.create")}</h2>
        {mine("new")?.done ? <Toast>{t("membership.ops.created")}</Toast> : null}
        <PlanForm key={mine("new")?.done ? `new-${plans.length}` : "new"} formId="new" values={mine("new")?.failure ? mine("new")!.values : NEW_VALUES} failure={mine("new")?.failure ?? null} />
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
