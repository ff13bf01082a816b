// The badges area of gamification: what other areas and contexts may use (see ../index.ts).
export { ensureDefaultBadges, DEFAULT_BADGES, type DefaultBadge } from "./ensure-default-badges";
export { backfillBadges } from "./backfill";
export { evaluateChallengeBadges, evaluateCounterBadges, evaluateStreakBadges } from "./evaluate";
export { grantBadgeOnce, grantKey, type GrantRow } from "./grant-badge";
export { BADGE_EVENTS, type BadgeGrantedPayload } from "./badge-rows";
export { listBadges, getBadge, listUserBadges } from "./read-badges";
export { createBadge, updateBadge, listAllBadges, BADGE_STAFF_PERMISSION } from "./manage-badges";
export { grantBadgeByStaff, revokeBadge, listRecentGrants, type RecentGrant } from "./staff-grants";
export { getCertificate, renderCertificatePng, certificateSvg, CERTIFICATE_WIDTH, CERTIFICATE_HEIGHT } from "./certificates";
export { formatCertificateCode } from "./certificate-code";
export { BADGE_ICONS, BADGE_ICON_NAMES, TIER_COLOURS, badgeIconPaths, type BadgeIconName } from "./icons";
export {
  BADGE_COUNTERS,
  BADGE_CRITERION_TYPES,
  createBadgeSchema,
  updateBadgeSchema,
  grantBadgeSchema,
  revokeBadgeSchema,
  badgeViewSchema,
  userBadgeSchema,
  certificateSchema,
  type BadgeCounter,
  type BadgeView,
  type BadgeProgress,
  type BadgeSummary,
  type BadgeDetail,
  type BadgeHolder,
  type UserBadge,
  type GrantView,
  type CertificateView,
  type CreateBadgeInput,
  type UpdateBadgeInput,
  type GrantBadgeInput,
  type RevokeBadgeInput,
} from "./schemas";
