/**
 * Distribution links as the web UI uses them. Routes import server code only through `.server`
 * modules so none of it can reach the browser bundle.
 */
export {
  archiveDistributionLink,
  attributionSettingsInputSchema,
  createDistributionLink,
  createLinkSchema,
  getDistributionLink,
  listDistributionLinks,
  readAttributionSettings,
  renderLinkPoster,
  renderLinkQr,
  updateAttributionSettings,
  type LinkDetail,
  type LinkView,
} from "../../../server/distribution/links";
export { hasDistributionRights } from "../../../server/distribution/rights/has-distribution-rights";
export { requireStaff } from "~/utils/content.server";

/** The origin shared links are printed with when PUBLIC_URL isn't set: the one this request came in on. */
export const requestOrigin = (request: Request) => new URL(request.url).origin;
