import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../../db/schema";
import { CONTENT_EVENTS } from "../../content/events";
import { defineConsumer, type Consumer } from "../../jobs/consumer";
// The module, not the notifications index: the index reaches the jobs registry that lists this consumer.
import { recordNotification } from "../../notifications/record-notification";
import { t, type MessageLocale } from "../../shared/messages";
import { checkTrial } from "./check-trial";
import { APPLICATION_DECIDED, APPLICATION_TRIAL_CHECKED } from "./events";

const decidedSchema = z.looseObject({
  applicationId: z.uuid(),
  applicantId: z.uuid(),
  status: z.enum(["approved", "rejected"]),
  reason: z.string().nullable().default(null),
  certificateCode: z.string().nullable().default(null),
});

async function localeOf(tx: Parameters<Consumer["handle"]>[0], userId: string): Promise<MessageLocale | null> {
  const [row] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return row ? (row.locale === "en" ? "en" : "zh-CN") : null;
}

/**
 * Tells the applicant what staff decided: approved (with where to find the badge and certificate) or
 * rejected (with the reason and when they may apply again). A `system` notice whose data carries
 * `kind: "creatorApplication"`; one per application and outcome.
 */
export const notifyApplicationDecided = defineConsumer({
  name: "creators.applications.notifyDecision",
  events: [APPLICATION_DECIDED],
  async handle(tx, event, ctx) {
    const p = decidedSchema.parse(event.payload);
    const locale = await localeOf(tx, p.applicantId);
    if (!locale) return;
    await recordNotification(tx, ctx, {
      eventId: event.id,
      userId: p.applicantId,
      type: "system",
      groupKey: `creatorApplication:${p.applicationId}:${p.status}`,
      actorId: null,
      subjectType: "system",
      subjectId: null,
      data: {
        kind: "creatorApplication",
        applicationId: p.applicationId,
        status: p.status,
        reason: p.reason,
        excerpt: t(locale, `creators.application.notice.${p.status}`, { reason: p.reason ?? "" }),
        href: p.status === "approved" ? "/badges" : "/creator/application",
      },
      at: event.occurredAt,
    });
  },
});

/** A published note may complete the author's trial task: checked at once, in the delivery's transaction. */
export const checkTrialOnPublish = defineConsumer({
  name: "creators.applications.checkTrial",
  events: [CONTENT_EVENTS.postPublished],
  async handle(tx, event) {
    const p = z.looseObject({ authorId: z.uuid() }).parse(event.payload);
    await checkTrial(tx, p.authorId, event.occurredAt);
  },
});

/** The applicant hears how their trial went (passed: staff will decide soon; failed: the deadline passed). */
export const notifyTrialChecked = defineConsumer({
  name: "creators.applications.notifyTrial",
  events: [APPLICATION_TRIAL_CHECKED],
  async handle(tx, event, ctx) {
    const p = z.looseObject({ applicationId: z.uuid(), applicantId: z.uuid(), outcome: z.enum(["passed", "failed"]) }).parse(event.payload);
    const locale = await localeOf(tx, p.applicantId);
    if (!locale) return;
    await recordNotification(tx, ctx, {
      eventId: event.id,
      userId: p.applicantId,
      type: "system",
      groupKey: `creatorApplication:${p.applicationId}:trial_${p.outcome}`,
      actorId: null,
      subjectType: "system",
      subjectId: null,
      data: { kind: "creatorApplication", applicationId: p.applicationId, status: "trial", excerpt: t(locale, `creators.application.notice.trial_${p.outcome}`, {}), href: "/creator/application" },
      at: event.occurredAt,
    });
  },
});

/** Outbox consumers of applications (registered through ../consumers.ts). */
export const applicationsConsumers: Consumer[] = [notifyApplicationDecided, checkTrialOnPublish, notifyTrialChecked];
