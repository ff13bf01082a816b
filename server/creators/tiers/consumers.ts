import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../../db/schema";
import { defineConsumer, type Consumer } from "../../jobs/consumer";
// The module, not the notifications index: the index reaches the jobs registry that lists this consumer.
import { recordNotification } from "../../notifications/record-notification";
import { t, type MessageLocale } from "../../shared/messages";
import { TIER_CHANGED, TIER_WARNING } from "./events";

const tierEnum = z.enum(["C1", "C2", "C3", "C4"]);
const warningSchema = z.looseObject({
  userId: z.uuid(),
  tier: tierEnum,
  pendingTier: tierEnum,
  demoteAfter: z.iso.datetime({ offset: true }),
  shortfall: z.looseObject({ followers: z.number(), engagement30d: z.number(), fanGroupSize: z.number(), gmv30dCents: z.number() }),
});
const changedSchema = z.looseObject({ userId: z.uuid(), fromTier: tierEnum.nullable(), toTier: tierEnum, reason: z.enum(["initial", "promoted", "demoted"]) });

async function localeOf(tx: Parameters<Consumer["handle"]>[0], userId: string): Promise<MessageLocale | null> {
  const [u] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return u ? (u.locale === "en" ? "en" : "zh-CN") : null;
}

/**
 * The one warning of a demotion grace: "keep C3: 2,000 more likes, favourites or comments, 100 more fans
 * or ¥3,000 GMV by <date>". One row per grace (the group key names its end), so a redelivery adds nothing.
 */
export const notifyTierWarning = defineConsumer({
  name: "creators.tiers.notifyWarning",
  events: [TIER_WARNING],
  async handle(tx, event, ctx) {
    const p = warningSchema.parse(event.payload);
    const locale = await localeOf(tx, p.userId);
    if (!locale) return;
    const num = new Intl.NumberFormat(locale);
    const yuan = new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", maximumFractionDigits: 0 });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: ctx.config.platformTimeZone }).format(new Date(p.demoteAfter));
    const s = p.shortfall;
    const ways = [
      t(locale, "creators.tier.way.engagement", { n: num.format(s.engagement30d) }),
      t(locale, "creators.tier.way.fans", { n: num.format(s.fanGroupSize) }),
      t(locale, "creators.tier.way.gmv", { amount: yuan.format(Math.ceil(s.gmv30dCents / 100)) }),
    ].join(t(locale, "creators.tier.or"));
    const followers = s.followers > 0 ? t(locale, "creators.tier.way.followers", { n: num.format(s.followers) }) : "";
    const excerpt = t(locale, "creators.tier.notice.warning", { tier: p.tier, ways, followers, date, lower: p.pendingTier });
    await recordNotification(tx, ctx, {
      eventId: event.id,
      userId: p.userId,
      type: "system",
      groupKey: `tier:warning:${p.userId}:${p.demoteAfter}`,
      actorId: null,
      subjectType: "system",
      subjectId: null,
      data: { kind: "tierWarning", tier: p.tier, pendingTier: p.pendingTier, demoteAfter: p.demoteAfter, excerpt, href: "/creator/tier" },
      at: event.occurredAt,
    });
  },
});

/** A promotion or demotion, in the creator's language (the first rating is silent). */
export const notifyTierChanged = defineConsumer({
  name: "creators.tiers.notifyChanged",
  events: [TIER_CHANGED],
  async handle(tx, event, ctx) {
    const p = changedSchema.parse(event.payload);
    if (p.reason === "initial") return;
    const locale = await localeOf(tx, p.userId);
    if (!locale) return;
    await recordNotification(tx, ctx, {
      eventId: event.id,
      userId: p.userId,
      type: "system",
      groupKey: `tier:changed:${p.userId}:${event.id}`,
      actorId: null,
      subjectType: "system",
      subjectId: null,
      data: { kind: "tierChanged", fromTier: p.fromTier, toTier: p.toTier, excerpt: t(locale, `creators.tier.notice.${p.reason}`, { tier: p.toTier }), href: "/creator/tier" },
      at: event.occurredAt,
    });
  },
});

export const tiersConsumers: Consumer[] = [notifyTierWarning, notifyTierChanged];
