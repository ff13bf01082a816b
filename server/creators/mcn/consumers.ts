import { eq } from "drizzle-orm";
import { z } from "zod";
import { mcnMembers, mcns, users } from "../../../db/schema";
import { defineConsumer, type Consumer } from "../../jobs/consumer";
// The module, not the notifications index: the index reaches the jobs registry that lists this consumer.
import { recordNotification } from "../../notifications/record-notification";
import { t, type MessageLocale } from "../../shared/messages";
import { MCN_CONTRACT_ENDED, MCN_CONTRACT_NOTICE, MCN_INVITED } from "./events";

const invitedSchema = z.looseObject({ invitationId: z.uuid(), mcnId: z.uuid(), creatorId: z.uuid(), shareBp: z.number().int() });
const contractSchema = z.looseObject({ contractId: z.uuid(), mcnId: z.uuid(), creatorId: z.uuid(), endsAt: z.iso.datetime({ offset: true }) });

type Tx = Parameters<Consumer["handle"]>[0];
const localeOf = async (tx: Tx, userId: string): Promise<MessageLocale | null> => {
  const [u] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return u ? (u.locale === "en" ? "en" : "zh-CN") : null;
};
const mcnName = async (tx: Tx, mcnId: string) => (await tx.select({ name: mcns.name }).from(mcns).where(eq(mcns.id, mcnId)))[0]?.name ?? "MCN";

/** The invited creator hears of the invitation in their inbox, with the share, and a link to answer. */
export const notifyMcnInvitation = defineConsumer({
  name: "creators.mcn.notifyInvitation",
  events: [MCN_INVITED],
  async handle(tx, event, ctx) {
    const p = invitedSchema.parse(event.payload);
    const locale = await localeOf(tx, p.creatorId);
    if (!locale) return;
    const excerpt = t(locale, "creators.mcn.notice.invited", { mcn: await mcnName(tx, p.mcnId), share: `${p.shareBp / 100}%` });
    await recordNotification(tx, ctx, {
      eventId: event.id,
      userId: p.creatorId,
      type: "system",
      groupKey: `mcn:invitation:${p.invitationId}`,
      actorId: null,
      subjectType: "system",
      subjectId: null,
      data: { kind: "mcnInvitation", invitationId: p.invitationId, excerpt, href: "/mcn/invitations" },
      at: event.occurredAt,
    });
  },
});

/** Notice given or a contract ended: the creator and every admin of the MCN are told, each in their language. */
export const notifyMcnContract = defineConsumer({
  name: "creators.mcn.notifyContract",
  events: [MCN_CONTRACT_NOTICE, MCN_CONTRACT_ENDED],
  async handle(tx, event, ctx) {
    const p = contractSchema.parse(event.payload);
    const name = await mcnName(tx, p.mcnId);
    const admins = await tx.select({ id: mcnMembers.userId }).from(mcnMembers).where(eq(mcnMembers.mcnId, p.mcnId));
    const kind = event.type === MCN_CONTRACT_ENDED ? "ended" : "noticeGiven";
    for (const [userId, href] of [[p.creatorId, "/mcn/invitations"], ...admins.map((a) => [a.id, "/mcn"] as const)] as const) {
      const locale = await localeOf(tx, userId);
      if (!locale) continue;
      const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: ctx.config.platformTimeZone }).format(new Date(p.endsAt));
      await recordNotification(tx, ctx, {
        eventId: event.id,
        userId,
        type: "system",
        groupKey: `mcn:contract:${p.contractId}:${kind}`,
        actorId: null,
        subjectType: "system",
        subjectId: null,
        data: { kind: "mcnContract", contractId: p.contractId, status: kind, excerpt: t(locale, `creators.mcn.notice.${kind}`, { mcn: name, date }), href },
        at: event.occurredAt,
      });
    }
  },
});

export const mcnConsumers: Consumer[] = [notifyMcnInvitation, notifyMcnContract];
