import { eq } from "drizzle-orm";
import { z } from "zod";
import { campaignParticipants, campaigns, campaignSubmissions, users } from "../../../db/schema";
import { defineConsumer, type Consumer } from "../../jobs/consumer";
// The module, not the notifications index: the index reaches the jobs registry that lists this consumer.
import { recordNotification } from "../../notifications/record-notification";
import { t, type MessageLocale } from "../../shared/messages";
import { CAMPAIGN_CANCELLED } from "./events";

const payloadSchema = z.looseObject({
  campaignId: z.uuid(),
  submissionId: z.uuid(),
  userId: z.uuid(),
  action: z.enum(["approve", "reject", "topPick"]),
  reason: z.string().nullable().default(null),
});

/**
 * Tells a member how their campaign entry was judged: approved, picked as a top entry, or rejected with
 * the judge's reason. `system` notices whose data carries `kind: "campaign"` (the inbox's type list is
 * fixed by its CHECK); one per entry and outcome, in the member's language, linking to the campaign.
 */
export const notifyCampaignReview = defineConsumer({
  name: "creators.campaigns.notifyReview",
  events: ["creators.campaign.reviewed"],
  async handle(tx, event, ctx) {
    const p = payloadSchema.parse(event.payload);
    const [member] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, p.userId));
    const [campaign] = await tx
      .select({ title: campaigns.title, ownerType: campaigns.ownerType })
      .from(campaigns)
      .where(eq(campaigns.id, p.campaignId));
    if (!member || !campaign) return;
    const locale: MessageLocale = member.locale === "en" ? "en" : "zh-CN";
    // A platform top pick that paid this member cash (once per campaign) and featured the note: say so.
    const [entry] = await tx.select({ cents: campaignSubmissions.rewardedCents }).from(campaignSubmissions).where(eq(campaignSubmissions.id, p.submissionId));
    const cash = p.action === "topPick" && campaign.ownerType === "platform" && (entry?.cents ?? 0) > 0;
    const amount = new Intl.NumberFormat(locale, { style: "currency", currency: "CNY" }).format((entry?.cents ?? 0) / 100);
    const excerpt = t(locale, cash ? "campaigns.notice.topPickCash" : `campaigns.notice.${p.action}`, { title: campaign.title, reason: p.reason ?? "", amount });
    await recordNotification(tx, ctx, {
      eventId: event.id,
      userId: p.userId,
      type: "system",
      groupKey: `campaign:${p.submissionId}:${p.action}`,
      actorId: null,
      subjectType: "system",
      subjectId: null,
      data: { kind: "campaign", campaignId: p.campaignId, submissionId: p.submissionId, action: p.action, reason: p.reason, excerpt, href: `/campaigns/${p.campaignId}` },
      at: event.occurredAt,
    });
  },
});

const cancelledSchema = z.looseObject({ campaignId: z.uuid(), reason: z.string() });

/**
 * Tells everyone who joined a campaign that it was cancelled, and why, each in their language. One
 * notice per participant and campaign (the group key folds a second delivery into the unread row).
 */
export const notifyCampaignCancelled = defineConsumer({
  name: "creators.campaigns.notifyCancelled",
  events: [CAMPAIGN_CANCELLED],
  async handle(tx, event, ctx) {
    const p = cancelledSchema.parse(event.payload);
    const [campaign] = await tx.select({ title: campaigns.title }).from(campaigns).where(eq(campaigns.id, p.campaignId));
    if (!campaign) return;
    const people = await tx
      .select({ id: users.id, locale: users.locale })
      .from(campaignParticipants)
      .innerJoin(users, eq(users.id, campaignParticipants.userId))
      .where(eq(campaignParticipants.campaignId, p.campaignId));
    for (const person of people) {
      const locale: MessageLocale = person.locale === "en" ? "en" : "zh-CN";
      await recordNotification(tx, ctx, {
        eventId: event.id,
        userId: person.id,
        type: "system",
        groupKey: `campaign:${p.campaignId}:cancelled`,
        actorId: null,
        subjectType: "system",
        subjectId: null,
        data: { kind: "campaign", campaignId: p.campaignId, action: "cancelled", reason: p.reason, excerpt: t(locale, "campaigns.notice.cancelled", { title: campaign.title, reason: p.reason }), href: `/campaigns/${p.campaignId}` },
        at: event.occurredAt,
      });
    }
  },
});

/** Outbox consumers of the campaigns area (registered through ../consumers.ts). */
export const campaignsConsumers: Consumer[] = [notifyCampaignReview, notifyCampaignCancelled];
