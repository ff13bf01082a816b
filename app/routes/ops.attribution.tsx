import { getFormProps, useForm } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SubmitButton, TextField, Toast } from "~/components/forms";
import { attributionSettingsInputSchema, readAttributionSettings, requireStaff, updateAttributionSettings } from "~/components/distribution-links/links.server";
import { useT } from "~/i18n";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/** Staff set the attribution window (last click within N days); every change is audited. */

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "distribution.attribution.title");

const PERMISSION = "manage:rules:any";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, PERMISSION);
  return json({ settings: await readAttributionSettings(context.db) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context, PERMISSION);
  const locale = resolveLocale(request, user);
  const submission = parseForm(await request.formData(), attributionSettingsInputSchema, locale);
  if (submission.status !== "success") return json({ result: submission.reply(), saved: false }, { status: 422 });
  try {
    await updateAttributionSettings(context, user, submission.value);
    return json({ result: submission.reply(), saved: true });
  } catch (error) {
    const { result, status } = replyWithError(submission, error, locale);
    return json({ result, saved: false }, { status });
  }
}

export default function AttributionSettingsPage() {
  const t = useT();
  const { settings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "attribution", lastResult: actionData?.result, defaultValue: { windowDays: String(settings.windowDays) } });
  return (
    <div className="stack">
      <PageHeader title={t("distribution.attribution.title")} />
      {actionData?.saved ? <Toast>{t("distribution.attribution.saved")}</Toast> : null}
      <section className="card card-body stack">
        <p className="muted">{t("distribution.attribution.intro")}</p>
        <Form method="post" className="form" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField
            field={fields.windowDays}
            type="number"
            label={t("distribution.attribution.windowDays")}
            hint={t("distribution.attribution.windowHint")}
            min={1}
            max={90}
            inputMode="numeric"
            required
          />
          <SubmitButton>{t("distribution.attribution.save")}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
