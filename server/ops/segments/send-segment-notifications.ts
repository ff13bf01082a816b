import { sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { defineSchedule } from "../../jobs/schedule";
import { rowsOf } from "../../shared/sql-rows";

const BATCH = 500;

/**
 * Delivers queued segment notifications, one batch per transaction: it claims up to BATCH recipients
 * not yet notified (SKIP LOCKED, so two workers split the work instead of doubling it), writes their
 * inbox rows and marks them in the same statement, and moves `sent`. A crash mid-batch rolls the whole
 * batch back; nobody is notified twice. Returns how many were notified.
 */
export async function sendSegmentNotifications(db: Queryable & { transaction: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T> }, now: Date, maxBatches = 20): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const sent = await db.transaction(async (tx) => {
      const [job] = rowsOf<{ id: string; campaign_id: string; title: string; message: string; href: string }>(
        await tx.execute(sql`select id, campaign_id, title, message, href from segment_notifications where status in ('queued', 'sending')
          order by created_at limit 1 for update skip locked`),
      );
      if (!job) return -1;
      const at = now.toISOString();
      const data = JSON.stringify({ kind: "segmentCampaign", campaignId: job.campaign_id, excerpt: `${job.title}：${job.message}`, href: job.href });
      const [done] = rowsOf<{ n: number }>(
        await tx.execute(sql`
          with claimed as (
            select user_id from segment_notification_recipients
            where segment_notification_id = ${job.id} and notified_at is null
            limit ${BATCH} for update skip locked
          ), marked as (
            update segment_notification_recipients r set notified_at = ${at}::timestamptz
            from claimed c where r.segment_notification_id = ${job.id} and r.user_id = c.user_id
            returning r.user_id
          ), inbox as (
            insert into notifications (user_id, type, group_key, subject_type, data, created_at, updated_at)
            select user_id, 'system', ${`segment:${job.id}`}, 'system', ${data}::jsonb, ${at}::timestamptz, ${at}::timestamptz from marked
            on conflict do nothing
            returning 1
          )
          select (select count(*) from marked)::int as n`),
      );
      const n = Number(done?.n ?? 0);
      await tx.execute(sql`update segment_notifications set sent = sent + ${n},
        status = case when not exists (select 1 from segment_notification_recipients where segment_notification_id = ${job.id} and notified_at is null) then 'done' else 'sending' end,
        finished_at = case when not exists (select 1 from segment_notification_recipients where segment_notification_id = ${job.id} and notified_at is null) then ${at}::timestamptz else null end
        where id = ${job.id}`);
      return n;
    });
    if (sent < 0) break;
    total += sent;
  }
  return total;
}

/** Every 30 seconds: a queued segment notification starts within half a minute and grows batch by batch. */
export const segmentNotificationsSchedule = defineSchedule({
  name: "ops.segmentNotifications",
  every: "30s",
  async run(ctx) {
    const sent = await sendSegmentNotifications(ctx.db, ctx.clock.now());
    if (sent > 0) ctx.logger.info({ sent }, "segment notifications sent");
  },
});
