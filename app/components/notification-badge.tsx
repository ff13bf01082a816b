import { useRevalidator, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useState, type ComponentType } from "react";
import { useT } from "~/i18n";
import { getRealtime } from "~/utils/realtime.client";
import type { loader as rootLoader } from "~/root";

/**
 * The signed-in member's unread count, kept live: it starts from the root loader's count, follows
 * every `notification:created` push (which carries the new count), and re-syncs from the server
 * whenever the loaders run again (after marking read) or the socket reconnects (pushes may have been
 * missed while it was away).
 */
export function useLiveUnreadCount(signedIn: boolean): number {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const fromServer = root?.unreadCount ?? 0;
  const [count, setCount] = useState(fromServer);
  const revalidator = useRevalidator();

  // A new root payload (each load is a new object) is the server's word; it replaces pushed counts.
  useEffect(() => setCount(fromServer), [root]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!signedIn) return;
    const realtime = getRealtime();
    const off = realtime.on("notification:created", (payload) => setCount(payload.unreadCount));
    const offResync = realtime.onResync(() => revalidator.revalidate());
    return () => {
      off();
      offResync();
    };
    // The revalidator's identity changes with its state; subscribing once per sign-in is enough.
  }, [signedIn]); // eslint-disable-line react-hooks/exhaustive-deps

  return signedIn ? count : 0;
}

/** The label of the 消息 tab: "消息，3 条未读" while anything is unread, else just "消息". */
export function useMessagesTabLabel(count: number): string | undefined {
  const t = useT();
  return count > 0 ? t("notifications.badge.label", { count }) : undefined;
}

/**
 * The red count on the 消息 tab. Decorative for assistive technology: the tab link itself carries the
 * accessible name ("消息，3 条未读"), so the number is not read twice.
 */
export function UnreadBadge({ count, testId }: { count: number; testId: string }) {
  if (count <= 0) return null;
  return (
    <span
      data-testid={testId}
      aria-hidden="true"
      style={{
        position: "absolute",
        top: -6,
        left: "60%",
        minWidth: 18,
        height: 18,
        padding: "0 5px",
        borderRadius: 999,
        background: "var(--accent)",
        color: "var(--accent-contrast)",
        fontSize: 11,
        fontWeight: 700,
        lineHeight: "18px",
        textAlign: "center",
        boxShadow: "0 0 0 2px var(--surface)",
        pointerEvents: "none",
      }}
    >
      {count > 99 ? "99+" : count}
    </span>
  );
}

/** A tab's icon with the unread badge pinned to its top right corner. */
export function UnreadTabIcon({
  Icon,
  size,
  count,
  testId,
}: {
  Icon: ComponentType<{ size?: number }>;
  size?: number;
  count: number;
  testId: string;
}) {
  return (
    <span style={{ position: "relative", display: "inline-flex" }}>
      <Icon size={size} />
      <UnreadBadge count={count} testId={testId} />
    </span>
  );
}
