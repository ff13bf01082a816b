/**
 * Creator applications and recruitment as the web UI uses them. Routes import server code only through
 * `.server` modules, so none of it can reach the browser bundle.
 */
export {
  applyAsCreator,
  decideCreatorApplication,
  getCreatorApplicationForStaff,
  getMyCreatorApplication,
  listCreatorApplications,
  listPiiAccess,
  type ApplicationView,
  type ApplyInput,
  type DecideInput,
} from "../../../server/creators/applications";
export { inviteCandidate, listCreatorCandidates, recruitmentFunnel, type CandidateView, type FunnelView } from "../../../server/creators/recruitment";
export { listCategories } from "../../../server/content/list-categories";
export { requireStaff } from "~/utils/content.server";
