import { eq, sql } from "drizzle-orm";
import { mcnContracts, mcnInvitations, mcns } from "../../../db/schema";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { AppError } from "../../shared/errors";
import { findMyMcnId } from "./access";
import type { ContractView, InvitationView, McnView } from "./schemas";
import { contractViews, invitationViews, mcnViews } from "./views";

/** The MCN the caller administers, or null (the /mcn page then offers to create one). */
export async function getMyMcn(ctx: Pick<AppContext, "db">, user: CurrentUser | null): Promise<McnView | null> {
  if (!user) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  const id = await findMyMcnId(ctx.db, user.id);
  return id ? ((await mcnViews(ctx.db, eq(mcns.id, id)))[0] ?? null) : null;
}

/** A creator's side: invitations addressed to them (open first) and their contracts, live and past. */
export async function listMyMcnInvitations(
  ctx: Pick<AppContext, "db">,
  user: CurrentUser | null,
): Promise<{ invitations: InvitationView[]; contracts: ContractView[] }> {
  if (!user) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  const invitations = await invitationViews(ctx.db, eq(mcnInvitations.creatorId, user.id), 50);
  invitations.sort((a, b) => Number(b.status === "invited") - Number(a.status === "invited"));
  const contracts = await contractViews(ctx.db, sql`${mcnContracts.creatorId} = ${user.id}`, 50);
  return { invitations, contracts };
}
