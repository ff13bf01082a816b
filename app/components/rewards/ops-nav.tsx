import { Link } from "@remix-run/react";
import { useT } from "~/i18n";

/** The two staff pages of the shop: items and the fulfilment queue. */
export function RewardsOpsNav({ current }: { current: "rewards" | "redemptions" }) {
  const t = useT();
  return (
    <nav className="settings-nav" aria-label={t("rewards.ops.title")}>
      <Link to="/ops/rewards" aria-current={current === "rewards" ? "page" : undefined}>
        {t("rewards.ops.nav.rewards")}
      </Link>
      <Link to="/ops/redemptions" aria-current={current === "redemptions" ? "page" : undefined}>
        {t("rewards.ops.nav.redemptions")}
      </Link>
    </nav>
  );
}
