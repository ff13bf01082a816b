import { getFormProps, useForm } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, TextareaField, Toast } from "~/components/forms";
import { SproutIcon } from "~/components/icons";
import { useFormat, useT, type UiKey } from "~/i18n";
import { listModerationQueue, moderate, moderateSchema, requireStaff, type QueueItem } from "~/utils/content.server";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { resolveLocale } from "~/utils/locale.server";
import { isAppError } from "../../server/shared/errors";

/**
 * The staff review queue: reported notes and comments grouped with counts by reason, and notes the
 * keyword filter held. Each item has a reason box and the actions that fit its state; plain form
 * posts, so it works without JavaScript.
 */

const pageQuery = z.object({ cursor: z.string().max(500).optional() });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const query = pageQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw json(null, { status: 400 });
  try {
    const page = await listModerationQueue(context, user, { cursor: query.data.cursor, limit: 20 });
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
  const targetId = String(formData.get("targetId") ?? "");
  const submission = parseForm(formData, moderateSchema, locale);
  if (submission.status !== "success") return json({ targetId, result: submission.reply(), decided: false }, { status: 422 });
  try {
    await moderate(context, user, submission.value);
    return json({ targetId, result: submission.reply({ resetForm: true }), decided: true });
  } catch (error) {
    const { result, status } = replyWithError(submission, error, locale);
    return json({ targetId, result, decided: false }, { status });
  }
}

/** The actions that apply to a target in its current state (the server checks again). */
function actionsFor(item: SerializeFrom<QueueItem>): ("hide" | "remove" | "restore" | "approve" | "dismiss")[] {
  const status = item.target.status;
  if (status === "held") return ["approve", "hide", "remove"];
  if (status === "hidden") return ["restore", "remove", "dismiss"];
  if (status === "removed") return ["restore", "dismiss"];
  return ["hide", "remove", "dismiss"];
}

function QueueEntry({ item }: { item: SerializeFrom<QueueItem> }) {
  const t = useT();
  const format = useFormat();
  const actionData = useActionData<typeof action>();
  const mine = actionData?.targetId === item.targetId ? actionData : undefined;
  const [form, fields] = useForm<{ targetType: string; targetId: string; action: string; reason: string }>({ id: `decide-${item.targetId}`, lastResult: mine?.result });
  const status = `moderation.status.${item.target.status}` as UiKey;
  return (
    <li className="card card-body stack">
      <div className="row">
        <strong>{t(item.targetType === "post" ? "moderation.queue.post" : "moderation.queue.comment")}</strong>
        {item.held ? <span className="chip">{t("moderation.queue.held")}</span> : null}
        {item.reportCount > 0 ? <span className="chip">{t("moderation.queue.reports", { count: item.reportCount })}</span> : null}
      </div>
      {item.target.title ? <h3>{item.target.title}</h3> : null}
      <p className="note-body">{item.target.excerpt}</p>
      <dl className="token-meta">
        <dt>{t("moderation.queue.by")}</dt>
        <dd>
          <Link to={`/u/${item.target.author.handle}`}>{item.target.author.displayName}</Link> @{item.target.author.handle}
        </dd>
        <dt>{t("moderation.queue.status")}</dt>
        <dd>{t(status)}</dd>
        <dt>{t("moderation.queue.since")}</dt>
        <dd>
          <time dateTime={item.since}>{format.dateTime(item.since)}</time>
        </dd>
        {item.reasons.length > 0 ? (
          <>
            <dt>{t("moderation.queue.reasons")}</dt>
            <dd>{item.reasons.map((r) => `${t(`moderation.reason.${r.reason}` as UiKey)} × ${r.count}`).join("，")}</dd>
          </>
        ) : null}
        {item.target.holdReason ? (
          <>
            <dt>{t("moderation.queue.held")}</dt>
            <dd className="mono">{item.target.holdReason}</dd>
          </>
        ) : null}
      </dl>
      {item.details.length > 0 ? (
        <ul>
          {item.details.map((d, i) => (
            <li key={i} className="note-body">
              “{d}”
            </li>
          ))}
        </ul>
      ) : null}
      <Link to={`/n/${item.target.postId}`}>{t("moderation.queue.view")}</Link>
      {mine?.decided ? <Toast>{t("moderation.queue.decided")}</Toast> : null}
      <Form method="post" {...getFormProps(form)} className="form">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="targetType" value={item.targetType} />
        <input type="hidden" name="targetId" value={item.targetId} />
        <TextareaField field={fields.reason} label={t("moderation.queue.reason")} rows={2} maxLength={500} />
        <div className="row">
          {actionsFor(item).map((a) => (
            <button key={a} type="submit" name="action" value={a} className={a === "remove" ? "btn btn-primary btn-small" : "btn btn-secondary btn-small"}>
              {t(`moderation.action.${a}` as UiKey)}
            </button>
          ))}
        </div>
      </Form>
    </li>
  );
}

export default function ModerationQueue() {
  const t = useT();
  const { items, nextCursor, paged } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <PageHeader title={t("moderation.queue.title")}>{t("moderation.queue.intro")}</PageHeader>
      {items.length === 0 ? (
        <EmptyState icon={<SproutIcon size={48} />} title={t("moderation.queue.empty")}>
          {t("moderation.queue.emptyBody")}
        </EmptyState>
      ) : (
        <ul className="stack" aria-label={t("moderation.queue.title")}>
          {items.map((item) => (
            <QueueEntry key={`${item.targetType}:${item.targetId}`} item={item} />
          ))}
        </ul>
      )}
      <nav className="row">
        {paged ? <Link to="/ops/moderation">{t("moderation.queue.first")}</Link> : null}
        {nextCursor ? <Link to={`/ops/moderation?${new URLSearchParams({ cursor: nextCursor })}`}>{t("moderation.queue.next")}</Link> : null}
      </nav>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
