import { getFormProps, useForm } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SelectField, SubmitButton, TextareaField, TextField, Toast } from "~/components/forms";
import { LOCALES, useT } from "~/i18n";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { profileFormSchema, updateProfile, type ProfileInput } from "~/utils/identity.server";
import { isSecureRequest, languageCookie, resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "settings.profile.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return json({ profile: { displayName: user.displayName, bio: user.bio, locale: user.locale } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  const submission = parseForm(await request.formData(), profileFormSchema, locale);
  if (submission.status !== "success") {
    return json({ result: submission.reply(), saved: false }, { status: 422 });
  }
  try {
    const updated = await updateProfile(context, user.id, submission.value);
    // The language chosen here is also the one the UI speaks from now on, on this device too.
    return json(
      { result: submission.reply(), saved: true },
      { headers: { "Set-Cookie": languageCookie(updated.locale, { secure: isSecureRequest(request) }) } },
    );
  } catch (error) {
    const { result, status } = replyWithError(submission, error, locale);
    return json({ result, saved: false }, { status });
  }
}

export default function ProfileSettings() {
  const t = useT();
  const { profile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<ProfileInput>({
    id: "profile",
    lastResult: actionData?.result,
    defaultValue: profile,
    shouldRevalidate: "onBlur",
  });
  return (
    <section className="card card-body" aria-labelledby="profile-title">
      <h2 id="profile-title" className="visually-hidden">
        {t("settings.profile.title")}
      </h2>
      {actionData?.saved ? <Toast>{t("settings.profile.saved")}</Toast> : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.displayName} label={t("field.displayName")} autoComplete="nickname" required />
        <TextareaField field={fields.bio} label={t("field.bio")} rows={4} />
        <SelectField
          field={fields.locale}
          label={t("field.locale")}
          options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`), lang: l }))}
        />
        <SubmitButton>{t("settings.profile.submit")}</SubmitButton>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
