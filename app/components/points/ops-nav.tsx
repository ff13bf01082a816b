import { Link } from "@remix-run/react";
import { useT } from "~/i18n";

/** Tabs between the two staff editors of this area. */
export function PointsOpsNav({ current }: { current: "points" | "levels" }) {
  const t = useT();
  return (
    <nav className="settings-nav" aria-label={t("points.ops.nav.label")}>
      <Link to="/ops/points" aria-current={current === "points" ? "page" : undefined}>
        {t("points.ops.nav.points")}
      </Link>
      <Link to="/ops/levels" aria-current={current === "levels" ? "page" : undefined}>
        {t("points.ops.nav.levels")}
      </Link>
    </nav>
  );
}
