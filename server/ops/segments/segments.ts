import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { segmentNotifications, segments, type SegmentDefinition } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { AppError, isUniqueViolation } from "../../shared/errors";
import { rowsOf } from "../../shared/sql-rows";
import { recordAudit } from "../audit";
import { createSegmentSchema, notifySegmentSchema, type CreateSegmentInput, type NotifySegmentInput, type SegmentNotificationView, type SegmentView } from "./schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The user ids a definition selects at `now`. RFM reads paid orders only (pending and cancelled ones
 * were never sales); monetary is net of refunds; recency is the last paid order. Active accounts only.
 */
export function segmentMembersSql(def: SegmentDefinition, now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  if (def.kind === "tag") return sql`select a.user_id from user_tag_assignments a join users u on u.id = a.user_id where a.tag_id = ${def.tagId} and u.status = 'active'`;
  const since = sql`${at} - make_interval(days => ${def.windowDays})`;
  const having: SQL[] = [sql`true`];
  if (def.maxRecencyDays !== undefined) having.push(sql`max(o.paid_at) >= ${at} - make_interval(days => ${def.maxRecencyDays})`);
  if (def.minFrequency !== undefined) having.push(sql`count(*) filter (where o.paid_at >= ${since}) >= ${def.minFrequency}`);
  if (def.minMonetaryCents !== undefined) having.push(sql`coalesce(sum(o.total_cents - o.refunded_cents) filter (where o.paid_at >= ${since}), 0) >= ${def.minMonetaryCents}`);
  return sql`select o.buyer_id from orders o join users u on u.id = o.buyer_id
    where o.paid_at is not null and o.paid_at <= ${at} and u.status = 'active'
    group by o.buyer_id having ${sql.join(having, sql` and `)}`;
}

export async function createSegment(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser | null, input: CreateSegmentInput): Promise<SegmentView> {
  requirePermission(staff, "tag:users:any");
  const q = parseInput(createSegmentSchema, input);
  const now = ctx.clock.now();
  if (q.definition.kind === "tag") {
    const tagId = q.definition.tagId;
    const [tag] = rowsOf<{ id: string }>(await ctx.db.execute(sql`select id from user_tags where id = ${tagId} and archived_at is null`));
    if (!tag) throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { "definition.tagId": ["ops.segments.tag"] } });
  }
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const [created] = await tx.insert(segments).values({ name: q.name, description: q.description ?? "", definition: q.definition, createdBy: staff!.id, createdAt: now }).returning();
      await recordAudit(tx, { actorId: staff!.id, action: "ops.segment.created", subjectType: "segment", subjectId: created!.id, before: null, after: { name: created!.name, definition: created!.definition }, at: now });
      return created!;
    });
    return { id: row.id, name: row.name, description: row.description, definition: row.definition, count: await countMembers(ctx, row.definition, now) };
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { name: ["ops.segments.nameTaken"] } });
    throw e;
  }
}

async function countMembers(ctx: Pick<AppContext, "db">, def: SegmentDefinition, now: Date): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await ctx.db.execute(sql`select count(*)::int as n from (${segmentMembersSql(def, now)}) m`));
  return Number(row?.n ?? 0);
}

/** Every live segment with its size now (one count per segment; the list is short). */
export async function listSegments(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser | null): Promise<SegmentView[]> {
  requirePermission(staff, "tag:users:any");
  const now = ctx.clock.now();
  const rows = await ctx.db.select().from(segments).where(isNull(segments.archivedAt)).orderBy(segments.createdAt);
  const out: SegmentView[] = [];
  for (const s of rows) {
    const count = await countMembers(ctx, s.definition, now);
    if (count !== s.lastCount) await ctx.db.update(segments).set({ lastCount: count, countedAt: now }).where(eq(segments.id, s.id));
    out.push({ id: s.id, name: s.name, description: s.description, definition: s.definition, count });
  }
  return out;
}

/**
 * Tells a segment's members about a campaign, once: the (segment, campaign) unique index makes a second
 * request — or twenty racing ones — return the first, with `replayed`. The members are fixed here (the
 * recipients table) and the sending schedule delivers in batches, so a large segment never holds one
 * long transaction and staff watch `sent` grow. Audited.
 */
export async function notifySegment(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser | null, segmentId: string, input: NotifySegmentInput): Promise<SegmentNotificationView> {
  requirePermission(staff, "tag:users:any");
  const q = parseInput(notifySegmentSchema, input);
  if (!UUID.test(segmentId)) throw new AppError("NOT_FOUND", "ops.segments.notFound");
  const [segment] = await ctx.db.select().from(segments).where(and(eq(segments.id, segmentId), isNull(segments.archivedAt)));
  if (!segment) throw new AppError("NOT_FOUND", "ops.segments.notFound");
  const now = ctx.clock.now();
  const created = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(segmentNotifications)
      .values({ segmentId, campaignId: q.campaignId, title: q.title, message: q.message, href: q.href, requestedBy: staff!.id, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) return null;
    const result = (await tx.execute(sql`insert into segment_notification_recipients (segment_notification_id, user_id)
      select ${row.id}::uuid, m.user_id from (${segmentMembersSql(segment.definition, now)}) m(user_id) on conflict do nothing`)) as { count?: number; affectedRows?: number };
    const total = Number(result.count ?? result.affectedRows ?? 0);
    const [updated] = await tx.update(segmentNotifications).set({ total, status: total === 0 ? "done" : "queued", finishedAt: total === 0 ? now : null }).where(eq(segmentNotifications.id, row.id)).returning();
    await recordAudit(tx, { actorId: staff!.id, action: "ops.segment.notified", subjectType: "segment", subjectId: segmentId, before: null, after: { campaignId: q.campaignId, title: q.title, total }, at: now });
    return updated!;
  });
  const row = created ?? (await ctx.db.select().from(segmentNotifications).where(and(eq(segmentNotifications.segmentId, segmentId), eq(segmentNotifications.campaignId, q.campaignId))))[0]!;
  return view(row, created === null);
}

/** A segment's notifications, newest first, with their progress. */
export async function listSegmentNotifications(ctx: Pick<AppContext, "db">, staff: CurrentUser | null, limit = 20): Promise<SegmentNotificationView[]> {
  requirePermission(staff, "tag:users:any");
  const rows = await ctx.db.select().from(segmentNotifications).orderBy(desc(segmentNotifications.createdAt)).limit(limit);
  return rows.map((r) => view(r, false));
}

function view(r: typeof segmentNotifications.$inferSelect, replayed: boolean): SegmentNotificationView {
  return { id: r.id, segmentId: r.segmentId, campaignId: r.campaignId, title: r.title, status: r.status, total: r.total, sent: r.sent, createdAt: r.createdAt.toISOString(), replayed };
}
