import { getFormProps, useForm } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SubmitButton, TextField, Toast } from "~/components/forms";
import { AuditList } from "~/components/points/audit-list";
import { PointsOpsNav } from "~/components/points/ops-nav";
import { levelUpdateSchema, listLevels, listPointsAudit, updateLevel, type LevelDefinition } from "~/components/points/points.server";
import { useT } from "~/i18n";
import pointsStyles from "~/styles/points.css";
import { requireStaff } from "~/utils/content.server";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/** Staff edit level names, thresholds (strictly increasing, V1 at 0) and perks; each change audited. */

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "points.opsLevels.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: pointsStyles }];

const PERMISSION = "manage:rules:any";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, PERMISSION);
  const [levels, audit] = await Promise.all([listLevels(context.db), listPointsAudit(context.db, { subjectTypes: ["level"], limit: 20 })]);
  return json({ levels, audit });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context, PERMISSION);
  const locale = resolveLocale(request, user);
  const formData = await request.formData();
  const level = Number(formData.get("level"));
  formData.delete("level");
  const formId = `level-${level}`;
  const submission = parseForm(formData, levelUpdateSchema, locale);
  if (submission.status !== "success") return json({ formId, result: submission.reply(), saved: false }, { status: 422 });
  try {
    await updateLevel(context, user, Number.isInteger(level) ? level : 0, submission.value);
    return json({ formId, result: submission.reply(), saved: true });
  } catch (error) {
    const { result, status } = replyWithError(submission, error, locale);
    return json({ formId, result, saved: false }, { status });
  }
}

type LevelFields = Omit<LevelDefinition, "level">;

function LevelRow({ level }: { level: SerializeFrom<LevelDefinition> }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const formId = `level-${level.level}`;
  const mine = actionData?.formId === formId ? actionData : undefined;
  const [form, fields] = useForm<LevelFields>({ id: formId, lastResult: mine?.result ?? undefined, defaultValue: level });
  return (
    <li className="card card-body stack" data-testid={formId}>
      <div className="row">
        <span className="pt-level-chip">{t("points.level.short", { level: level.level })}</span>
        <strong>{level.nameZh}</strong>
        <span className="muted">{level.nameEn}</span>
      </div>
      {mine?.saved ? <Toast>{t("points.ops.saved")}</Toast> : null}
      <Form method="post" {...getFormProps(form)} className="form" aria-label={t("points.level.short", { level: level.level })}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="level" value={level.level} />
        <div className="pt-rule-grid">
          <TextField field={fields.nameZh} label={t("points.opsLevels.nameZh")} maxLength={20} />
          <TextField field={fields.nameEn} label={t("points.opsLevels.nameEn")} maxLength={20} />
          <TextField field={fields.minGrowth} type="number" label={t("points.opsLevels.minGrowth")} min={0} inputMode="numeric" readOnly={level.level === 1} />
          <TextField field={fields.dailyCapBonus} type="number" label={t("points.opsLevels.dailyCapBonus")} min={0} inputMode="numeric" />
          <TextField
            field={fields.multiplierBp}
            type="number"
            label={t("points.opsLevels.multiplierBp")}
            hint={t("points.opsLevels.multiplierHint")}
            min={1000}
            max={100000}
            inputMode="numeric"
          />
        </div>
        <TextField field={fields.perksZh} label={t("points.opsLevels.perksZh")} maxLength={200} />
        <TextField field={fields.perksEn} label={t("points.opsLevels.perksEn")} maxLength={200} />
        <SubmitButton className="btn btn-secondary btn-small">{t("points.ops.save")}</SubmitButton>
      </Form>
    </li>
  );
}

export default function LevelsEditor() {
  const t = useT();
  const { levels, audit } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <PointsOpsNav current="levels" />
      <PageHeader title={t("points.opsLevels.title")}>{t("points.opsLevels.intro")}</PageHeader>
      <ul className="stack" aria-label={t("points.opsLevels.title")}>
        {levels.map((l) => (
          <LevelRow key={l.level} level={l} />
        ))}
      </ul>
      <section className="card card-body stack" aria-labelledby="audit-title">
        <h2 id="audit-title">{t("points.ops.audit")}</h2>
        <AuditList entries={audit} />
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
