import { and, eq } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { mcnMembers, mcns } from "../../../db/schema";
import { can, type CurrentUser } from "../../identity";
import { AppError } from "../../shared/errors";

/** The MCN the user administers, or null. */
export async function findMyMcnId(db: Queryable, userId: string): Promise<string | null> {
  const [row] = await db.select({ id: mcnMembers.mcnId }).from(mcnMembers).where(eq(mcnMembers.userId, userId)).limit(1);
  return row?.id ?? null;
}

/**
 * Guards every act on one MCN: its own admins (holding the MCN-admin permission) may, and platform admins
 * may look. Anyone else gets NOT_FOUND, not FORBIDDEN, so an MCN's id reveals nothing to another MCN.
 */
export async function requireMcnAdmin(db: Queryable, user: CurrentUser | null, mcnId: string, options: { write?: boolean } = {}): Promise<void> {
  if (!user) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  const [mcn] = await db.select({ id: mcns.id }).from(mcns).where(eq(mcns.id, mcnId));
  if (!mcn) throw new AppError("NOT_FOUND", "creators.mcn.notFound");
  if (user.roles.includes("admin") && !options.write) return;
  if (!can(user, "manage:mcn:own")) throw new AppError("NOT_FOUND", "creators.mcn.notFound");
  const [member] = await db.select({ id: mcnMembers.userId }).from(mcnMembers).where(and(eq(mcnMembers.mcnId, mcnId), eq(mcnMembers.userId, user.id)));
  if (!member) throw new AppError("NOT_FOUND", "creators.mcn.notFound");
}
