import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useRef } from "react";
import { useT } from "~/i18n";
import type { IntentResult } from "~/utils/feed.server";
import { FlagIcon } from "./feed-icons";
import { useToast } from "./feed-toast";

const REASONS = ["spam", "offensive", "fraud", "illegal", "privacy", "other"] as const;

/**
 * "举报": a disclosure with a reason select and an optional note. A plain `<details>` and form, so it
 * opens and submits without JavaScript too; with it, the result arrives as a toast and the menu closes.
 */
export function ReportMenu({ targetType, targetId, compact = false }: { targetType: "post" | "comment"; targetId: string; compact?: boolean }) {
  const t = useT();
  const id = useId();
  const fetcher = useFetcher<IntentResult>();
  const notify = useToast();
  const details = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data || fetcher.data.intent !== "report") return;
    if (fetcher.data.ok) {
      notify(t("feed.report.done"));
      if (details.current) details.current.open = false;
    } else {
      notify(fetcher.data.error, "error");
    }
  }, [fetcher.state, fetcher.data, notify, t]);

  return (
    <details className="menu report-menu" ref={details}>
      <summary className={compact ? "menu-trigger menu-trigger-text" : "menu-trigger"} aria-label={compact ? undefined : t("feed.report.open")}>
        {compact ? t("feed.report.open") : <FlagIcon size={20} />}
      </summary>
      <div className="menu-panel">
        <fetcher.Form method="post" className="form report-form">
          <input type="hidden" name="intent" value="report" />
          <input type="hidden" name="targetType" value={targetType} />
          <input type="hidden" name="targetId" value={targetId} />
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t("feed.report.reason")}</label>
            <select id={`${id}-reason`} name="reason" className="select" required defaultValue="spam">
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`feed.report.reason.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-detail`}>{t("feed.report.detail")}</label>
            <textarea id={`${id}-detail`} name="detail" className="textarea textarea-short" maxLength={500} rows={2} />
          </div>
          <button type="submit" className="btn btn-primary btn-block" disabled={fetcher.state !== "idle"}>
            {t("feed.report.submit")}
          </button>
        </fetcher.Form>
      </div>
    </details>
  );
}
