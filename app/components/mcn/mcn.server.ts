/**
 * MCNs and creator tiers as the web UI uses them. Routes import server code only through `.server`
 * modules, so none of it can reach the browser bundle.
 */
export {
  acceptMcnInvitation,
  createMcn,
  declineMcnInvitation,
  getMcnRoster,
  getMyCreatorTier,
  getMyMcn,
  getTierSettings,
  giveContractNotice,
  inviteToMcn,
  listMcnPayouts,
  requestMcnPayout,
  listMyMcnInvitations,
  updateTierSettings,
  type ContractView,
  type InvitationView,
  type McnRoster,
  type MyTierView,
  type TierSettings,
} from "../../../server/creators";
export { requireStaff } from "~/utils/content.server";
export { requireUser } from "~/utils/session.server";
