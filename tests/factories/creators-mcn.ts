import type { Database } from "../../db/client";
import type { Role } from "../../db/schema";
import { acceptMcnInvitation, createMcn, inviteToMcn } from "../../server/creators/mcn";
import type { CurrentUser } from "../../server/identity";
import type { Clock } from "../../server/shared/clock";
import type { Config } from "../../server/config";
import { createTestUser, uniqueHandle } from "./users";

type Ctx = { db: Database; clock: Clock; config: Config };

/** An MCN admin with their organisation (the same domain calls the demo seed makes). */
export async function createTestMcn(ctx: Ctx, name = `MCN ${uniqueHandle("m")}`): Promise<{ admin: CurrentUser; mcnId: string }> {
  const { user: admin } = await createTestUser(ctx.db, { roles: ["mcn_admin"] as Role[], handle: uniqueHandle("ma") });
  const mcn = await createMcn(ctx, admin, { name });
  return { admin, mcnId: mcn.id };
}

/** A creator signed with the MCN at `shareBp`, their contract running from `startsOn` to `endsOn`. */
export async function signTestCreator(
  ctx: Ctx,
  mcn: { admin: CurrentUser; mcnId: string },
  options: { creator?: CurrentUser; shareBp?: number; startsOn?: string; endsOn?: string } = {},
): Promise<{ creator: CurrentUser; contractId: string; invitationId: string }> {
  const creator = options.creator ?? (await createTestUser(ctx.db, { roles: ["creator"], handle: uniqueHandle("c") })).user;
  const inv = await inviteToMcn(ctx, mcn.admin, mcn.mcnId, { creatorHandle: creator.handle, shareBp: options.shareBp ?? 2_000, startsOn: options.startsOn ?? "2026-01-01", endsOn: options.endsOn ?? "2027-12-31" });
  const contract = await acceptMcnInvitation(ctx, creator, inv.id);
  return { creator, contractId: contract.id, invitationId: inv.id };
}
