// Distribution links and attribution (分销链接): what other areas and contexts may use.
export { createDistributionLink } from "./create-link";
export { archiveDistributionLink } from "./archive-link";
export { findOwnLink, getDistributionLink, listDistributionLinks } from "./list-links";
export { renderLinkPoster, renderLinkQr } from "./link-images";
export { linkViewOf, shareOrigin, targetPath } from "./views";
export {
  CLICK_CHART_DAYS,
  LINK_TARGET_TYPES,
  createLinkSchema,
  listLinksQuerySchema,
  type CreateLinkInput,
  type LinkDayPoint,
  type LinkDetail,
  type LinkStats,
  type LinkTargetType,
  type LinkView,
} from "./schemas";
export { bindVisitor } from "../attribution/bind-visitor";
export { readVisitorId, visitorCookie, VISITOR_COOKIE_NAME } from "../attribution/visitor-cookie";
export { recordClick, hashIp, CLICK_DEDUPE_MS } from "../attribution/record-click";
export { resolveAttribution, ATTRIBUTION_SETTINGS_KEY, type Attribution } from "../attribution/resolve-attribution";
export { readAttributionSettings, updateAttributionSettings, attributionSettingsInputSchema, type AttributionSettingsInput } from "../attribution/attribution-settings";
