import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { auditLog, pointRules, users } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { recordAudit, writeSetting } from "../../ops";
import { AppError } from "../../shared/errors";
import { POINTS_POLICY_KEY, readPointsPolicy, type PointsPolicy } from "./policy";
import type { PointRuleUpdate, PointsPolicyUpdate } from "./schemas";

// Serialises policy edits, so the audit's "before" is the value each change replaced.
const sqlLock = sql`select pg_advisory_xact_lock(hashtext('gamification.points.policy'))`;

export interface PointRuleView {
  key: string;
  nameZh: string;
  nameEn: string;
  points: number;
  growth: number;
  dailyCap: number | null;
  enabled: boolean;
  updatedAt: string;
}

const ruleView = (r: typeof pointRules.$inferSelect): PointRuleView => ({
  key: r.key,
  nameZh: r.nameZh,
  nameEn: r.nameEn,
  points: r.points,
  growth: r.growth,
  dailyCap: r.dailyCap,
  enabled: r.enabled,
  updatedAt: r.updatedAt.toISOString(),
});

/** Every rule in a stable order (the editor and the API list them the same way). */
export async function listPointRules(db: Queryable): Promise<PointRuleView[]> {
  return (await db.select().from(pointRules).orderBy(asc(pointRules.key))).map(ruleView);
}

/**
 * Staff change one rule's amounts, cap or switch. The row is locked so two editors can't both read
 * the same "before"; the audit entry records the rule as it was and as it now is.
 */
export async function updatePointRule(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser, key: string, input: PointRuleUpdate): Promise<PointRuleView> {
  requirePermission(staff, "manage:rules:any");
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(pointRules).where(eq(pointRules.key, key)).for("update");
    if (!before) throw new AppError("NOT_FOUND", "points.rule.notFound");
    const [after] = await tx
      .update(pointRules)
      .set({ points: input.points, growth: input.growth, dailyCap: input.dailyCap, enabled: input.enabled, updatedAt: now, updatedBy: staff.id })
      .where(eq(pointRules.key, key))
      .returning();
    const pick = (r: typeof before) => ({ points: r.points, growth: r.growth, dailyCap: r.dailyCap, enabled: r.enabled });
    await recordAudit(tx, { actorId: staff.id, action: "gamification.rule.updated", subjectType: "pointRule", subjectId: key, before: pick(before), after: pick(after!), at: now });
    return ruleView(after!);
  });
}

/** The policy as the flat form shows it. */
export function policyForm(policy: PointsPolicy): PointsPolicyUpdate {
  return {
    globalDailyCap: policy.globalDailyCap,
    expiryMode: policy.expiry.mode,
    expiryDays: policy.expiry.mode === "days" ? policy.expiry.days : undefined,
    reminderDays: policy.reminderDays,
  };
}

/**
 * Staff change the global daily cap, the expiry policy or the reminder lead time (audited by
 * writeSetting). A new expiry policy applies to points earned from now on; lots already open keep
 * the expiry they were given, as members were told when they earned them.
 */
export async function updatePointsPolicy(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser, input: PointsPolicyUpdate): Promise<PointsPolicy> {
  requirePermission(staff, "manage:rules:any");
  const policy: PointsPolicy = {
    globalDailyCap: input.globalDailyCap,
    expiry: input.expiryMode === "days" ? { mode: "days", days: input.expiryDays! } : { mode: input.expiryMode },
    reminderDays: input.reminderDays,
  };
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sqlLock);
    await writeSetting(tx, { key: POINTS_POLICY_KEY, value: policy, actorId: staff.id, now: ctx.clock.now() });
  });
  return readPointsPolicy(ctx.db);
}

export interface AuditEntryView {
  id: number;
  action: string;
  subjectType: string;
  subjectId: string;
  actor: { id: string; handle: string; displayName: string } | null;
  before: unknown;
  after: unknown;
  at: string;
}

/** The latest staff changes to rules, levels and the points policy, for the editors' history. */
export async function listPointsAudit(db: Queryable, options: { subjectTypes: string[]; settingKeys?: string[]; limit?: number }): Promise<AuditEntryView[]> {
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      before: auditLog.before,
      after: auditLog.after,
      at: auditLog.at,
      actorId: users.id,
      handle: users.handle,
      displayName: users.displayName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      options.settingKeys?.length
        ? sql`(${inArray(auditLog.subjectType, options.subjectTypes)} or (${auditLog.subjectType} = 'setting' and ${inArray(auditLog.subjectId, options.settingKeys)}))`
        : inArray(auditLog.subjectType, options.subjectTypes),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(options.limit ?? 20);
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    actor: r.actorId ? { id: r.actorId, handle: r.handle!, displayName: r.displayName! } : null,
    before: r.before,
    after: r.after,
    at: r.at.toISOString(),
  }));
}
