import { and, eq, lte, sql } from "drizzle-orm";
import { mcnContractHistory, mcnContracts, mcnMembers } from "../../../db/schema";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { emitEvent } from "../../jobs/emit-event";
import { AppError } from "../../shared/errors";
import { MCN_CONTRACT_ENDED, MCN_CONTRACT_NOTICE } from "./events";
import { giveNoticeSchema, NOTICE_DAYS, type ContractView, type GiveNoticeInput } from "./schemas";
import { contractById } from "./views";

const DAY = 86_400_000;

/**
 * Either side terminates with notice: the contract turns `ending` and its end moves to NOTICE_DAYS from
 * now (or stays, if it was due sooner). Until then the MCN still earns its share — orders already under
 * way were made under the contract. Only the signed creator and the MCN's admins may; for anyone else
 * the contract does not exist.
 */
export async function giveContractNotice(ctx: Pick<AppContext, "db" | "clock">, user: CurrentUser | null, contractId: string, input: GiveNoticeInput): Promise<ContractView> {
  if (!user) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  const data = parseInput(giveNoticeSchema, input);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [k] = await tx.select().from(mcnContracts).where(eq(mcnContracts.id, contractId)).for("update");
    if (!k) throw new AppError("NOT_FOUND", "creators.mcn.contractNotFound");
    const isCreator = k.creatorId === user.id;
    const [admin] = isCreator ? [] : await tx.select({ u: mcnMembers.userId }).from(mcnMembers).where(and(eq(mcnMembers.mcnId, k.mcnId), eq(mcnMembers.userId, user.id)));
    if (!isCreator && !(admin && user.roles.includes("mcn_admin"))) throw new AppError("NOT_FOUND", "creators.mcn.contractNotFound");
    if (k.status !== "active") throw new AppError("CONFLICT", "creators.mcn.contractNotActive");
    const noticeEnd = new Date(now.getTime() + NOTICE_DAYS * DAY);
    const endsAt = k.endsAt.getTime() < noticeEnd.getTime() ? k.endsAt : noticeEnd;
    await tx.update(mcnContracts).set({ status: "ending", endsAt, noticeGivenBy: user.id, noticeGivenAt: now, noticeReason: data.reason }).where(eq(mcnContracts.id, k.id));
    await tx.insert(mcnContractHistory).values({ contractId: k.id, mcnId: k.mcnId, creatorId: k.creatorId, event: "notice_given", actorId: user.id, details: { reason: data.reason, endsAt: endsAt.toISOString(), by: isCreator ? "creator" : "mcn" }, at: now });
    await emitEvent(tx, { type: MCN_CONTRACT_NOTICE, payload: { contractId: k.id, mcnId: k.mcnId, creatorId: k.creatorId, shareBp: k.shareBp, endsAt: endsAt.toISOString() }, occurredAt: now });
  });
  return (await contractById(ctx.db, contractId))!;
}

/**
 * Ends every live contract whose end has come (notice run out, or the term's end date), and expires
 * unanswered invitations. Idempotent: an ended contract is no longer selected. Returns how many ended.
 */
export async function endDueContracts(ctx: Pick<AppContext, "db" | "clock">): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const due = await tx
      .update(mcnContracts)
      .set({ status: "ended", endedAt: mcnContracts.endsAt })
      .where(and(sql`${mcnContracts.status} in ('active', 'ending')`, lte(mcnContracts.endsAt, now)))
      .returning();
    for (const k of due) {
      await tx.insert(mcnContractHistory).values({ contractId: k.id, mcnId: k.mcnId, creatorId: k.creatorId, event: "ended", actorId: null, details: {}, at: k.endsAt });
      await emitEvent(tx, { type: MCN_CONTRACT_ENDED, payload: { contractId: k.id, mcnId: k.mcnId, creatorId: k.creatorId, shareBp: k.shareBp, endsAt: k.endsAt.toISOString() }, occurredAt: now });
    }
    await tx.execute(sql`update mcn_invitations set status = 'expired' where status = 'invited' and expires_at <= ${now.toISOString()}::timestamptz`);
    return due.length;
  });
}
