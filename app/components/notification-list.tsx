import { useRevalidator } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { useT } from "~/i18n";
import { getRealtime } from "~/utils/realtime.client";
import { NotificationItem, type NotificationRow } from "./notification-item";

const MINUTE = 60_000;

/**
 * The inbox rows, kept live on the first page: a pushed notification goes to the top, replacing the
 * row with the same id (an aggregated row that gained an actor, or a push repeated by a retry).
 * Relative times tick every minute from the server's "now", so the first render matches the HTML.
 */
export function NotificationList({
  items,
  live,
  now,
  empty,
}: {
  items: NotificationRow[];
  live: boolean;
  now: string;
  /** Shown while there are no rows; the first pushed notification replaces it. */
  empty?: ReactNode;
}) {
  const t = useT();
  const [rows, setRows] = useState(items);
  const [clock, setClock] = useState(() => new Date(now));
  const revalidator = useRevalidator();

  // Fresh loader data (after marking read, or a revalidation) is the server's word.
  useEffect(() => setRows(items), [items]);

  useEffect(() => {
    const timer = setInterval(() => setClock(new Date()), MINUTE);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (!live) return;
    const realtime = getRealtime();
    const off = realtime.on("notification:created", ({ notification }) => {
      setRows((current) => [notification, ...current.filter((row) => row.id !== notification.id)]);
      setClock(new Date());
    });
    // Pushes missed while disconnected are only in the database: read the page again.
    const offResync = realtime.onResync(() => revalidator.revalidate());
    return () => {
      off();
      offResync();
    };
  }, [live]); // eslint-disable-line react-hooks/exhaustive-deps

  if (rows.length === 0 && empty) return <>{empty}</>;
  return (
    <ul className="nt-list" aria-label={t("notifications.list.label")} aria-live="polite" data-testid="notification-list">
      {rows.map((n) => (
        <NotificationItem key={n.id} n={n} now={clock} />
      ))}
    </ul>
  );
}
