// MCN organisations: creation, invitations, contracts with notice, roster (see ../index.ts).
export { createMcn } from "./create-mcn";
export { inviteToMcn } from "./invite-to-mcn";
export { acceptMcnInvitation, declineMcnInvitation } from "./respond-to-invitation";
export { giveContractNotice, endDueContracts } from "./give-contract-notice";
export { getMcnRoster, type McnRoster, type RosterRow } from "./get-mcn-roster";
export { getMyMcn, listMyMcnInvitations } from "./list-mine";
export { contractInForce } from "./contract-in-force";
export { listMcnPayouts, requestMcnPayout } from "./request-mcn-payout";
export { findMyMcnId } from "./access";
export { mcnOperations } from "./api";
export { mcnSchedules } from "./schedules";
export { mcnConsumers, notifyMcnContract, notifyMcnInvitation } from "./consumers";
export { MCN_CONTRACT_ENDED, MCN_CONTRACT_NOTICE, MCN_CONTRACT_SIGNED, MCN_INVITED } from "./events";
export {
  INVITATION_DAYS,
  MAX_SHARE_BP,
  NOTICE_DAYS,
  createMcnSchema,
  giveNoticeSchema,
  inviteToMcnSchema,
  type ContractView,
  type CreateMcnInput,
  type GiveNoticeInput,
  type InvitationView,
  type InviteToMcnInput,
  type McnView,
} from "./schemas";
