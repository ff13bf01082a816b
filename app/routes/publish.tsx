import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FanOnlyToggle } from "~/components/fan-only/fan-only-toggle";
import { canMarkFanOnly, fanOnlyChoice, markPostFanOnly } from "~/components/fan-only/fan-only.server";
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
  const user = await requireUser(request, context);
  const categories = await listCategories(context);
  return json({
    // Only creators (each owns a fan group) see the 粉丝专属 box.
    canFanOnly: canMarkFanOnly(user),
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
  const fanOnly = fanOnlyChoice(formData);
  // A hand-made post with the box from someone who has no fan group is refused before anything is made.
  if (fanOnly !== null && !canMarkFanOnly(user)) throw json(null, { status: 403 });
  const submission = parseForm(formData, noteFormSchema, locale);
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 422 });
  try {
    const post = await createPost(context, user, { ...submission.value, publish });
    // Marked straight after the note is made, before the page that shows it; the mark can't fail for
    // the note's own author, so a refused note never leaves a half-made one behind.
    if (fanOnly) await markPostFanOnly(context, user, post.id, { fanOnly: true });
    return redirect(`/n/${post.id}`);
  } catch (error) {
    const { result, status } = replyWithError(submission, error, locale);
    return json({ result }, { status });
  }
}

export default function Publish() {
  const t = useT();
  const { categories, limits, productOptions, canFanOnly } = useLoaderData<typeof loader>();
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
          extra={canFanOnly ? <FanOnlyToggle defaultChecked={false} /> : null}
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
