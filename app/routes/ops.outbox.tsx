import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, Toast } from "~/components/forms";
import { SproutIcon } from "~/components/icons";
import { useFormat, useLocale, type Locale } from "~/i18n";
import { can, deliveryKey, listDeadDeliveries, retryAllDead, retryDeadDelivery } from "~/utils/jobs.server";
import { requireUser } from "~/utils/session.server";
import { isAppError } from "../../server/shared/errors";

/**
 * Staff page for outbox dead letters: deliveries that failed every attempt, with Retry per row and
 * Retry all. Plain form posts, so it works without JavaScript.
 */

// This page's strings live here, not in the UI catalogue, as only staff ever see them.
const TEXT = {
  "zh-CN": {
    title: "失败的事件投递",
    intro: "这些投递已用完所有重试次数。修复原因后，可以单独重试或全部重试。",
    empty: "没有失败的投递",
    emptyBody: "所有事件都已送达各个消费者。",
    consumer: "消费者",
    attempts: "尝试次数",
    diedAt: "最后失败时间",
    lastError: "最后错误",
    retry: "重试",
    retryAll: "全部重试",
    retried: "已重新排队，稍后投递。",
    retriedAll: (n: number) => `已重新排队 ${n} 条投递。`,
    next: "下一页",
    first: "回到第一页",
    gone: "这条投递已不再是失败状态（可能已被他人重试）。",
    invalid: "请求无效。",
  },
  en: {
    title: "Failed event deliveries",
    intro: "These deliveries used up every retry. Once the cause is fixed, retry them one by one or all at once.",
    empty: "No failed deliveries",
    emptyBody: "Every event has reached its consumers.",
    consumer: "Consumer",
    attempts: "Attempts",
    diedAt: "Last failed",
    lastError: "Last error",
    retry: "Retry",
    retryAll: "Retry all",
    retried: "Queued again; it will be delivered shortly.",
    retriedAll: (n: number) => `Queued ${n} deliveries again.`,
    next: "Next page",
    first: "Back to the first page",
    gone: "This delivery is no longer failed (someone may have retried it).",
    invalid: "Invalid request.",
  },
} satisfies Record<Locale, unknown>;

export const meta: MetaFunction = () => [{ title: "Outbox · Seedbed" }];

/** Signed-in staff and admins only: visitors are sent to log in, everyone else gets the 403 page. */
async function requireJobsManager(request: Request, context: LoaderFunctionArgs["context"]) {
  const user = await requireUser(request, context);
  if (!can(user, "manage:jobs:any")) throw json(null, { status: 403 });
  return user;
}

const pageQuery = z.object({ cursor: z.string().max(500).optional() });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireJobsManager(request, context);
  const query = pageQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw json(null, { status: 400 });
  try {
    const page = await listDeadDeliveries(context.db, { limit: 50, cursor: query.data.cursor });
    return json({
      items: page.items.map((d) => ({
        eventId: d.eventId,
        eventType: d.eventType,
        consumer: d.consumer,
        attempts: d.attempts,
        // The first line is the message; the stack is in the server log.
        lastError: d.lastError?.split("\n")[0] ?? "",
        diedAt: d.diedAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
      paged: query.data.cursor !== undefined,
    });
  } catch (e) {
    if (isAppError(e) && e.code === "VALIDATION_FAILED") throw json(null, { status: 400 });
    throw e;
  }
}

const actionInput = z.discriminatedUnion("intent", [
  deliveryKey.extend({ intent: z.literal("retry") }),
  z.object({ intent: z.literal("retryAll") }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireJobsManager(request, context);
  const input = actionInput.safeParse(Object.fromEntries(await request.formData()));
  if (!input.success) return json({ ok: false as const, error: "invalid" as const }, { status: 422 });
  const now = context.clock.now();

  if (input.data.intent === "retryAll") {
    const { count, retried } = await retryAllDead(context.db, { now });
    context.logger.info({ staffId: user.id, count, retried }, "staff retried all dead outbox deliveries");
    return json({ ok: true as const, retried: count, all: true });
  }
  try {
    const retried = await retryDeadDelivery(context.db, { ...input.data, now });
    context.logger.info({ staffId: user.id, ...retried }, "staff retried a dead outbox delivery");
    return json({ ok: true as const, retried: 1, all: false });
  } catch (e) {
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "CONFLICT")) {
      return json({ ok: false as const, error: "gone" as const }, { status: e.status });
    }
    if (isAppError(e) && e.code === "VALIDATION_FAILED") {
      return json({ ok: false as const, error: "invalid" as const }, { status: 422 });
    }
    throw e;
  }
}

export default function OutboxDeadLetters() {
  const locale = useLocale();
  const text = TEXT[locale];
  const format = useFormat();
  const { items, nextCursor, paged } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();

  return (
    <div className="stack">
      <PageHeader title={text.title}>{text.intro}</PageHeader>
      {result?.ok ? <Toast>{result.all ? text.retriedAll(result.retried) : text.retried}</Toast> : null}
      {result && !result.ok ? <FormErrors errors={[result.error === "gone" ? text.gone : text.invalid]} /> : null}

      {items.length === 0 ? (
        <EmptyState icon={<SproutIcon size={48} />} title={text.empty}>
          {text.emptyBody}
        </EmptyState>
      ) : (
        <>
          <Form method="post" className="row">
            <input type="hidden" name="intent" value="retryAll" />
            <button type="submit" className="btn btn-primary">
              {text.retryAll}
            </button>
          </Form>
          {/* The settings token list's record styles: a title line and a label/value grid per row. */}
          <section className="card">
            <ul className="token-list" aria-label={text.title}>
              {items.map((d) => (
                <li key={`${d.eventId}:${d.consumer}`} className="token-item">
                  <span className="token-name mono">
                    #{d.eventId} {d.eventType}
                  </span>
                  <dl className="token-meta">
                    <dt>{text.consumer}</dt>
                    <dd className="mono">{d.consumer}</dd>
                    <dt>{text.attempts}</dt>
                    <dd>{d.attempts}</dd>
                    <dt>{text.diedAt}</dt>
                    <dd>
                      <time dateTime={d.diedAt}>{format.dateTime(d.diedAt)}</time>
                    </dd>
                    <dt>{text.lastError}</dt>
                    <dd className="mono">{d.lastError}</dd>
                  </dl>
                  <Form method="post">
                    <input type="hidden" name="intent" value="retry" />
                    <input type="hidden" name="eventId" value={d.eventId} />
                    <input type="hidden" name="consumer" value={d.consumer} />
                    <button type="submit" className="btn btn-secondary btn-small">
                      {text.retry}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
      <nav className="row">
        {paged ? <Link to="/ops/outbox">{text.first}</Link> : null}
        {nextCursor ? <Link to={`/ops/outbox?${new URLSearchParams({ cursor: nextCursor })}`}>{text.next}</Link> : null}
      </nav>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
