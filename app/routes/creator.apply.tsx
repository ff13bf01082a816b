import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { applyAsCreator, getMyCreatorApplication, listCategories, type ApplyInput } from "~/components/creators/applications.server";
import { SampleNotePicker } from "~/components/creators/sample-note-picker";
import { SAMPLE_POSTS_MAX, sampleNoteOptions } from "~/components/creators/sample-notes.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ErrorList, FormErrors, SubmitButton } from "~/components/forms";
import { formFailure, type FormFailure } from "~/components/rewards/form-errors.server";
import { useLocale, useT } from "~/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/session.server";

/**
 * 申请成为创作者: one plain form in sections (about you — encrypted —, what you create, other platform
 * accounts, samples picked from the applicant's own published notes), so it works without JavaScript. A member with an open application, or a creator,
 * is shown where they stand instead. On success the applicant lands on /creator/application.
 */

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "creatorApply.title");

const ACCOUNT_ROWS = 3;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const [mine, categories, sampleOptions] = await Promise.all([getMyCreatorApplication(context, user), listCategories(context), sampleNoteOptions(context, user)]);
  const open = mine && ["submitted", "in_review", "trial"].includes(mine.status);
  return json({ isCreator: user.roles.includes("creator"), open: Boolean(open), categories, sampleOptions, sampleMax: SAMPLE_POSTS_MAX });
}

type Values = Record<string, string | string[]>;
type ActionData = { failure: FormFailure; values: Values };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  const form = await request.formData();
  const text = (k: string) => String(form.get(k) ?? "").trim();
  const platformAccounts: { platform: string; handle: string; followers: number }[] = [];
  for (let i = 0; i < ACCOUNT_ROWS; i++) {
    const platform = text(`platform${i}`);
    const handle = text(`handle${i}`);
    const followers = text(`followers${i}`);
    if (!platform && !handle && !followers) continue;
    // An unreadable number stays a non-integer so the domain's message names the field.
    platformAccounts.push({ platform, handle, followers: followers === "" ? 0 : /^\d+$/.test(followers) ? Number(followers) : Number.NaN });
  }
  const input: ApplyInput = {
    realName: text("realName"),
    contact: text("contact"),
    region: text("region"),
    categories: form.getAll("categories").map(String),
    talents: text("talents").split(/[,，、]/).map((s) => s.trim()).filter(Boolean),
    platformAccounts,
    sampleNotes: text("sampleNotes"),
    samplePostIds: form.getAll("samplePostIds").map(String),
  };
  try {
    await applyAsCreator(context, user, input);
    return redirect("/creator/application?submitted=1");
  } catch (error) {
    const { failure, status } = formFailure(error, locale);
    const lists = ["categories", "samplePostIds"];
    const values: Values = Object.fromEntries([...form.keys()].map((k) => [k, lists.includes(k) ? form.getAll(k).map(String) : String(form.get(k))]));
    return json<ActionData>({ failure, values }, { status });
  }
}

export default function CreatorApply() {
  const t = useT();
  const locale = useLocale();
  const { isCreator, open, categories, sampleOptions, sampleMax } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const fields = data?.failure.fields ?? {};
  const value = (k: string) => (typeof data?.values[k] === "string" ? (data.values[k] as string) : "");
  const checked = (slug: string) => Array.isArray(data?.values.categories) && (data.values.categories as string[]).includes(slug);
  const fieldErrors = (prefix: string) => Object.entries(fields).filter(([k]) => k === prefix || k.startsWith(`${prefix}.`)).flatMap(([, v]) => v);
  const input = (name: string, label: string, props: { type?: string; maxLength?: number; autoComplete?: string; required?: boolean } = {}) => (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        className="input"
        defaultValue={value(name)}
        aria-invalid={fields[name]?.length ? true : undefined}
        aria-describedby={fields[name]?.length ? `${name}-errors` : undefined}
        {...props}
      />
      <ErrorList id={`${name}-errors`} errors={fields[name]} />
    </div>
  );

  if (isCreator || open) {
    return (
      <div className="stack">
        <PageHeader title={t("creatorApply.title")} />
        <p className="card card-body">{isCreator ? t("creatorApply.isCreator") : <Link to="/creator/application">{t("creatorApply.already")}</Link>}</p>
      </div>
    );
  }
  const formErrors = data && Object.keys(fields).length === 0 ? [data.failure.message] : fields._;
  return (
    <div className="stack">
      <PageHeader title={t("creatorApply.title")}>{t("creatorApply.intro")}</PageHeader>
      <Form method="post" className="stack" aria-label={t("creatorApply.title")} noValidate>
        <FormErrors errors={formErrors} />
        <fieldset className="card card-body stack">
          <legend className="section-title">{t("creatorApply.section.identity")}</legend>
          {input("realName", t("creatorApply.realName"), { maxLength: 60, autoComplete: "name", required: true })}
          {input("contact", t("creatorApply.contact"), { maxLength: 120, autoComplete: "tel", required: true })}
          {input("region", t("creatorApply.region"), { maxLength: 80, autoComplete: "address-level1", required: true })}
        </fieldset>
        <fieldset className="card card-body stack" aria-describedby={fields.categories?.length ? "categories-errors" : undefined}>
          <legend className="section-title">{t("creatorApply.section.creation")}</legend>
          <div role="group" aria-label={t("creatorApply.categories")} className="stack">
            <span>{t("creatorApply.categories")}</span>
            <div style={{ display: "flex", flexWrap: "wrap", gap: "8px 16px" }}>
              {categories.map((c) => (
                <label key={c.slug} style={{ display: "inline-flex", gap: 6, alignItems: "center", minHeight: 44 }}>
                  <input type="checkbox" name="categories" value={c.slug} defaultChecked={checked(c.slug)} />
                  <span>{locale === "en" ? c.nameEn : c.nameZh}</span>
                </label>
              ))}
            </div>
            <ErrorList id="categories-errors" errors={fields.categories} />
          </div>
          {input("talents", t("creatorApply.talents"), { maxLength: 300 })}
          <ErrorList errors={fieldErrors("talents").filter((e) => !(fields.talents ?? []).includes(e))} />
        </fieldset>
        <fieldset className="card card-body stack">
          <legend className="section-title">{t("creatorApply.section.accounts")}</legend>
          {Array.from({ length: ACCOUNT_ROWS }, (_, i) => (
            <div key={i} style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(140px, 1fr))", gap: 8 }}>
              {input(`platform${i}`, t("creatorApply.platform", { n: i + 1 }), { maxLength: 40 })}
              {input(`handle${i}`, t("creatorApply.platformHandle", { n: i + 1 }), { maxLength: 80 })}
              {input(`followers${i}`, t("creatorApply.followers", { n: i + 1 }), { type: "number" })}
              <ErrorList errors={fieldErrors(`platformAccounts.${i}`)} />
            </div>
          ))}
        </fieldset>
        <fieldset className="card card-body stack">
          <legend className="section-title">{t("creatorApply.section.samples")}</legend>
          <SampleNotePicker
            options={sampleOptions}
            max={sampleMax}
            selected={Array.isArray(data?.values.samplePostIds) ? (data.values.samplePostIds as string[]) : []}
            errors={fieldErrors("samplePostIds")}
          />
          <div className="field">
            <label htmlFor="sampleNotes">{t("creatorApply.sampleNotes")}</label>
            <textarea id="sampleNotes" name="sampleNotes" className="textarea" maxLength={2000} rows={4} defaultValue={value("sampleNotes")} />
            <ErrorList errors={fields.sampleNotes} />
          </div>
        </fieldset>
        <SubmitButton>{t("creatorApply.submit")}</SubmitButton>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
