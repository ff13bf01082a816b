import { getFormProps, useForm } from "@conform-to/react";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SubmitButton, TextField } from "~/components/forms";
import { useT } from "~/i18n";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { sessionCookie, signUp, signUpSchema, type SignUpInput } from "~/utils/identity.server";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { safeRedirect } from "~/utils/redirect";
import { requestMeta } from "~/utils/request.server";
import { requireAnonymous } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "signup.title");

/** Passwords never travel back to the page in a form reply. */
const HIDDEN = ["password"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context, safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/me"));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const locale = resolveLocale(request, null);
  const submission = parseForm(formData, signUpSchema, locale);
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: HIDDEN }) }, { status: 422 });
  }
  try {
    // The account starts in the language the visitor was using when they signed up.
    const { session } = await signUp(context, { ...submission.value, locale }, requestMeta(request, context));
    return redirect(safeRedirect(formData.get("redirectTo"), "/me"), {
      headers: { "Set-Cookie": sessionCookie(context, session) },
    });
  } catch (error) {
    const { result, status } = replyWithError(submission, error, locale, { hideFields: HIDDEN });
    return json({ result }, { status });
  }
}

export default function SignUp() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo");
  const [form, fields] = useForm<SignUpInput>({ id: "signup", lastResult: actionData?.result, shouldRevalidate: "onBlur" });
  return (
    <div className="auth">
      <div className="auth-header">
        <h1>{t("signup.heading")}</h1>
        <p>{t("signup.subheading")}</p>
      </div>
      <div className="card card-body">
        <Form method="post" className="form" {...getFormProps(form)}>
          {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField
            field={fields.handle}
            label={t("field.handle")}
            hint={t("field.handle.hint")}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
          />
          <TextField field={fields.email} label={t("field.email")} type="email" autoComplete="email" required />
          <TextField
            field={fields.password}
            label={t("field.password")}
            hint={t("field.password.hint")}
            type="password"
            autoComplete="new-password"
            required
          />
          <SubmitButton>{t("signup.submit")}</SubmitButton>
        </Form>
      </div>
      <p className="auth-footer">
        {t("signup.haveAccount")}{" "}
        <Link className="link" to={redirectTo ? `/login?${new URLSearchParams({ redirectTo })}` : "/login"}>
          {t("auth.login")}
        </Link>
      </p>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
