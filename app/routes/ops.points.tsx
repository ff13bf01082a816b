import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ErrorList, FormErrors, SelectField, SubmitButton, TextField, Toast } from "~/components/forms";
import { AuditList } from "~/components/points/audit-list";
import { PointsOpsNav } from "~/components/points/ops-nav";
import {
  listPointRules,
  listPointsAudit,
  pointRuleUpdateSchema,
  pointsPolicyUpdateSchema,
  policyForm,
  POINTS_POLICY_KEY,
  readLastLedgerCheck,
  readPointsPolicy,
  updatePointRule,
  updatePointsPolicy,
  type PointRuleView,
} from "~/components/points/points.server";
import { useFormat, useLocale, useT } from "~/i18n";
import pointsStyles from "~/styles/points.css";
import { requireStaff } from "~/utils/content.server";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/** Staff edit each points rule and the points policy; every change is audited and listed here. */

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "points.ops.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: pointsStyles }];

const PERMISSION = "manage:rules:any";

/**
 * The API's rule schema as a form posts it: an unticked box is absent (off), an empty cap is "no cap".
 * Built on first use: the schema lives in a .server module, which the browser bundle leaves empty.
 */
const ruleFormSchemaOf = () =>
  pointRuleUpdateSchema.extend({
    dailyCap: z
      .number({ error: "validation.integer" })
      .int("validation.integer")
      .min(0)
      .max(10_000)
      .optional()
      .transform((v) => v ?? null),
    enabled: z.boolean().default(false),
  });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, PERMISSION);
  const [rules, policy, lastCheck, audit] = await Promise.all([
    listPointRules(context.db),
    readPointsPolicy(context.db),
    readLastLedgerCheck(context.db),
    listPointsAudit(context.db, { subjectTypes: ["pointRule"], settingKeys: [POINTS_POLICY_KEY], limit: 20 }),
  ]);
  return json({ rules, policy: policyForm(policy), lastCheck, audit });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context, PERMISSION);
  const locale = resolveLocale(request, user);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const key = String(formData.get("key") ?? "");
  // The schemas are strict (shared with the API), so the routing fields leave before parsing.
  formData.delete("intent");
  formData.delete("key");
  const formId = intent === "policy" ? "policy" : `rule-${key}`;
  const submission = intent === "policy" ? parseForm(formData, pointsPolicyUpdateSchema, locale) : parseForm(formData, ruleFormSchemaOf(), locale);
  if (submission.status !== "success") return json({ formId, result: submission.reply(), saved: false }, { status: 422 });
  try {
    if (intent === "policy") await updatePointsPolicy(context, user, submission.value as z.output<typeof pointsPolicyUpdateSchema>);
    else await updatePointRule(context, user, key, submission.value as z.output<ReturnType<typeof ruleFormSchemaOf>>);
    return json({ formId, result: submission.reply(), saved: true });
  } catch (error) {
    const { result, status } = replyWithError(submission, error, locale);
    return json({ formId, result, saved: false }, { status });
  }
}

type RuleFields = { points: number; growth: number; dailyCap: number | null; enabled: boolean };

function RuleRow({ rule }: { rule: SerializeFrom<PointRuleView> }) {
  const t = useT();
  const locale = useLocale();
  const actionData = useActionData<typeof action>();
  const formId = `rule-${rule.key}`;
  const mine = actionData?.formId === formId ? actionData : undefined;
  const [form, fields] = useForm<RuleFields>({
    id: formId,
    lastResult: mine?.result ?? undefined,
    defaultValue: { points: rule.points, growth: rule.growth, dailyCap: rule.dailyCap ?? undefined, enabled: rule.enabled ? "on" : undefined },
  });
  const name = locale === "en" ? rule.nameEn : rule.nameZh;
  return (
    <li className="card card-body stack" data-testid={`rule-${rule.key}`}>
      <div className="row">
        <strong>{name}</strong>
        <span className="mono small muted">{rule.key}</span>
        {rule.enabled ? null : <span className="chip chip-muted">{t("points.ops.disabled")}</span>}
      </div>
      {mine?.saved ? <Toast>{t("points.ops.saved")}</Toast> : null}
      <Form method="post" {...getFormProps(form)} className="form" aria-label={name}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="rule" />
        <input type="hidden" name="key" value={rule.key} />
        <div className="pt-rule-grid">
          <TextField field={fields.points} type="number" label={t("points.ops.points")} min={0} max={100000} inputMode="numeric" />
          <TextField field={fields.growth} type="number" label={t("points.ops.growth")} min={0} max={100000} inputMode="numeric" />
          <TextField field={fields.dailyCap} type="number" label={t("points.ops.dailyCap")} hint={t("points.ops.dailyCapHint")} min={0} max={10000} inputMode="numeric" />
        </div>
        <div className="field">
          <label className="pt-check">
            <input {...getInputProps(fields.enabled, { type: "checkbox" })} />
            {t("points.ops.enabled")}
          </label>
          <ErrorList id={fields.enabled.errorId} errors={fields.enabled.errors} />
        </div>
        <SubmitButton className="btn btn-secondary btn-small">{t("points.ops.save")}</SubmitButton>
      </Form>
    </li>
  );
}

type PolicyFields = { globalDailyCap: number; expiryMode: string; expiryDays: number; reminderDays: number };

function PolicyForm() {
  const t = useT();
  const { policy } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const mine = actionData?.formId === "policy" ? actionData : undefined;
  const [form, fields] = useForm<PolicyFields>({ id: "policy", lastResult: mine?.result ?? undefined, defaultValue: policy });
  return (
    <section className="card card-body stack" aria-labelledby="policy-title">
      <h2 id="policy-title">{t("points.ops.policy")}</h2>
      {mine?.saved ? <Toast>{t("points.ops.saved")}</Toast> : null}
      <Form method="post" {...getFormProps(form)} className="form">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="policy" />
        <TextField field={fields.globalDailyCap} type="number" label={t("points.ops.globalDailyCap")} hint={t("points.ops.globalDailyCapHint")} min={0} inputMode="numeric" />
        <SelectField
          field={fields.expiryMode}
          label={t("points.ops.expiryMode")}
          options={[
            { value: "never", label: t("points.ops.expiry.never") },
            { value: "days", label: t("points.ops.expiry.days") },
            { value: "endOfNextYear", label: t("points.ops.expiry.endOfNextYear") },
          ]}
        />
        <TextField field={fields.expiryDays} type="number" label={t("points.ops.expiryDays")} hint={t("points.ops.expiryDaysHint")} min={1} max={3650} inputMode="numeric" />
        <TextField field={fields.reminderDays} type="number" label={t("points.ops.reminderDays")} min={1} max={365} inputMode="numeric" />
        <SubmitButton className="btn btn-primary">{t("points.ops.save")}</SubmitButton>
      </Form>
    </section>
  );
}

export default function PointsRules() {
  const t = useT();
  const locale = useLocale();
  const format = useFormat();
  const { rules, lastCheck, audit } = useLoaderData<typeof loader>();
  const ruleNames = Object.fromEntries(rules.map((r) => [r.key, locale === "en" ? r.nameEn : r.nameZh]));
  return (
    <div className="stack">
      <PointsOpsNav current="points" />
      <PageHeader title={t("points.ops.title")}>{t("points.ops.intro")}</PageHeader>

      <section className="card card-body stack" aria-labelledby="check-title">
        <h2 id="check-title">{t("points.ops.check")}</h2>
        {lastCheck ? (
          <p className={lastCheck.ok ? "notice notice-success" : "notice notice-error"} role="status" data-testid="ledger-check">
            {t(lastCheck.ok ? "points.ops.check.ok" : "points.ops.check.bad", {
              at: format.dateTime(lastCheck.at),
              drift: lastCheck.drift,
              unbalanced: lastCheck.unbalancedEntries,
              negative: lastCheck.negative,
            })}
          </p>
        ) : (
          <p className="muted">{t("points.ops.check.never")}</p>
        )}
      </section>

      <h2 className="section-title">{t("points.ops.rules")}</h2>
      <ul className="stack" aria-label={t("points.ops.rules")}>
        {rules.map((r) => (
          <RuleRow key={r.key} rule={r} />
        ))}
      </ul>

      <PolicyForm />

      <section className="card card-body stack" aria-labelledby="audit-title">
        <h2 id="audit-title">{t("points.ops.audit")}</h2>
        <AuditList entries={audit} ruleNames={ruleNames} />
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
