// Recruitment (达人招募): the candidate finder, invitations to apply and the funnel.
export { listCreatorCandidates, RECRUIT_PERMISSION } from "./list-candidates";
export { inviteCandidate, CREATOR_INVITED } from "./invite-candidate";
export { recruitmentFunnel } from "./funnel";
export { recruitmentConsumers } from "./consumers";
export { recruitmentOperations } from "./api";
export { listCandidatesQuerySchema, inviteSchema, type CandidateView, type FunnelView, type InviteInput } from "./schemas";
