/** A creator signed with an MCN (accepted its invitation). */
export const MCN_CONTRACT_SIGNED = "creators.contract.signed";
/** A contract ended (its notice ran out, or its end date came). */
export const MCN_CONTRACT_ENDED = "creators.contract.ended";
/** One side gave notice: the contract is `ending`. */
export const MCN_CONTRACT_NOTICE = "creators.contract.noticeGiven";
/** An MCN invited a creator. */
export const MCN_INVITED = "creators.mcn.invited";

export interface McnContractPayload extends Record<string, unknown> {
  contractId: string;
  mcnId: string;
  creatorId: string;
  shareBp: number;
  endsAt: string;
}
