import { Link } from "@remix-run/react";
import { useFormat, useT } from "~/i18n";
import type { LedgerLine } from "./points.server";

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/**
 * One ledger line in human words: "发布笔记 +10", the note it was about, growth and pending deltas,
 * and, for an award that paid nothing, that the daily cap was reached.
 */
function LedgerRow({ line }: { line: LedgerLine }) {
  const t = useT();
  const format = useFormat();
  const amount = line.points !== 0 ? line.points : line.pendingPoints;
  return (
    <li className="pt-line" data-testid="ledger-line">
      <span className="pt-line-reason">{line.reasonText}</span>
      <span className={`pt-line-amount ${amount > 0 ? "pt-plus" : amount < 0 ? "pt-minus" : ""}`}>
        {signed(amount)}
      </span>
      <span className="pt-line-meta">
        <time dateTime={line.occurredAt}>{format.dateTime(line.occurredAt)}</time>
        {line.post ? (
          <Link to={`/n/${line.post.id}`}>{t("points.ledger.about", { title: line.post.title })}</Link>
        ) : null}
        {line.growth !== 0 ? <span>{t("points.ledger.growthDelta", { delta: signed(line.growth) })}</span> : null}
        {line.pendingPoints !== 0 && line.points !== 0 ? <span>{t("points.ledger.pendingDelta", { delta: signed(line.pendingPoints) })}</span> : null}
        {line.capped ? <span className="pt-capped">{line.growth > 0 ? t("points.ledger.cappedGrowth") : t("points.ledger.capped")}</span> : null}
      </span>
    </li>
  );
}

export function LedgerList({ items }: { items: LedgerLine[] }) {
  const t = useT();
  return (
    <ul className="card pt-ledger" aria-label={t("points.ledger.list")}>
      {items.map((line) => (
        <LedgerRow key={line.id} line={line} />
      ))}
    </ul>
  );
}
