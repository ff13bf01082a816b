import { Link } from "@remix-run/react";
import { useT } from "~/i18n";

/** The staff pages of distribution rights, membership plans and fraud flags. */
export function RightsOpsNav({ current }: { current: "membership" | "eligibility" | "fraud" }) {
  const t = useT();
  const links = [
    { key: "membership", to: "/ops/membership", label: t("ops.nav.membership") },
    { key: "eligibility", to: "/ops/distribution-rights", label: t("ops.nav.eligibility") },
    { key: "fraud", to: "/ops/fraud", label: t("ops.nav.fraud") },
  ] as const;
  return (
    <nav className="settings-nav" aria-label={t("rights.title")}>
      {links.map((l) => (
        <Link key={l.key} to={l.to} aria-current={current === l.key ? "page" : undefined}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
