import { eq } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { fanGroups, users } from "../../../db/schema";

/**
 * The creator's fan group, made on first need (their first campaign, the first visit of their fan page,
 * the first fan to join). An insert that does nothing on conflict, so racing visits make one group.
 */
export async function ensureFanGroup(db: Queryable, creatorId: string, now: Date): Promise<typeof fanGroups.$inferSelect> {
  const [existing] = await db.select().from(fanGroups).where(eq(fanGroups.creatorId, creatorId));
  if (existing) return existing;
  const [creator] = await db.select({ displayName: users.displayName }).from(users).where(eq(users.id, creatorId));
  await db
    .insert(fanGroups)
    .values({ creatorId, name: `${creator?.displayName ?? ""}的粉丝团`, memberCount: 0, createdAt: now })
    .onConflictDoNothing();
  const [row] = await db.select().from(fanGroups).where(eq(fanGroups.creatorId, creatorId));
  return row!;
}
