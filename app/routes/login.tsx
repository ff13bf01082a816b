import { getFormProps, useForm } from "@conform-to/react";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SubmitButton, TextField } from "~/components/forms";
import { useT } from "~/i18n";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { logIn, logInSchema, sessionCookie, type LogInInput } from "~/utils/identity.server";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { safeRedirect } from "~/utils/redirect";
import { requestMeta } from "~/utils/request.server";
import { requireAnonymous } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "login.title");

const HIDDEN = ["password"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context, safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/"));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const locale = resolveLocale(request, null);
  const submission = parseForm(formData, logInSchema, locale);
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: HIDDEN }) }, { status: 422 });
  }
  try {
    const { session } = await logIn(context, submission.value, requestMeta(request, context));
    return redirect(safeRedirect(formData.get("redirectTo"), "/"), {
      headers: { "Set-Cookie": sessionCookie(context, session) },
    });
  } catch (error) {
    const { result, status } = replyWithError(submission, error, locale, { hideFields: HIDDEN });
    return json({ result }, { status });
  }
}

export default function LogIn() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo");
  const [form, fields] = useForm<LogInInput>({ id: "login", lastResult: actionData?.result, shouldRevalidate: "onBlur" });
  return (
    <div className="auth">
      <div className="auth-header">
        <h1>{t("login.heading")}</h1>
        <p>{t("login.subheading")}</p>
      </div>
      <div className="card card-body">
        <Form method="post" className="form" {...getFormProps(form)}>
          {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField
            field={fields.login}
            label={t("field.login")}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
          />
          <TextField
            field={fields.password}
            label={t("field.password")}
            type="password"
            autoComplete="current-password"
            required
          />
          <SubmitButton>{t("login.submit")}</SubmitButton>
        </Form>
      </div>
      <p className="auth-footer">
        {t("login.noAccount")}{" "}
        <Link className="link" to={redirectTo ? `/signup?${new URLSearchParams({ redirectTo })}` : "/signup"}>
          {t("auth.signup")}
        </Link>
      </p>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
