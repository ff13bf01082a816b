import { and, eq, sql } from "drizzle-orm";
import { categories, creatorInvitations, userRoles, users } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { emitEvent } from "../../jobs/emit-event";
import { recordAudit } from "../../ops";
import { AppError } from "../../shared/errors";
import { RECRUIT_PERMISSION } from "./list-candidates";
import { inviteSchema, type InviteInput } from "./schemas";

export const CREATOR_INVITED = "creators.invitation.created";

/**
 * Staff invite a member to apply. One invitation per member (the unique index): inviting again answers
 * 409 rather than sending a second notice. Creators and staff can't be invited (422). The member gets a
 * notification linking to /creator/apply through `creators.invitation.created`.
 */
export async function inviteCandidate(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser | null, input: InviteInput): Promise<{ invitationId: string }> {
  requirePermission(staff, RECRUIT_PERMISSION);
  const data = parseInput(inviteSchema, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [member] = await tx.select({ id: users.id, status: users.status }).from(users).where(eq(users.id, data.userId));
    if (!member || member.status !== "active") throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { userId: ["creators.invite.user"] } });
    const [role] = await tx
      .select({ role: userRoles.role })
      .from(userRoles)
      .where(and(eq(userRoles.userId, member.id), sql`${userRoles.role} in ('creator', 'staff', 'admin')`))
      .limit(1);
    if (role) throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { userId: ["creators.invite.notCandidate"] } });
    let categoryId: string | null = null;
    if (data.category) {
      const [cat] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, data.category));
      if (!cat) throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { category: ["creators.candidates.category"] } });
      categoryId = cat.id;
    }
    const [row] = await tx
      .insert(creatorInvitations)
      .values({ userId: member.id, invitedBy: staff.id, categoryId, status: "invited", invitedAt: now })
      .onConflictDoNothing()
      .returning({ id: creatorInvitations.id });
    if (!row) throw new AppError("CONFLICT", "creators.invite.already");
    await recordAudit(tx, { actorId: staff.id, action: "creators.invitation.created", subjectType: "user", subjectId: member.id, before: null, after: { invitationId: row.id, categoryId }, at: now });
    await emitEvent(tx, { type: CREATOR_INVITED, payload: { invitationId: row.id, userId: member.id }, occurredAt: now });
    return { invitationId: row.id };
  });
}
