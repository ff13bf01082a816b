import { getFormProps, useForm } from "@conform-to/react";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { can, createChallenge, createChallengeFormSchema, listBadgeOptions, listCategories } from "~/components/challenges/challenges.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ErrorList, FormErrors, SelectField, SubmitButton, TextareaField, TextField } from "~/components/forms";
import { UploadPicker } from "~/components/upload-picker";
import challengeStyles from "~/styles/challenges.css";
import { useLocale, useT } from "~/i18n";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/session.server";
import { localDate } from "../../server/shared/clock";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "challenges.new.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: challengeStyles }];

/** Staff and creators only: visitors are sent to log in, other members get the 403 page. */
async function requireCreator(request: Request, context: LoaderFunctionArgs["context"]) {
  const user = await requireUser(request, context);
  if (!can(user, "create:challenge:own")) throw json(null, { status: 403 });
  return user;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCreator(request, context);
  const [categories, badges] = await Promise.all([listCategories(context), listBadgeOptions(context.db)]);
  return json({ categories, badges, today: localDate(context.clock.now(), context.config.platformTimeZone) });
}

/** A plain form post (works before JavaScript loads); field errors come back next to their fields. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCreator(request, context);
  const locale = resolveLocale(request, user);
  const submission = parseForm(await request.formData(), createChallengeFormSchema, locale);
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 422 });
  try {
    const created = await createChallenge(context, user, submission.value);
    return redirect(`/challenges/${created.id}`);
  } catch (error) {
    const { result, status } = replyWithError(submission, error, locale);
    return json({ result }, { status });
  }
}

type Fields = {
  title: string;
  description: string;
  rules: string;
  coverUploadId: string;
  startsOn: string;
  endsOn: string;
  requiredDays: number;
  categorySlug: string;
  topic: string;
  proofRequired: string;
  makeupCardsAllowed: number;
  rewardPoints: number;
  rewardBadgeId: string;
};

export default function NewChallenge() {
  const t = useT();
  const locale = useLocale();
  const { categories, badges, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<Fields>({
    id: "challenge-new",
    lastResult: actionData?.result,
    defaultValue: { startsOn: today, requiredDays: 21, makeupCardsAllowed: 0, rewardPoints: 100, proofRequired: "yes" },
    shouldRevalidate: "onBlur",
  });
  const proof = fields.proofRequired;
  return (
    <div className="stack">
      <PageHeader title={t("challenges.new.title")}>{t("challenges.new.intro")}</PageHeader>
      <Form method="post" {...getFormProps(form)} className="form card card-body">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.title} label={t("challenges.field.title")} maxLength={40} required />
        <TextareaField field={fields.description} label={t("challenges.field.description")} maxLength={1000} rows={3} />
        <TextareaField field={fields.rules} label={t("challenges.field.rules")} maxLength={2000} rows={4} />
        <div className="field">
          <span className="field-label">{t("challenges.field.cover")}</span>
          <UploadPicker mode="images" name="coverUploadId" max={1} label={t("challenges.field.coverButton")} errors={fields.coverUploadId.errors} />
        </div>
        <div className="ch-form-row">
          <TextField field={fields.startsOn} type={"date" as "text"} label={t("challenges.field.startsOn")} required min={today} />
          <TextField field={fields.endsOn} type={"date" as "text"} label={t("challenges.field.endsOn")} required min={today} />
        </div>
        <TextField
          field={fields.requiredDays}
          type="number"
          label={t("challenges.field.requiredDays")}
          hint={t("challenges.field.requiredDays.hint")}
          min={1}
          max={366}
          required
        />
        <SelectField
          field={fields.categorySlug}
          label={t("challenges.field.category")}
          options={[
            { value: "", label: t("challenges.field.category.none") },
            ...categories.map((c) => ({ value: c.slug, label: locale === "en" ? c.nameEn : c.nameZh })),
          ]}
        />
        <TextField field={fields.topic} label={t("challenges.field.topic")} hint={t("challenges.field.topic.hint")} maxLength={21} />
        <fieldset className="field ch-radios" aria-describedby={proof.errors?.length ? proof.errorId : undefined}>
          <legend>{t("challenges.field.proofRequired")}</legend>
          <label>
            <input type="radio" name={proof.name} value="yes" defaultChecked={proof.initialValue !== "no"} />
            {t("challenges.field.proof.yes")}
          </label>
          <label>
            <input type="radio" name={proof.name} value="no" defaultChecked={proof.initialValue === "no"} />
            {t("challenges.field.proof.no")}
          </label>
          <ErrorList id={proof.errorId} errors={proof.errors} />
        </fieldset>
        <div className="ch-form-row">
          <TextField field={fields.makeupCardsAllowed} type="number" label={t("challenges.field.makeupCards")} min={0} max={31} />
          <TextField field={fields.rewardPoints} type="number" label={t("challenges.field.rewardPoints")} min={0} max={100000} />
        </div>
        {badges.length > 0 ? (
          <SelectField
            field={fields.rewardBadgeId}
            label={t("challenges.field.rewardBadge")}
            options={[
              { value: "", label: t("challenges.field.rewardBadge.none") },
              ...badges.map((b) => ({ value: b.id, label: locale === "en" ? b.nameEn : b.nameZh })),
            ]}
          />
        ) : null}
        <SubmitButton>{t("challenges.new.submit")}</SubmitButton>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
