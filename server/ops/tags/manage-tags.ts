import { and, eq, isNull, sql } from "drizzle-orm";
import { userTagAssignments, userTags, users } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { AppError, isUniqueViolation } from "../../shared/errors";
import { rowsOf } from "../../shared/sql-rows";
import { recordAudit } from "../audit";
import { createTagSchema, tagMemberSchema, type CreateTagInput, type TagView } from "./schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Defines a tag: manual (staff put it on members) or rule-made (the schedule keeps it current). Audited. */
export async function createUserTag(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser | null, input: CreateTagInput): Promise<TagView> {
  requirePermission(staff, "tag:users:any");
  const q = parseInput(createTagSchema, input);
  const now = ctx.clock.now();
  try {
    const tag = await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(userTags)
        .values({ name: q.name, description: q.description ?? "", kind: q.kind, rule: q.kind === "rule" ? q.rule! : null, createdBy: staff!.id, createdAt: now })
        .returning();
      await recordAudit(tx, { actorId: staff!.id, action: "ops.tag.created", subjectType: "userTag", subjectId: row!.id, before: null, after: { name: row!.name, kind: row!.kind, rule: row!.rule }, at: now });
      return row!;
    });
    return { id: tag.id, name: tag.name, description: tag.description, kind: tag.kind, rule: tag.rule ?? null, members: 0, evaluatedAt: null };
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { name: ["ops.tags.nameTaken"] } });
    throw e;
  }
}

async function liveTag(ctx: Pick<AppContext, "db">, tagId: string) {
  if (!UUID.test(tagId)) throw new AppError("NOT_FOUND", "ops.tags.notFound");
  const [tag] = await ctx.db.select().from(userTags).where(and(eq(userTags.id, tagId), isNull(userTags.archivedAt)));
  if (!tag) throw new AppError("NOT_FOUND", "ops.tags.notFound");
  return tag;
}

/**
 * Puts a manual tag on a member (by handle). Rule-made tags belong to their rule: staff cannot put
 * them on or take them off by hand, or the next evaluation would silently undo it. Idempotent; audited.
 */
export async function tagUser(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser | null, tagId: string, input: { handle: string }): Promise<void> {
  requirePermission(staff, "tag:users:any");
  const q = parseInput(tagMemberSchema, input);
  const tag = await liveTag(ctx, tagId);
  if (tag.kind !== "manual") throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { handle: ["ops.tags.ruleMade"] } });
  const [member] = await ctx.db.select({ id: users.id }).from(users).where(sql`lower(${users.handle}) = lower(${q.handle.replace(/^@/, "")})`);
  if (!member) throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { handle: ["ops.tags.noSuchMember"] } });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const inserted = await tx.insert(userTagAssignments).values({ tagId, userId: member.id, source: "manual", assignedBy: staff!.id, at: now }).onConflictDoNothing().returning();
    if (inserted.length > 0) await recordAudit(tx, { actorId: staff!.id, action: "ops.tag.assigned", subjectType: "user", subjectId: member.id, before: null, after: { tag: tag.name }, at: now });
  });
}

/** Takes a manual tag off a member. Idempotent; audited. */
export async function untagUser(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser | null, tagId: string, userId: string): Promise<void> {
  requirePermission(staff, "tag:users:any");
  const tag = await liveTag(ctx, tagId);
  if (tag.kind !== "manual") throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { userId: ["ops.tags.ruleMade"] } });
  if (!UUID.test(userId)) throw new AppError("NOT_FOUND", "ops.tags.notFound");
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const removed = await tx.delete(userTagAssignments).where(and(eq(userTagAssignments.tagId, tagId), eq(userTagAssignments.userId, userId))).returning();
    if (removed.length > 0) await recordAudit(tx, { actorId: staff!.id, action: "ops.tag.removed", subjectType: "user", subjectId: userId, before: { tag: tag.name }, after: null, at: now });
  });
}

/** Every live tag with how many members carry it. */
export async function listUserTags(ctx: Pick<AppContext, "db">, staff: CurrentUser | null): Promise<TagView[]> {
  requirePermission(staff, "tag:users:any");
  const rows = rowsOf<{ id: string; name: string; description: string; kind: "manual" | "rule"; rule: TagView["rule"]; members: number; evaluated_at: Date | string | null }>(
    await ctx.db.execute(sql`
      select t.id, t.name, t.description, t.kind, t.rule, t.evaluated_at, (select count(*) from user_tag_assignments a where a.tag_id = t.id)::int as members
      from user_tags t where t.archived_at is null order by t.created_at, t.name`),
  );
  return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, kind: r.kind, rule: r.rule ?? null, members: Number(r.members), evaluatedAt: r.evaluated_at ? new Date(r.evaluated_at).toISOString() : null }));
}

/** The members carrying a tag, newest first (at most `limit`). */
export async function listTagMembers(ctx: Pick<AppContext, "db">, staff: CurrentUser | null, tagId: string, limit = 100) {
  requirePermission(staff, "tag:users:any");
  await liveTag(ctx, tagId);
  return ctx.db
    .select({ userId: users.id, handle: users.handle, displayName: users.displayName, source: userTagAssignments.source, at: userTagAssignments.at })
    .from(userTagAssignments)
    .innerJoin(users, eq(users.id, userTagAssignments.userId))
    .where(eq(userTagAssignments.tagId, tagId))
    .orderBy(sql`${userTagAssignments.at} desc`)
    .limit(limit);
}
