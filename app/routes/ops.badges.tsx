import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { badgeCreateFormSchema, badgeInputOf, badgeUpdateFormSchema } from "~/components/badges/badge-form.server";
import { BadgeMedal } from "~/components/badges/badge-medal";
import { useBadgeName, useCriterionText } from "~/components/badges/badge-text";
import {
  BADGE_STAFF_PERMISSION,
  createBadge,
  grantBadgeByStaff,
  listAllBadges,
  listRecentGrants,
  revokeBadge,
  updateBadge,
  type BadgeView,
} from "~/components/badges/badges.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SelectField, SubmitButton, TextField, TextareaField, Toast } from "~/components/forms";
import { useFormat, useT, type UiKey } from "~/i18n";
import badgeStyles from "~/styles/badges.css";
import { requireStaff } from "~/utils/content.server";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { BADGE_ICON_NAMES } from "../../server/gamification/badges/icons";
import { AppError, isAppError } from "../../server/shared/errors";
import { grantBadgeSchema, revokeBadgeSchema } from "../../server/gamification/badges/schemas";

/**
 * /ops/badges — staff define badges and their criteria, grant them by hand with a reason, and revoke
 * grants. Plain form posts; every change goes through the same domain functions as the API (audited).
 */

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "badges.ops.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: badgeStyles }];

const COUNTERS = ["posts.published", "likes.received", "favorites.received", "followers", "comments.written", "checkins.total"] as const;
const CRITERIA = ["counter", "streak", "challenge", "manual"] as const;
const TIERS = ["bronze", "silver", "gold"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context, BADGE_STAFF_PERMISSION);
  const [badges, grants] = await Promise.all([listAllBadges(context, user), listRecentGrants(context, user)]);
  return json({ badges, grants });
}

/** Domain field names (criterion.challengeId) → this form's flat names (challengeId). */
function flatten(error: unknown): unknown {
  if (!isAppError(error) || !error.fields) return error;
  const fields = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k.replace(/^criterion\./, ""), v]));
  return new AppError(error.code, error.message, { fields });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context, BADGE_STAFF_PERMISSION);
  const locale = resolveLocale(request, user);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const badgeId = String(formData.get("badgeId") ?? "");
  const grantId = String(formData.get("grantId") ?? "");
  // The schemas are strict (shared with the API), so the routing fields leave before parsing.
  for (const key of ["intent", "badgeId", "grantId"]) formData.delete(key);

  const formId = intent === "create" ? "badge-new" : intent === "update" ? `badge-${badgeId}` : intent === "grant" ? "badge-grant" : `grant-${grantId}`;
  const reply = async <T,>(submission: ReturnType<typeof parseForm>, run: (value: T) => Promise<unknown>, done: "created" | "saved" | "granted" | "revoked") => {
    if (submission.status !== "success") return json({ formId, result: submission.reply(), done: null }, { status: 422 });
    try {
      await run(submission.value as T);
      return json({ formId, result: submission.reply({ resetForm: done !== "saved" }), done });
    } catch (error) {
      const { result, status } = replyWithError(submission, flatten(error), locale);
      return json({ formId, result, done: null }, { status });
    }
  };

  switch (intent) {
    case "create":
      return reply(parseForm(formData, badgeCreateFormSchema, locale), (v: typeof badgeCreateFormSchema._output) =>
        createBadge(context, user, { slug: v.slug, ...badgeInputOf(v) }),
      "created");
    case "update":
      return reply(parseForm(formData, badgeUpdateFormSchema, locale), (v: typeof badgeUpdateFormSchema._output) =>
        updateBadge(context, user, badgeId, badgeInputOf(v)),
      "saved");
    case "grant": {
      const grantOf = String(formData.get("grantBadgeId") ?? "");
      formData.delete("grantBadgeId");
      return reply(parseForm(formData, grantBadgeSchema, locale), (v: typeof grantBadgeSchema._output) => grantBadgeByStaff(context, user, grantOf, v), "granted");
    }
    case "revoke":
      return reply(parseForm(formData, revokeBadgeSchema, locale), (v: typeof revokeBadgeSchema._output) => revokeBadge(context, user, grantId, v), "revoked");
    default:
      throw json(null, { status: 400 });
  }
}

type BadgeFields = {
  slug: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  icon: string;
  tier: string;
  criterionType: string;
  counter: string;
  threshold: number;
  days: number;
  challengeId: string;
  multiple: boolean;
  certificate: boolean;
  enabled: boolean;
};

function Checkbox({ field, label }: { field: FieldMetadata<boolean>; label: string }) {
  return (
    <label>
      <input type="checkbox" name={field.name} id={field.id} defaultChecked={field.initialValue === "on" || field.initialValue === "true"} />
      {label}
    </label>
  );
}

function BadgeFieldsets({ fields }: { fields: ReturnType<typeof useForm<BadgeFields>>[1] }) {
  const t = useT();
  return (
    <>
      <TextField field={fields.nameZh} label={t("badges.ops.nameZh")} maxLength={20} />
      <TextField field={fields.nameEn} label={t("badges.ops.nameEn")} maxLength={40} />
      <TextareaField field={fields.descriptionZh} label={t("badges.ops.descriptionZh")} maxLength={200} rows={2} />
      <TextareaField field={fields.descriptionEn} label={t("badges.ops.descriptionEn")} maxLength={200} rows={2} />
      <SelectField field={fields.icon} label={t("badges.ops.icon")} options={BADGE_ICON_NAMES.map((i) => ({ value: i, label: i }))} />
      <SelectField field={fields.tier} label={t("badges.ops.tier")} options={TIERS.map((v) => ({ value: v, label: t(`badges.tier.${v}`) }))} />
      <fieldset className="ops-fieldset">
        <legend>{t("badges.ops.criterionType")}</legend>
        <SelectField
          field={fields.criterionType}
          label={t("badges.ops.criterionType")}
          options={CRITERIA.map((v) => ({ value: v, label: t(`badges.ops.criterion.${v}`) }))}
        />
        <SelectField
          field={fields.counter}
          label={t("badges.ops.counter")}
          options={COUNTERS.map((v) => ({ value: v, label: t(`badges.ops.counter.${v}` as UiKey) }))}
        />
        <TextField field={fields.threshold} type="number" label={t("badges.ops.threshold")} min={1} />
        <TextField field={fields.days} type="number" label={t("badges.ops.days")} min={1} max={3650} />
        <TextField field={fields.challengeId} label={t("badges.ops.challengeId")} />
      </fieldset>
      <div className="ops-checks">
        <Checkbox field={fields.multiple} label={t("badges.ops.multiple")} />
        <Checkbox field={fields.certificate} label={t("badges.ops.certificateFlag")} />
        <Checkbox field={fields.enabled} label={t("badges.ops.enabled")} />
      </div>
    </>
  );
}

function defaultsOf(b: SerializeFrom<BadgeView>) {
  const c = b.criterion;
  return {
    nameZh: b.nameZh,
    nameEn: b.nameEn,
    descriptionZh: b.descriptionZh,
    descriptionEn: b.descriptionEn,
    icon: b.icon,
    tier: b.tier,
    criterionType: c.type,
    counter: c.type === "counter" ? c.counter : "",
    threshold: c.type === "counter" ? String(c.threshold) : "",
    days: c.type === "streak" ? String(c.days) : "",
    challengeId: c.type === "challenge" ? (c.challengeId ?? "") : "",
    multiple: b.multiple ? "on" : "",
    certificate: b.certificate ? "on" : "",
    enabled: b.enabled ? "on" : "",
  };
}

function BadgeRow({ badge }: { badge: SerializeFrom<BadgeView> }) {
  const t = useT();
  const format = useFormat();
  const nameOf = useBadgeName();
  const criterionOf = useCriterionText();
  const actionData = useActionData<typeof action>();
  const formId = `badge-${badge.id}`;
  const mine = actionData?.formId === formId ? actionData : undefined;
  const [form, fields] = useForm<BadgeFields>({ id: formId, lastResult: mine?.result ?? undefined, defaultValue: defaultsOf(badge) });
  return (
    <li className="card card-body stack">
      <div className="ops-badge-row">
        <BadgeMedal icon={badge.icon} tier={badge.tier} size={44} earned={badge.enabled} />
        <div className="ops-badge-text">
          <Link to={`/badges/${badge.slug}`}>
            <strong>{nameOf(badge)}</strong> <span className="mono">{badge.slug}</span>
          </Link>
          <span>
            {t(`badges.tier.${badge.tier}`)} · {criterionOf(badge)} · {t("badges.holders", { count: format.count(badge.holderCount) })}
          </span>
        </div>
        {badge.enabled ? null : <span className="chip chip-muted">{t("badges.ops.disabled")}</span>}
      </div>
      {mine?.done === "saved" ? <Toast>{t("badges.ops.saved")}</Toast> : null}
      <details className="ops-badge-edit" open={Boolean(mine && mine.done === null)}>
        <summary>{t("badges.ops.edit")}</summary>
        <Form method="post" {...getFormProps(form)} className="form">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="badgeId" value={badge.id} />
          <BadgeFieldsets fields={fields} />
          <SubmitButton className="btn btn-secondary btn-small">{t("badges.ops.save")}</SubmitButton>
        </Form>
      </details>
    </li>
  );
}

function RevokeForm({ grantId }: { grantId: string }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const formId = `grant-${grantId}`;
  const mine = actionData?.formId === formId ? actionData : undefined;
  const [form, fields] = useForm<{ reason: string }>({ id: formId, lastResult: mine?.result ?? undefined });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="revoke" />
      <input type="hidden" name="grantId" value={grantId} />
      <TextField field={fields.reason} label={t("badges.ops.revokeReason")} maxLength={200} />
      <SubmitButton className="btn btn-secondary btn-small">{t("badges.ops.revoke")}</SubmitButton>
    </Form>
  );
}

export default function OpsBadges() {
  const t = useT();
  const format = useFormat();
  const nameOf = useBadgeName();
  const { badges, grants } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const created = actionData?.formId === "badge-new" ? actionData : undefined;
  const granted = actionData?.formId === "badge-grant" ? actionData : undefined;
  const [createForm, createFields] = useForm<BadgeFields>({
    id: "badge-new",
    lastResult: created?.result ?? undefined,
    defaultValue: { icon: "award", tier: "bronze", criterionType: "counter", counter: "likes.received", enabled: "on" },
  });
  const [grantForm, grantFields] = useForm<{ grantBadgeId: string; handle: string; reason: string }>({ id: "badge-grant", lastResult: granted?.result ?? undefined });
  return (
    <div className="stack">
      <PageHeader title={t("badges.ops.title")}>{t("badges.ops.intro")}</PageHeader>
      {actionData?.done === "revoked" ? <Toast>{t("badges.ops.revoked")}</Toast> : null}

      <section className="card card-body stack" aria-labelledby="grant-title">
        <h2 id="grant-title">{t("badges.ops.grant")}</h2>
        {granted?.done === "granted" ? <Toast>{t("badges.ops.granted")}</Toast> : null}
        <Form method="post" {...getFormProps(grantForm)} className="form">
          <FormErrors id={grantForm.errorId} errors={grantForm.errors} />
          <input type="hidden" name="intent" value="grant" />
          <SelectField field={grantFields.grantBadgeId} label={t("badges.ops.grantBadge")} options={badges.map((b) => ({ value: b.id, label: nameOf(b) }))} />
          <TextField field={grantFields.handle} label={t("badges.ops.handle")} maxLength={40} autoComplete="off" />
          <TextField field={grantFields.reason} label={t("badges.ops.reason")} maxLength={200} />
          <SubmitButton className="btn btn-primary">{t("badges.ops.grantSubmit")}</SubmitButton>
        </Form>
      </section>

      <ul className="stack" aria-label={t("badges.list.label")}>
        {badges.map((b) => (
          <BadgeRow key={b.id} badge={b} />
        ))}
      </ul>

      <section className="card card-body stack" aria-labelledby="new-badge">
        <h2 id="new-badge">{t("badges.ops.create")}</h2>
        {created?.done === "created" ? <Toast>{t("badges.ops.created")}</Toast> : null}
        <Form method="post" {...getFormProps(createForm)} className="form">
          <FormErrors id={createForm.errorId} errors={createForm.errors} />
          <input type="hidden" name="intent" value="create" />
          <TextField field={createFields.slug} label={t("badges.ops.slug")} maxLength={40} autoComplete="off" />
          <BadgeFieldsets fields={createFields} />
          <SubmitButton className="btn btn-primary">{t("badges.ops.create")}</SubmitButton>
        </Form>
      </section>

      <section className="card card-body stack" aria-labelledby="recent-grants">
        <h2 id="recent-grants">{t("badges.ops.recent")}</h2>
        {grants.length === 0 ? (
          <p className="muted">{t("badges.ops.noGrants")}</p>
        ) : (
          <ul className="ops-grant-list">
            {grants.map((g) => (
              <li key={g.id}>
                <div>
                  <strong>{nameOf(g.badge)}</strong> → <Link to={`/u/${encodeURIComponent(g.member.handle)}`}>{g.member.displayName}</Link>{" "}
                  <span className="muted">
                    {format.dateTime(g.grantedAt)}
                    {g.reason ? ` · ${g.reason}` : ""}
                  </span>{" "}
                  <Link to={`/certificates/${g.certificateCode}`} className="mono">
                    {g.certificateCode.slice(0, 8)}…
                  </Link>
                </div>
                {g.revokedAt ? <span className="chip chip-muted">{t("badges.ops.revokedAt", { date: format.date(g.revokedAt) })}</span> : <RevokeForm grantId={g.id} />}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
