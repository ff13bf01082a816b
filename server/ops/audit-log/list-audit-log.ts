import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { auditLog, users } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "ops.audit.date");

/** Filters of the audit log page: who (handle), what (subject type, or an action prefix) and when. */
export const auditQuerySchema = z
  .object({
    actor: z.string().trim().max(40, "ops.audit.actor").optional(),
    entity: z.string().trim().max(60, "ops.audit.entity").optional(),
    from: day.optional(),
    to: day.optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .strict();
export type AuditQuery = z.input<typeof auditQuerySchema>;

export interface AuditEntryView {
  id: number;
  actor: { handle: string; displayName: string } | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
  at: string;
}

/**
 * Every staff action with its before/after, newest first. Admin only (DESIGN.md §2: staff act, admins
 * audit them), so the people being audited cannot read or page through their own trail.
 */
export async function listAuditLog(ctx: Pick<AppContext, "db" | "config">, viewer: CurrentUser | null, input: AuditQuery = {}): Promise<AuditEntryView[]> {
  requirePermission(viewer, "read:auditLog:any");
  const q = parseInput(auditQuerySchema, input);
  const tz = ctx.config.platformTimeZone;
  const rows = await ctx.db
    .select({ a: auditLog, handle: users.handle, displayName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        q.actor ? sql`lower(${users.handle}) = lower(${q.actor.replace(/^@/, "")})` : undefined,
        q.entity ? sql`(${auditLog.subjectType} = ${q.entity} or ${auditLog.action} like ${`${q.entity.replace(/[%_\\]/g, "")}%`})` : undefined,
        q.from ? gte(auditLog.at, sql`(${q.from}::date::timestamp at time zone ${tz})`) : undefined,
        q.to ? lt(auditLog.at, sql`((${q.to}::date + 1)::timestamp at time zone ${tz})`) : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(q.limit ?? 100);
  return rows.map(({ a, handle, displayName }) => ({
    id: a.id,
    actor: handle ? { handle, displayName: displayName ?? handle } : null,
    action: a.action,
    subjectType: a.subjectType,
    subjectId: a.subjectId,
    before: a.before ?? null,
    after: a.after ?? null,
    at: a.at.toISOString(),
  }));
}
