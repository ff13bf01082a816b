import { Link } from "@remix-run/react";
import { useFormat, useT } from "~/i18n";
import { BadgeMedal } from "./badge-medal";
import { useBadgeName } from "./badge-text";

export interface WallBadge {
  grantId: string;
  badge: { slug: string; nameZh: string; nameEn: string; icon: string; tier: "bronze" | "silver" | "gold"; certificate: boolean };
  seq: number;
  grantedAt: string;
  certificateCode: string;
}

/**
 * A profile's badge wall: each badge once (a badge held several times shows ×n), gold first, in tier
 * colours. A certificate badge opens its certificate; the others open the badge's page.
 */
export function BadgeWall({ grants, isMe }: { grants: WallBadge[]; isMe: boolean }) {
  const t = useT();
  const format = useFormat();
  const nameOf = useBadgeName();
  const order = { gold: 0, silver: 1, bronze: 2 } as const;
  const bySlug = new Map<string, { grant: WallBadge; times: number }>();
  for (const g of grants) {
    const seen = bySlug.get(g.badge.slug);
    if (seen) seen.times++;
    else bySlug.set(g.badge.slug, { grant: g, times: 1 });
  }
  const items = [...bySlug.values()].sort((a, b) => order[a.grant.badge.tier] - order[b.grant.badge.tier]);
  return (
    <section className="badge-wall card card-body" aria-labelledby="badge-wall-title">
      <div className="badge-wall-head">
        <h2 id="badge-wall-title">
          {t("badges.wall.title")} <span className="badge-wall-count">{format.count(items.length)}</span>
        </h2>
        <Link to="/badges" className="badge-wall-all">
          {t("badges.wall.all")}
        </Link>
      </div>
      {items.length === 0 ? (
        <p className="muted">{isMe ? t("badges.wall.emptyMine") : t("badges.wall.empty")}</p>
      ) : (
        <ul className="badge-wall-list">
          {items.map(({ grant, times }) => (
            <li key={grant.badge.slug} className={`badge-wall-item badge-tier-${grant.badge.tier}`}>
              <Link
                to={grant.badge.certificate ? `/certificates/${grant.certificateCode}` : `/badges/${grant.badge.slug}`}
                aria-label={grant.badge.certificate ? t("badges.wall.certificate", { name: nameOf(grant.badge) }) : undefined}
                title={`${nameOf(grant.badge)} · ${format.date(grant.grantedAt)}`}
              >
                <BadgeMedal icon={grant.badge.icon} tier={grant.badge.tier} size={52} />
                <span className="badge-wall-name">{nameOf(grant.badge)}</span>
                {times > 1 ? <span className="badge-wall-times">×{times}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
