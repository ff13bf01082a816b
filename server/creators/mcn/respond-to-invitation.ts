import { eq, sql } from "drizzle-orm";
import { mcnContractHistory, mcnContracts, mcnInvitations } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { emitEvent } from "../../jobs/emit-event";
import { AppError, isUniqueViolation } from "../../shared/errors";
import { MCN_CONTRACT_SIGNED } from "./events";
import type { ContractView, InvitationView } from "./schemas";
import { contractById, invitationById } from "./views";

/** Locks the caller's own open invitation; anyone else's id is simply not found. */
async function lockOwnOpenInvitation(tx: Parameters<Parameters<AppContext["db"]["transaction"]>[0]>[0], creatorId: string, invitationId: string, now: Date) {
  const [inv] = await tx.select().from(mcnInvitations).where(eq(mcnInvitations.id, invitationId)).for("update");
  if (!inv || inv.creatorId !== creatorId) throw new AppError("NOT_FOUND", "creators.mcn.invitationNotFound");
  if (inv.status !== "invited") throw new AppError("CONFLICT", "creators.mcn.invitationClosed");
  if (inv.expiresAt.getTime() <= now.getTime()) throw new AppError("CONFLICT", "creators.mcn.invitationExpired");
  return inv;
}

/**
 * The invited creator signs: the invitation becomes a contract in one transaction. One MCN at a time:
 * the partial unique index on live contracts decides between racing accepts of two MCNs' invitations —
 * the loser's transaction rolls back whole (its invitation stays open) and it gets a 409.
 */
export async function acceptMcnInvitation(ctx: Pick<AppContext, "db" | "clock">, user: CurrentUser | null, invitationId: string): Promise<ContractView> {
  requirePermission(user, "accept:mcnInvitation:own");
  const now = ctx.clock.now();
  let contractId: string;
  try {
    contractId = await ctx.db.transaction(async (tx) => {
      const inv = await lockOwnOpenInvitation(tx, user.id, invitationId, now);
      if (inv.endsAt.getTime() <= now.getTime()) throw new AppError("CONFLICT", "creators.mcn.invitationExpired");
      const [live] = await tx.select({ id: mcnContracts.id }).from(mcnContracts).where(sql`${mcnContracts.creatorId} = ${user.id} and ${mcnContracts.status} in ('active', 'ending')`);
      if (live) throw new AppError("CONFLICT", "creators.mcn.alreadySigned");
      await tx.update(mcnInvitations).set({ status: "accepted", respondedAt: now }).where(eq(mcnInvitations.id, inv.id));
      const [row] = await tx
        .insert(mcnContracts)
        .values({ mcnId: inv.mcnId, creatorId: user.id, invitationId: inv.id, shareBp: inv.shareBp, startsAt: inv.startsAt, endsAt: inv.endsAt, status: "active", signedAt: now })
        .returning({ id: mcnContracts.id });
      await tx.insert(mcnContractHistory).values({ contractId: row!.id, mcnId: inv.mcnId, creatorId: user.id, event: "signed", actorId: user.id, details: { shareBp: inv.shareBp }, at: now });
      await emitEvent(tx, {
        type: MCN_CONTRACT_SIGNED,
        payload: { contractId: row!.id, mcnId: inv.mcnId, creatorId: user.id, shareBp: inv.shareBp, endsAt: inv.endsAt.toISOString() },
        occurredAt: now,
      });
      return row!.id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "creators.mcn.alreadySigned");
    throw e;
  }
  return (await contractById(ctx.db, contractId))!;
}

/** The invited creator says no; the MCN may invite again later. */
export async function declineMcnInvitation(ctx: Pick<AppContext, "db" | "clock">, user: CurrentUser | null, invitationId: string): Promise<InvitationView> {
  requirePermission(user, "accept:mcnInvitation:own");
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const inv = await lockOwnOpenInvitation(tx, user.id, invitationId, now);
    await tx.update(mcnInvitations).set({ status: "declined", respondedAt: now }).where(eq(mcnInvitations.id, inv.id));
  });
  return (await invitationById(ctx.db, invitationId))!;
}
