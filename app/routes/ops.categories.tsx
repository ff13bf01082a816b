import { getFormProps, useForm } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SubmitButton, TextField, Toast } from "~/components/forms";
import { useT } from "~/i18n";
import {
  createCategory,
  createCategorySchema,
  listCategories,
  requireStaff,
  updateCategory,
  updateCategorySchema,
  type CategoryView,
} from "~/utils/content.server";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/** Staff edit the verticals: add, rename, reorder, retire and reactivate. Plain form posts. */

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "moderation.categories.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "manage:categories:any");
  return json({ categories: await listCategories(context, { includeInactive: true }) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context, "manage:categories:any");
  const locale = resolveLocale(request, user);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const categoryId = String(formData.get("categoryId") ?? "");

  if (intent === "toggle") {
    await updateCategory(context, user, categoryId, { isActive: formData.get("isActive") === "true" });
    return json({ formId: `category-${categoryId}`, result: null, done: "saved" as const });
  }
  // The schemas are strict (shared with the API), so the routing fields leave before parsing.
  formData.delete("intent");
  formData.delete("categoryId");
  const creating = intent === "create";
  const formId = creating ? "category-new" : `category-${categoryId}`;
  const submission = parseForm(formData, creating ? createCategorySchema : updateCategorySchema, locale);
  if (submission.status !== "success") return json({ formId, result: submission.reply(), done: null }, { status: 422 });
  try {
    if (creating) await createCategory(context, user, submission.value as typeof createCategorySchema._output);
    else await updateCategory(context, user, categoryId, submission.value);
    return json({ formId, result: submission.reply({ resetForm: creating }), done: creating ? ("created" as const) : ("saved" as const) });
  } catch (error) {
    const { result, status } = replyWithError(submission, error, locale);
    return json({ formId, result, done: null }, { status });
  }
}

type CategoryFields = { slug: string; nameZh: string; nameEn: string; position: number };

function CategoryRow({ category }: { category: SerializeFrom<CategoryView> }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const formId = `category-${category.id}`;
  const mine = actionData?.formId === formId ? actionData : undefined;
  const [form, fields] = useForm<CategoryFields>({
    id: formId,
    lastResult: mine?.result ?? undefined,
    defaultValue: { nameZh: category.nameZh, nameEn: category.nameEn, position: category.position },
  });
  return (
    <li className="card card-body stack">
      <div className="row">
        <strong className="mono">{category.slug}</strong>
        <span className={category.isActive ? "chip" : "chip chip-muted"}>
          {t(category.isActive ? "moderation.categories.active" : "moderation.categories.inactive")}
        </span>
      </div>
      {mine?.done === "saved" ? <Toast>{t("moderation.categories.saved")}</Toast> : null}
      <Form method="post" {...getFormProps(form)} className="form">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="categoryId" value={category.id} />
        <TextField field={fields.nameZh} label={t("moderation.categories.nameZh")} maxLength={20} />
        <TextField field={fields.nameEn} label={t("moderation.categories.nameEn")} maxLength={20} />
        <TextField field={fields.position} type="number" label={t("moderation.categories.position")} min={0} max={10000} />
        <SubmitButton className="btn btn-secondary btn-small">{t("moderation.categories.save")}</SubmitButton>
      </Form>
      <Form method="post">
        <input type="hidden" name="intent" value="toggle" />
        <input type="hidden" name="categoryId" value={category.id} />
        <input type="hidden" name="isActive" value={category.isActive ? "false" : "true"} />
        <button type="submit" className="btn btn-secondary btn-small">
          {t(category.isActive ? "moderation.categories.deactivate" : "moderation.categories.activate")}
        </button>
      </Form>
    </li>
  );
}

export default function Categories() {
  const t = useT();
  const { categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const mine = actionData?.formId === "category-new" ? actionData : undefined;
  const [form, fields] = useForm<CategoryFields>({ id: "category-new", lastResult: mine?.result ?? undefined });
  return (
    <div className="stack">
      <nav className="settings-nav" aria-label={t("moderation.nav.label")}>
        <Link to="/ops/moderation">{t("moderation.nav.queue")}</Link>
        <Link to="/ops/moderation/appeals">{t("moderation.nav.appeals")}</Link>
        <Link to="/ops/moderation/keywords">{t("moderation.nav.keywords")}</Link>
        <Link to="/ops/categories" aria-current="page">
          {t("moderation.nav.categories")}
        </Link>
      </nav>
      <PageHeader title={t("moderation.categories.title")}>{t("moderation.categories.intro")}</PageHeader>
      <ul className="stack" aria-label={t("moderation.categories.title")}>
        {categories.map((c) => (
          <CategoryRow key={c.id} category={c} />
        ))}
      </ul>
      <section className="card card-body stack" aria-labelledby="new-category">
        <h2 id="new-category">{t("moderation.categories.create")}</h2>
        {mine?.done === "created" ? <Toast>{t("moderation.categories.created")}</Toast> : null}
        <Form method="post" {...getFormProps(form)} className="form">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="create" />
          <TextField field={fields.slug} label={t("moderation.categories.slug")} maxLength={30} />
          <TextField field={fields.nameZh} label={t("moderation.categories.nameZh")} maxLength={20} />
          <TextField field={fields.nameEn} label={t("moderation.categories.nameEn")} maxLength={20} />
          <TextField field={fields.position} type="number" label={t("moderation.categories.position")} min={0} max={10000} />
          <SubmitButton className="btn btn-primary">{t("moderation.categories.create")}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
