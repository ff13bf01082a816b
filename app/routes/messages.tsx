import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { Toast } from "~/components/forms";
import { BellIcon } from "~/components/icons";
import type { NotificationRow } from "~/components/notification-item";
import { useLiveUnreadCount } from "~/components/notification-badge";
import { NotificationList } from "~/components/notification-list";
import notificationStyles from "~/components/notification-styles.css";
import { useT } from "~/i18n";
import { titleMeta } from "~/utils/meta";
import { listNotifications, listNotificationsInput, markNotificationsRead } from "~/utils/notifications.server";
import { safeRedirect } from "~/utils/redirect";
import { getUser, requireUser } from "~/utils/session.server";

/**
 * 消息: the member's notification inbox. Rows aggregate ("小红 和其他 12 人赞了你的笔记"), new ones
 * appear at the top as they are pushed, opening an unread row marks it read, and 全部已读 is a plain
 * form post — everything works before JavaScript loads. Visitors are asked to log in.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: notificationStyles }];

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "messages.title");

const PAGE_SIZE = 20;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const now = context.clock.now().toISOString();
  if (!user) return json({ signedIn: false as const, now });
  const query = listNotificationsInput.safeParse({ cursor: new URL(request.url).searchParams.get("cursor") ?? undefined });
  if (!query.success) throw json(null, { status: 400 });
  try {
    const page = await listNotifications(context, user.id, { ...query.data, limit: PAGE_SIZE });
    return json({ signedIn: true as const, now, page, paged: query.data.cursor !== undefined });
  } catch (e) {
    // A cursor that is not one of ours (edited by hand): a bad request, not a server error.
    if ((e as { code?: string }).code === "VALIDATION_FAILED") throw json(null, { status: 400 });
    throw e;
  }
}

const actionInput = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), id: z.uuid(), to: z.string().max(500) }),
  z.object({ intent: z.literal("readAll") }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const input = actionInput.safeParse(Object.fromEntries(await request.formData()));
  if (!input.success) return json({ ok: false as const }, { status: 422 });
  if (input.data.intent === "open") {
    // Someone else's id changes nothing (the domain function only touches the caller's rows).
    await markNotificationsRead(context, user.id, { ids: [input.data.id] });
    throw redirect(safeRedirect(input.data.to, "/messages"));
  }
  const { marked } = await markNotificationsRead(context, user.id, { all: true });
  return json({ ok: true as const, marked });
}

export default function Messages() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  // Live: follows pushes, and the server's count whenever the loaders run again.
  const unread = useLiveUnreadCount(data.signedIn);

  if (!data.signedIn) {
    return (
      <>
        <PageHeader title={t("messages.heading")} />
        <div className="card">
          <EmptyState
            icon={<BellIcon size={44} />}
            title={t("notifications.loggedOut.title")}
            actions={
              <Link to="/login?redirectTo=%2Fmessages" className="btn btn-primary">
                {t("auth.login")}
              </Link>
            }
          >
            {t("notifications.loggedOut.body")}
          </EmptyState>
        </div>
      </>
    );
  }

  const { page, paged, now } = data;
  // The loader's JSON is the NotificationView shape already (ids, strings, ISO dates).
  const items = page.items as unknown as NotificationRow[];
  const markingAll = navigation.state !== "idle" && navigation.formData?.get("intent") === "readAll";

  return (
    <>
      <PageHeader title={t("messages.heading")} />
      {result?.ok ? <Toast>{t("notifications.markedAllRead")}</Toast> : null}
      <div className="nt-toolbar">
        <span data-testid="unread-summary">{unread > 0 ? t("notifications.unreadSummary", { count: unread }) : null}</span>
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="readAll" />
            <button type="submit" className="btn btn-secondary btn-small" disabled={markingAll}>
              {t("notifications.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      <section className="card">
        <NotificationList
          items={items}
          live={!paged}
          now={now}
          empty={
            <EmptyState icon={<BellIcon size={44} />} title={t("notifications.empty.title")}>
              {t("notifications.empty.body")}
            </EmptyState>
          }
        />
      </section>
      <nav className="nt-pager">
        {paged ? <Link to="/messages">{t("notifications.backToNewest")}</Link> : null}
        {page.nextCursor ? (
          <Link to={`/messages?${new URLSearchParams({ cursor: page.nextCursor })}`} className="link">
            {t("notifications.more")}
          </Link>
        ) : items.length > 0 ? (
          <span>{t("notifications.end")}</span>
        ) : null}
      </nav>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
