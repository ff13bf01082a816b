/**
 * The badges area as the web UI uses it (badge pages, certificates, the profile's badge wall and
 * level, the staff page). Routes import server code only through `.server` modules so none of it can
 * reach the browser bundle.
 */
import type { AppLoadContext } from "@remix-run/node";
import { currentLevelOf, levelProgress, listLevels } from "../../../server/gamification/points";
import { balanceOf, userAccount } from "../../../server/ledger";

export {
  createBadge,
  updateBadge,
  listAllBadges,
  grantBadgeByStaff,
  revokeBadge,
  listRecentGrants,
  listBadges,
  getBadge,
  listUserBadges,
  getCertificate,
  renderCertificatePng,
  formatCertificateCode,
  BADGE_STAFF_PERMISSION,
  type BadgeView,
  type BadgeDetail,
  type UserBadge,
  type CertificateView,
  type RecentGrant,
} from "../../../server/gamification/badges";

export interface LevelStanding {
  level: number;
  nameZh: string;
  nameEn: string;
  growth: number;
  /** The growth this level starts at and the next one's threshold (null at the top level). */
  floor: number;
  next: { level: number; nameZh: string; nameEn: string; minGrowth: number } | null;
}

/** A member's level and how far their growth is toward the next one, for the profile header. */
export async function levelStandingOf(context: AppLoadContext, userId: string): Promise<LevelStanding> {
  const [table, current, growth] = await Promise.all([
    listLevels(context.db),
    currentLevelOf(context.db, userId),
    balanceOf(context.db, userAccount(userId, "growth")),
  ]);
  // The same reading of the level table as the 我 page and /levels (points' levelProgress).
  const p = levelProgress(table, growth, current.level);
  return {
    level: p.level,
    nameZh: p.nameZh || `V${p.level}`,
    nameEn: p.nameEn || `V${p.level}`,
    growth,
    floor: p.levelAt,
    next:
      p.nextLevel !== null && p.nextLevelAt !== null
        ? { level: p.nextLevel, nameZh: p.nextNameZh ?? "", nameEn: p.nextNameEn ?? "", minGrowth: p.nextLevelAt }
        : null,
  };
}
