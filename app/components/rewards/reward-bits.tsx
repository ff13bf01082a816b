import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useFormat, useT, type TFunction } from "~/i18n";
import type { RedemptionView, RewardView } from "../../../server/gamification/rewards/schemas";

export type RewardItem = SerializeFrom<RewardView>;
export type RedemptionItem = SerializeFrom<RedemptionView>;

/** What stops the member, in words ("还差 120 积分", "需要 V3 等级"), or "可兑换". */
export function blockerText(t: TFunction, item: RewardItem): string | null {
  const v = item.viewer;
  if (!v) return null;
  switch (v.blocker) {
    case null:
      return t("rewards.canRedeem");
    case "level":
      return t("rewards.blocker.level", { level: item.minLevel });
    case "points":
      return t("rewards.blocker.points", { points: v.pointsShort });
    default:
      return t(`rewards.blocker.${v.blocker}`);
  }
}

/** Price, stock, limits and window as short chips. */
export function RewardFacts({ item }: { item: RewardItem }) {
  const t = useT();
  const format = useFormat();
  const now = Date.now();
  return (
    <ul className="rw-facts" aria-label={item.title}>
      <li className="rw-price">{t("rewards.price", { points: format.count(item.pointsPrice) })}</li>
      <li>{item.stock > 0 ? t("rewards.stockLeft", { stock: item.stock }) : t("rewards.soldOut")}</li>
      {item.perUserLimit !== null ? <li>{t("rewards.perUser", { limit: item.perUserLimit })}</li> : null}
      {item.minLevel > 1 ? <li>{t("rewards.minLevel", { level: item.minLevel })}</li> : null}
      {item.startsAt && Date.parse(item.startsAt) > now ? <li>{t("rewards.opensAt", { time: format.dateTime(item.startsAt) })}</li> : null}
      {item.endsAt ? <li>{t("rewards.endsAt", { time: format.dateTime(item.endsAt) })}</li> : null}
    </ul>
  );
}

/** One tile of the shelf: image, title, facts, and what the signed-in member can do about it. */
export function RewardCard({ item }: { item: RewardItem }) {
  const t = useT();
  const status = blockerText(t, item);
  const ok = item.viewer?.canRedeem ?? false;
  return (
    <li className="rw-card">
      <Link to={`/rewards/${item.id}`} className="rw-card-link">
        <div className="rw-image" aria-hidden="true">
          {item.imageUrl ? <img src={item.imageUrl} alt="" loading="lazy" /> : <span className="rw-image-fallback">{item.title.slice(0, 2)}</span>}
          {item.stock <= 0 ? <span className="rw-ribbon">{t("rewards.soldOut")}</span> : null}
        </div>
        <div className="rw-card-body">
          <span className="chip chip-muted">{t(`rewards.kind.${item.kind}`)}</span>
          <h2 className="rw-card-title">{item.title}</h2>
          <RewardFacts item={item} />
          {status ? <p className={ok ? "rw-status rw-status-ok" : "rw-status"}>{status}</p> : null}
        </div>
      </Link>
    </li>
  );
}

export function StatusChip({ status }: { status: RedemptionItem["status"] }) {
  const t = useT();
  return <span className={`rw-state rw-state-${status}`}>{t(`rewards.status.${status}`)}</span>;
}

/** Inline field errors for hand-built forms (the staff and redeem forms). */
export function FieldErrorList({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}
