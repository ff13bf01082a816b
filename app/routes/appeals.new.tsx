import { getFormProps, useForm } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SubmitButton, TextareaField, Toast } from "~/components/forms";
import { useT } from "~/i18n";
import { appealDecision, appealSchema } from "~/utils/content.server";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/session.server";

/**
 * The author's appeal against a decision that hid or removed their note or comment (linked from the
 * note's status banner). One appeal per decision; the domain says no to a second one.
 */

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "moderation.appeal.title");

const query = z.object({ actionId: z.uuid() });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw json(null, { status: 404 });
  return json({ actionId: parsed.data.actionId });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  const submission = parseForm(await request.formData(), appealSchema, locale);
  if (submission.status !== "success") return json({ result: submission.reply(), sent: false }, { status: 422 });
  try {
    await appealDecision(context, user, submission.value);
    return json({ result: submission.reply({ resetForm: true }), sent: true });
  } catch (error) {
    const { result, status } = replyWithError(submission, error, locale);
    return json({ result, sent: false }, { status });
  }
}

export default function NewAppeal() {
  const t = useT();
  const { actionId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<{ actionId: string; body: string }>({ id: "appeal", lastResult: actionData?.result });
  return (
    <div className="stack">
      <PageHeader title={t("moderation.appeal.title")}>{t("moderation.appeal.intro")}</PageHeader>
      {actionData?.sent ? (
        <Toast>{t("moderation.appeal.sent")}</Toast>
      ) : (
        <Form method="post" {...getFormProps(form)} className="card card-body form">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="actionId" value={actionId} />
          <TextareaField field={fields.body} label={t("moderation.appeal.body")} rows={5} maxLength={1000} />
          <SubmitButton>{t("moderation.appeal.submit")}</SubmitButton>
        </Form>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
