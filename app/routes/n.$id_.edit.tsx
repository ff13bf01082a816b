import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FanOnlyToggle } from "~/components/fan-only/fan-only-toggle";
import { canMarkFanOnly, fanOnlyChoice, fanOnlyPostIds, markPostFanOnly } from "~/components/fan-only/fan-only.server";
import { NoteForm } from "~/components/note-form";
import { useT } from "~/i18n";
import {
  BODY_MAX,
  TITLE_MAX,
  getPost,
  listCategories,
  noteFormSchema,
  publishPost,
  rethrowAsResponse,
  updatePost,
} from "~/utils/feed.server";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { resolveLocale } from "~/utils/locale.server";
import { noteProductOptions } from "~/components/commerce/commerce.server";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "feed.publish.editHeading");

/** The note as its author may edit it; anyone else gets the same 404 as for a note they can't see. */
async function editablePost(request: Request, context: LoaderFunctionArgs["context"], id: string) {
  const user = await requireUser(request, context);
  const post = await getPost(context, id, user).catch(rethrowAsResponse);
  if (!post.canEdit) throw json({ code: "NOT_FOUND" }, { status: 404 });
  return { user, post };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, post } = await editablePost(request, context, params.id ?? "");
  const [categories, fanOnly] = await Promise.all([listCategories(context), fanOnlyPostIds(context.db, [post.id])]);
  return json({
    // The 粉丝专属 box for creators (each owns a fan group), ticked when the note is fan-only now.
    fanOnly: canMarkFanOnly(user) ? { checked: fanOnly.has(post.id) } : null,
    post: {
      id: post.id,
      status: post.status,
      title: post.title,
      body: post.body,
      categorySlug: post.category?.slug ?? "",
      media: post.media.map((m) => ({ id: m.uploadId, kind: m.kind, url: m.url, thumbUrl: m.thumbUrl })),
      productIds: post.products.map((p) => p.id),
    },
    categories: categories.map((c) => ({ slug: c.slug, nameZh: c.nameZh, nameEn: c.nameEn })),
    limits: { title: TITLE_MAX, body: BODY_MAX },
    productOptions: await noteProductOptions(context, post.products),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, post } = await editablePost(request, context, params.id ?? "");
  const locale = resolveLocale(request, user);
  const formData = await request.formData();
  const fanOnly = fanOnlyChoice(formData);
  // A hand-made post with the box from someone who has no fan group is refused before anything changes.
  if (fanOnly !== null && !canMarkFanOnly(user)) throw json(null, { status: 403 });
  const submission = parseForm(formData, noteFormSchema, locale);
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 422 });
  try {
    await updatePost(context, user, post.id, submission.value);
    if (fanOnly !== null) await markPostFanOnly(context, user, post.id, { fanOnly });
    if (post.status === "draft" && formData.get("intent") === "publish") await publishPost(context, user, post.id);
    return redirect(`/n/${post.id}`);
  } catch (error) {
    const { result, status } = replyWithError(submission, error, locale);
    return json({ result }, { status });
  }
}

export default function EditNote() {
  const t = useT();
  const { post, categories, limits, productOptions, fanOnly } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title={t("feed.publish.editHeading")} />
      <div className="card card-body">
        <NoteForm
          categories={categories}
          defaultValue={{ title: post.title, body: post.body, categorySlug: post.categorySlug }}
          initialMedia={post.media}
          lastResult={actionData?.result}
          titleMax={limits.title}
          bodyMax={limits.body}
          productOptions={productOptions}
          initialProductIds={post.productIds}
          extra={fanOnly ? <FanOnlyToggle defaultChecked={fanOnly.checked} /> : null}
          buttons={
            post.status === "draft"
              ? [
                  { intent: "draft", label: t("feed.publish.draft") },
                  { intent: "publish", label: t("feed.publish.submit"), primary: true },
                ]
              : [{ intent: "save", label: t("feed.publish.save"), primary: true }]
          }
        />
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
