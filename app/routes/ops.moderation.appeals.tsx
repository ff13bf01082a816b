import { getFormProps, useForm } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, TextareaField, Toast } from "~/components/forms";
import { SproutIcon } from "~/components/icons";
import { useFormat, useT, type UiKey } from "~/i18n";
import { decideAppeal, decideAppealSchema, listAppeals, requireStaff, type AppealView } from "~/utils/content.server";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { resolveLocale } from "~/utils/locale.server";
import { isAppError } from "../../server/shared/errors";

/** Open appeals, oldest first, each with uphold / overturn and an optional reply to the author. */

const pageQuery = z.object({ cursor: z.string().max(500).optional() });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const query = pageQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw json(null, { status: 400 });
  try {
    const page = await listAppeals(context, user, { status: "open", cursor: query.data.cursor, limit: 20 });
    return json({ ...page, paged: query.data.cursor !== undefined });
  } catch (e) {
    if (isAppError(e) && e.code === "VALIDATION_FAILED") throw json(null, { status: 400 });
    throw e;
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const locale = resolveLocale(request, user);
  const formData = await request.formData();
  const appealId = String(formData.get("appealId") ?? "");
  const submission = parseForm(formData, decideAppealSchema, locale);
  if (submission.status !== "success") return json({ appealId, result: submission.reply(), decided: false }, { status: 422 });
  try {
    await decideAppeal(context, user, submission.value);
    return json({ appealId, result: submission.reply({ resetForm: true }), decided: true });
  } catch (error) {
    const { result, status } = replyWithError(submission, error, locale);
    return json({ appealId, result, decided: false }, { status });
  }
}

function AppealEntry({ appeal }: { appeal: SerializeFrom<AppealView> }) {
  const t = useT();
  const format = useFormat();
  const actionData = useActionData<typeof action>();
  const mine = actionData?.appealId === appeal.id ? actionData : undefined;
  const [form, fields] = useForm<{ appealId: string; outcome: string; reason: string }>({ id: `appeal-${appeal.id}`, lastResult: mine?.result });
  return (
    <li className="card card-body stack">
      <div className="row">
        <strong>{t(appeal.targetType === "post" ? "moderation.queue.post" : "moderation.queue.comment")}</strong>
        <Link to={`/u/${appeal.author.handle}`}>{appeal.author.displayName}</Link>
        <time dateTime={appeal.createdAt}>{format.dateTime(appeal.createdAt)}</time>
      </div>
      <dl className="token-meta">
        <dt>{t("moderation.appeals.decision")}</dt>
        <dd>
          {t(`moderation.action.${appeal.action}` as UiKey)} — {appeal.actionReason}
        </dd>
        <dt>{t("moderation.appeals.body")}</dt>
        <dd className="note-body">{appeal.body}</dd>
      </dl>
      {appeal.targetType === "post" ? <Link to={`/n/${appeal.targetId}`}>{t("moderation.queue.view")}</Link> : null}
      {mine?.decided ? <Toast>{t("moderation.appeals.decided")}</Toast> : null}
      <Form method="post" {...getFormProps(form)} className="form">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="appealId" value={appeal.id} />
        <TextareaField field={fields.reason} label={t("moderation.appeals.reason")} rows={2} maxLength={500} />
        <div className="row">
          <button type="submit" name="outcome" value="uphold" className="btn btn-secondary btn-small">
            {t("moderation.appeals.uphold")}
          </button>
          <button type="submit" name="outcome" value="overturn" className="btn btn-primary btn-small">
            {t("moderation.appeals.overturn")}
          </button>
        </div>
      </Form>
    </li>
  );
}

export default function ModerationAppeals() {
  const t = useT();
  const { items, nextCursor, paged } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <PageHeader title={t("moderation.appeals.title")}>{t("moderation.appeals.intro")}</PageHeader>
      {items.length === 0 ? (
        <EmptyState icon={<SproutIcon size={48} />} title={t("moderation.appeals.empty")}>
          {t("moderation.appeals.emptyBody")}
        </EmptyState>
      ) : (
        <ul className="stack" aria-label={t("moderation.appeals.title")}>
          {items.map((a) => (
            <AppealEntry key={a.id} appeal={a} />
          ))}
        </ul>
      )}
      <nav className="row">
        {paged ? <Link to="/ops/moderation/appeals">{t("moderation.queue.first")}</Link> : null}
        {nextCursor ? <Link to={`/ops/moderation/appeals?${new URLSearchParams({ cursor: nextCursor })}`}>{t("moderation.queue.next")}</Link> : null}
      </nav>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
