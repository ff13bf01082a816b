import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { NoteForm } from "~/components/note-form";
import { useT } from "~/i18n";
import { BODY_MAX, TITLE_MAX, createPost, listCategories, noteFormSchema } from "~/utils/feed.server";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { resolveLocale } from "~/utils/locale.server";
import { noteProductOptions } from "~/components/commerce/commerce.server";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "publish.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const categories = await listCategories(context);
  return json({
    categories: categories.map((c) => ({ slug: c.slug, nameZh: c.nameZh, nameEn: c.nameEn })),
    limits: { title: TITLE_MAX, body: BODY_MAX },
    productOptions: await noteProductOptions(context),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  const formData = await request.formData();
  const publish = formData.get("intent") !== "draft";
  const submission = parseForm(formData, noteFormSchema, locale);
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 422 });
  try {
    const post = await createPost(context, user, { ...submission.value, publish });
    return redirect(`/n/${post.id}`);
  } catch (error) {
    const { result, status } = replyWithError(submission, error, locale);
    return json({ result }, { status });
  }
}

export default function Publish() {
  const t = useT();
  const { categories, limits, productOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title={t("feed.publish.heading")} />
      <div className="card card-body">
        <NoteForm
          categories={categories}
          defaultValue={{ title: "", body: "", categorySlug: "" }}
          lastResult={actionData?.result}
          titleMax={limits.title}
          bodyMax={limits.body}
          productOptions={productOptions}
          buttons={[
            { intent: "draft", label: t("feed.publish.draft") },
            { intent: "publish", label: t("feed.publish.submit"), primary: true },
          ]}
        />
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
