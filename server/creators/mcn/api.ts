import { z } from "zod";
import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { createMcn } from "./create-mcn";
import { getMcnRoster } from "./get-mcn-roster";
import { giveContractNotice } from "./give-contract-notice";
import { inviteToMcn } from "./invite-to-mcn";
import { getMyMcn, listMyMcnInvitations } from "./list-mine";
import { acceptMcnInvitation, declineMcnInvitation } from "./respond-to-invitation";
import { listMcnPayouts, requestMcnPayout } from "./request-mcn-payout";
import { requestPayoutSchema } from "../../distribution/payouts/schemas";
import { contractViewSchema, createMcnSchema, giveNoticeSchema, idSchema, invitationViewSchema, inviteToMcnSchema, mcnViewSchema } from "./schemas";

const tags = ["mcn"];

/** MCN organisations over /api/v1: admins create and invite, creators sign and give notice. */
export const mcnOperations: ApiOperation[] = [
  defineOperation({
    operationId: "createMcn",
    method: "post",
    path: "/mcns",
    summary: "Create the caller's MCN organisation (MCN admins; one each)",
    description: "Names are unique regardless of case (409 `name`); a second MCN for the same admin is a 409.",
    tags,
    auth: "create:mcn:own",
    body: createMcnSchema,
    response: z.object({ mcn: mcnViewSchema }),
    successStatus: 201,
    errorStatuses: [409],
    handler: async ({ ctx, user, body }) => ({ mcn: await createMcn(ctx, user, body) }),
  }),
  defineOperation({
    operationId: "getMyMcn",
    method: "get",
    path: "/me/mcn",
    summary: "The MCN the caller administers, or null",
    tags,
    auth: "user",
    response: z.object({ mcn: mcnViewSchema.nullable() }),
    handler: async ({ ctx, user }) => ({ mcn: await getMyMcn(ctx, user) }),
  }),
  defineOperation({
    operationId: "inviteToMcn",
    method: "post",
    path: "/mcns/:mcnId/invitations",
    summary: "Invite a creator (by handle) to a contract with the MCN",
    description:
      "`shareBp` is the MCN's share of each of the creator's commissions (1–9000 basis points); `startsOn`/`endsOn` are platform-local dates. " +
      "Only the MCN's own admins may invite (anyone else: 404). One open invitation per creator and MCN (409).",
    tags,
    auth: "invite:creator:own",
    params: z.object({ mcnId: idSchema }),
    body: inviteToMcnSchema,
    response: z.object({ invitation: invitationViewSchema }),
    successStatus: 201,
    errorStatuses: [404, 409],
    handler: async ({ ctx, user, params, body }) => ({ invitation: await inviteToMcn(ctx, user, params.mcnId, body) }),
  }),
  defineOperation({
    operationId: "getMcnRoster",
    method: "get",
    path: "/mcns/:mcnId/roster",
    summary: "The MCN's signed creators with 30-day performance, open invitations and balance",
    description: "Visible to the MCN's own admins, platform admins and staff who review payouts; anyone else gets 404. Commission and MCN share are net of refunds.",
    tags,
    auth: "user",
    params: z.object({ mcnId: idSchema }),
    response: z.object({
      mcn: mcnViewSchema,
      rows: z.array(
        z.object({
          contract: contractViewSchema,
          posts: z.number().int(),
          followers: z.number().int(),
          gmvCents: z.number().int(),
          orders: z.number().int(),
          commissionCents: z.number().int(),
          mcnShareCents: z.number().int(),
        }),
      ),
      invitations: z.array(invitationViewSchema),
      pendingCents: z.number().int(),
      earningsCents: z.number().int(),
      history: z.array(contractViewSchema),
    }),
    errorStatuses: [404],
    handler: ({ ctx, user, params }) => getMcnRoster(ctx, user, params.mcnId),
  }),
  defineOperation({
    operationId: "listMyMcnInvitations",
    method: "get",
    path: "/me/mcn-invitations",
    summary: "Invitations addressed to the caller and their MCN contracts",
    tags,
    auth: "user",
    response: z.object({ invitations: z.array(invitationViewSchema), contracts: z.array(contractViewSchema) }),
    handler: ({ ctx, user }) => listMyMcnInvitations(ctx, user),
  }),
  defineOperation({
    operationId: "acceptMcnInvitation",
    method: "post",
    path: "/me/mcn-invitations/:invitationId/accept",
    summary: "Sign the contract an MCN offered",
    description: "One MCN at a time: a creator with a live contract (or a racing second accept) gets 409. Someone else's invitation is 404.",
    tags,
    auth: "accept:mcnInvitation:own",
    params: z.object({ invitationId: idSchema }),
    response: z.object({ contract: contractViewSchema }),
    successStatus: 201,
    errorStatuses: [404, 409],
    handler: async ({ ctx, user, params }) => ({ contract: await acceptMcnInvitation(ctx, user, params.invitationId) }),
  }),
  defineOperation({
    operationId: "declineMcnInvitation",
    method: "post",
    path: "/me/mcn-invitations/:invitationId/decline",
    summary: "Turn an MCN's invitation down",
    tags,
    auth: "accept:mcnInvitation:own",
    params: z.object({ invitationId: idSchema }),
    response: z.object({ invitation: invitationViewSchema }),
    errorStatuses: [404, 409],
    handler: async ({ ctx, user, params }) => ({ invitation: await declineMcnInvitation(ctx, user, params.invitationId) }),
  }),
  defineOperation({
    operationId: "giveMcnContractNotice",
    method: "post",
    path: "/mcn-contracts/:contractId/notice",
    summary: "Terminate a contract with notice (the creator or the MCN)",
    description: "The contract turns `ending` and ends after the notice period (30 days, or its own end if sooner); the MCN keeps its share until then.",
    tags,
    auth: "user",
    params: z.object({ contractId: idSchema }),
    body: giveNoticeSchema,
    response: z.object({ contract: contractViewSchema }),
    errorStatuses: [404, 409],
    handler: async ({ ctx, user, params, body }) => ({ contract: await giveContractNotice(ctx, user, params.contractId, body) }),
  }),
  defineOperation({
    operationId: "requestMcnPayout",
    method: "post",
    path: "/mcns/:mcnId/payouts",
    summary: "Withdraw part of the MCN's confirmed share (its admins)",
    description: "The creators' payout rules: the staff-set minimum, never more than the balance (409), `requestKey` so a retry makes one payout. Staff decide it in the payout queue.",
    tags,
    auth: "manage:mcn:own",
    params: z.object({ mcnId: idSchema }),
    body: requestPayoutSchema,
    response: z.object({ payoutId: z.uuid(), replayed: z.boolean() }),
    successStatus: 201,
    errorStatuses: [404, 409],
    handler: ({ ctx, user, params, body }) => requestMcnPayout(ctx, user, params.mcnId, body),
  }),
  defineOperation({
    operationId: "listMcnPayouts",
    method: "get",
    path: "/mcns/:mcnId/payouts",
    summary: "The MCN's payouts, newest first (its admins)",
    tags,
    auth: "user",
    params: z.object({ mcnId: idSchema }),
    response: z.object({
      payouts: z.array(z.object({ id: z.uuid(), amountCents: z.number().int(), status: z.enum(["requested", "approved", "paid", "rejected"]), reason: z.string().nullable(), requestedAt: z.iso.datetime(), paidAt: z.iso.datetime().nullable() })),
    }),
    errorStatuses: [404],
    handler: async ({ ctx, user, params }) => ({ payouts: await listMcnPayouts(ctx, user, params.mcnId) }),
  }),
];
