import { and, eq, sql } from "drizzle-orm";
import { mcnContracts, mcnInvitations, userRoles, users } from "../../../db/schema";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { emitEvent } from "../../jobs/emit-event";
import { zonedInstant } from "../../shared/clock";
import { AppError, isUniqueViolation } from "../../shared/errors";
import { requireMcnAdmin } from "./access";
import { MCN_INVITED } from "./events";
import { INVITATION_DAYS, inviteToMcnSchema, type InvitationView, type InviteToMcnInput } from "./schemas";
import { invitationById } from "./views";

const DAY = 86_400_000;

/**
 * An MCN admin invites a creator (by handle) to a contract: the MCN's share of each commission in basis
 * points, and the platform-local dates it runs. Only creators can be invited; one open invitation per
 * MCN and creator (the database's partial unique index), and none to a creator already signed with
 * this MCN. The creator answers within INVITATION_DAYS.
 */
export async function inviteToMcn(
  ctx: Pick<AppContext, "db" | "clock" | "config">,
  user: CurrentUser | null,
  mcnId: string,
  input: InviteToMcnInput,
): Promise<InvitationView> {
  await requireMcnAdmin(ctx.db, user, mcnId, { write: true });
  const data = parseInput(inviteToMcnSchema, input);
  const now = ctx.clock.now();
  const tz = ctx.config.platformTimeZone;
  const startsAt = zonedInstant(data.startsOn, 0, 0, tz);
  const endsAt = zonedInstant(data.endsOn, 0, 0, tz);
  if (endsAt.getTime() <= now.getTime()) throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { endsOn: ["creators.mcn.endsInPast"] } });

  const [target] = await ctx.db
    .select({ id: users.id, isCreator: sql<boolean>`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = 'creator')` })
    .from(users)
    .where(sql`lower(${users.handle}) = lower(${data.creatorHandle})`);
  if (!target || !target.isCreator) throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { creatorHandle: ["creators.mcn.notACreator"] } });
  if (target.id === user!.id) throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { creatorHandle: ["creators.mcn.notACreator"] } });

  let id: string;
  try {
    id = await ctx.db.transaction(async (tx) => {
      const [signed] = await tx
        .select({ id: mcnContracts.id })
        .from(mcnContracts)
        .where(and(eq(mcnContracts.mcnId, mcnId), eq(mcnContracts.creatorId, target.id), sql`${mcnContracts.status} in ('active', 'ending')`));
      if (signed) throw new AppError("CONFLICT", "creators.mcn.alreadySigned");
      const [row] = await tx
        .insert(mcnInvitations)
        .values({
          mcnId,
          creatorId: target.id,
          shareBp: data.shareBp,
          startsAt,
          endsAt,
          message: data.message ?? "",
          status: "invited",
          invitedBy: user!.id,
          createdAt: now,
          expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY),
        })
        .returning({ id: mcnInvitations.id });
      await emitEvent(tx, { type: MCN_INVITED, payload: { invitationId: row!.id, mcnId, creatorId: target.id, shareBp: data.shareBp }, occurredAt: now });
      return row!.id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "creators.mcn.alreadyInvited");
    throw e;
  }
  return (await invitationById(ctx.db, id))!;
}
