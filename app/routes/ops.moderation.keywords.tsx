import { getFormProps, useForm } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SubmitButton, TextField, Toast } from "~/components/forms";
import { SproutIcon } from "~/components/icons";
import { useT } from "~/i18n";
import { addKeyword, keywordSchema, listKeywords, removeKeyword, requireStaff } from "~/utils/content.server";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { resolveLocale } from "~/utils/locale.server";
import { isAppError } from "../../server/shared/errors";

/** The staff-edited keyword list that holds matching notes for review. */

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  return json({ keywords: await listKeywords(context, user) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const locale = resolveLocale(request, user);
  const formData = await request.formData();
  if (formData.get("intent") === "remove") {
    try {
      await removeKeyword(context, user, String(formData.get("keywordId") ?? ""));
    } catch (e) {
      // Already removed (another tab, another staff member): the list is what they wanted.
      if (!isAppError(e) || e.code !== "NOT_FOUND") throw e;
    }
    return json({ result: null, done: "removed" as const });
  }
  const submission = parseForm(formData, keywordSchema, locale);
  if (submission.status !== "success") return json({ result: submission.reply(), done: null }, { status: 422 });
  try {
    await addKeyword(context, user, submission.value);
    return json({ result: submission.reply({ resetForm: true }), done: "added" as const });
  } catch (error) {
    const { result, status } = replyWithError(submission, error, locale);
    return json({ result, done: null }, { status });
  }
}

export default function ModerationKeywords() {
  const t = useT();
  const { keywords } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<{ keyword: string }>({ id: "keyword", lastResult: actionData?.result ?? undefined });
  return (
    <div className="stack">
      <PageHeader title={t("moderation.keywords.title")}>{t("moderation.keywords.intro")}</PageHeader>
      {actionData?.done === "added" ? <Toast>{t("moderation.keywords.added")}</Toast> : null}
      {actionData?.done === "removed" ? <Toast>{t("moderation.keywords.removed")}</Toast> : null}
      <Form method="post" {...getFormProps(form)} className="card card-body form">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.keyword} label={t("moderation.keywords.keyword")} maxLength={50} />
        <SubmitButton className="btn btn-primary">{t("moderation.keywords.add")}</SubmitButton>
      </Form>
      {keywords.length === 0 ? (
        <EmptyState icon={<SproutIcon size={48} />} title={t("moderation.keywords.empty")} />
      ) : (
        <section className="card">
          <ul className="token-list" aria-label={t("moderation.keywords.title")}>
            {keywords.map((k) => (
              <li key={k.id} className="token-item">
                <span className="token-name">{k.keyword}</span>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="keywordId" value={k.id} />
                  <button type="submit" className="btn btn-secondary btn-small" aria-label={`${t("moderation.keywords.remove")} ${k.keyword}`}>
                    {t("moderation.keywords.remove")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
