import { sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import type { ConsumerContext } from "../../jobs/consumer";
import { emitEvent } from "../../jobs/emit-event";
import { defineSchedule } from "../../jobs/schedule";
import { recordNotification } from "../../notifications/record-notification";
import { localDate } from "../../shared/clock";
import { rowsOf } from "../../shared/sql-rows";

/** The inbox row of one member's reminder for one day: its group key is what makes it once a day. */
export const reminderGroupKey = (date: string) => `challenge.reminder:${date}`;

// Any constant: it only has to be the same for every process sending reminders.
const REMINDER_LOCK = 7_301_120;

/**
 * The evening nudge: one notification (type `challenge`) per member who is in an active challenge,
 * hasn't finished it and hasn't checked in today (platform-local), naming those challenges.
 *
 * Once per member per day however often it runs: runs for a day are serialised by an advisory lock,
 * and a member who already has that day's reminder row — read or not — is skipped. The reminder
 * lists every challenge still waiting, so someone in three challenges gets one message, not three.
 */
export async function remindParticipants(db: Database, ctx: ConsumerContext, now: Date): Promise<{ reminded: number }> {
  const today = localDate(now, ctx.config.platformTimeZone);
  const groupKey = reminderGroupKey(today);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REMINDER_LOCK}, hashtext(${today}))`);
    type Row = { user_id: string; challenges: { id: string; title: string; daysDone: number; requiredDays: number }[] };
    const due = rowsOf<Row>(
      await tx.execute(sql`
        select p.user_id,
          jsonb_agg(jsonb_build_object('id', c.id, 'title', c.title, 'daysDone', p.days_done, 'requiredDays', c.required_days)
            order by c.ends_on, c.id) as challenges
        from challenge_participants p
        join challenges c on c.id = p.challenge_id
        join users u on u.id = p.user_id and u.status = 'active'
        where c.status = 'published' and c.starts_on <= ${today}::date and c.ends_on >= ${today}::date
          and p.completed_at is null
          and p.last_checkin_date is distinct from ${today}::date
          and not exists (select 1 from notifications n where n.user_id = p.user_id and n.group_key = ${groupKey})
        group by p.user_id
        order by p.user_id`),
    );
    if (due.length === 0) return { reminded: 0 };
    const eventId = await emitEvent(tx, {
      type: "gamification.challenge.remindersSent",
      payload: { localDate: today, userIds: due.map((d) => d.user_id) },
      occurredAt: now,
    });
    for (const row of due) {
      const first = row.challenges[0]!;
      await recordNotification(tx, ctx, {
        eventId,
        userId: row.user_id,
        type: "challenge",
        groupKey,
        actorId: null,
        subjectType: "challenge",
        subjectId: first.id,
        data: {
          kind: "reminder",
          localDate: today,
          challengeId: first.id,
          title: first.title,
          excerpt: row.challenges.map((c) => c.title).join("、"),
          challenges: row.challenges,
        },
        at: now,
      });
    }
    return { reminded: due.length };
  });
}

/** 20:00 platform-local: late enough that the day's notes are out, early enough to still write one. */
export const challengeReminderSchedule = defineSchedule({
  name: "gamification.challengeReminders",
  every: { dailyAt: "20:00" },
  async run(ctx) {
    const { reminded } = await remindParticipants(ctx.db, ctx, ctx.clock.now());
    ctx.logger.info({ reminded, slot: ctx.slot }, "challenge reminders sent");
  },
});
