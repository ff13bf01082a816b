import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { createMcn, getMyMcn, requireStaff } from "~/components/mcn/mcn.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ErrorList, FormErrors } from "~/components/forms";
import { formFailure, type FormFailure } from "~/components/rewards/form-errors.server";
import { useT } from "~/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/** An MCN admin founds their organisation (once); then /mcn is theirs. */

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "mcn.new.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context, "create:mcn:own");
  if (await getMyMcn(context, user)) throw redirect("/mcn");
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context, "create:mcn:own");
  const form = await request.formData();
  try {
    await createMcn(context, user, { name: String(form.get("name") ?? ""), description: String(form.get("description") ?? "") || undefined });
  } catch (error) {
    const { failure, status } = formFailure(error, resolveLocale(request, user));
    return json<{ failure: FormFailure }>({ failure }, { status });
  }
  return redirect("/mcn");
}

export default function NewMcn() {
  const t = useT();
  const result = useActionData<typeof action>() as { failure: FormFailure } | undefined;
  const nameErrors = result?.failure.fields.name;
  return (
    <div className="stack">
      <PageHeader title={t("mcn.new.title")}>{t("mcn.none")}</PageHeader>
      {result && !nameErrors ? <FormErrors errors={[result.failure.message]} /> : null}
      <Form method="post" className="card card-body stack">
        <div className="field">
          <label htmlFor="mcn-name">{t("mcn.field.name")}</label>
          <input id="mcn-name" name="name" className="input" required minLength={2} maxLength={60} aria-invalid={nameErrors ? true : undefined} aria-describedby={nameErrors ? "mcn-name-errors" : undefined} />
          <ErrorList id="mcn-name-errors" errors={nameErrors} />
        </div>
        <div className="field">
          <label htmlFor="mcn-desc">{t("mcn.field.description")}</label>
          <textarea id="mcn-desc" name="description" className="input" maxLength={500} rows={3} />
        </div>
        <button type="submit" className="btn btn-primary">
          {t("mcn.create")}
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
