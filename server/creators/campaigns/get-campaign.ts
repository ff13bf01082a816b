import { and, asc, eq, gt, lte, or, sql } from "drizzle-orm";
import { campaignParticipants, campaigns, campaignSubmissions, users, type CampaignStatus } from "../../../db/schema";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { mediaUrl } from "../../media/views";
import { localDate } from "../../shared/clock";
import { AppError } from "../../shared/errors";
import { rowsOf } from "../../shared/sql-rows";
import { fanGroupsOf } from "../fan-groups/views";
import { isUuid, type CampaignResults, type CampaignView } from "./schemas";
import { campaignViewById, campaignViews, submissionViews } from "./views";

/** Campaigns people can see (drafts stay with whoever runs them), newest first; `status` filters by the state read now. */
export async function listCampaigns(
  ctx: Pick<AppContext, "db" | "clock">,
  viewer: CurrentUser | null,
  query: { status?: CampaignStatus; creatorId?: string; limit?: number } = {},
): Promise<CampaignView[]> {
  const now = ctx.clock.now();
  const conds = [sql`${campaigns.status} <> 'draft'`];
  if (query.creatorId) conds.push(eq(campaigns.creatorId, query.creatorId));
  // Comparisons through the query builder, which binds a Date as a timestamp (a raw fragment would not).
  if (query.status === "upcoming") conds.push(and(eq(campaigns.status, "active"), gt(campaigns.startsAt, now))!);
  if (query.status === "active") conds.push(and(eq(campaigns.status, "active"), lte(campaigns.startsAt, now), gt(campaigns.endsAt, now))!);
  if (query.status === "ended") conds.push(or(eq(campaigns.status, "ended"), and(eq(campaigns.status, "active"), lte(campaigns.endsAt, now)))!);
  if (query.status === "cancelled") conds.push(eq(campaigns.status, "cancelled"));
  if (query.status === "draft") return [];
  return campaignViews(ctx.db, and(...conds), now, viewer, { limit: query.limit ?? 50, fanOf: await fanGroupsOf(ctx.db, viewer?.id) });
}

export async function getCampaign(ctx: Pick<AppContext, "db" | "clock">, viewer: CurrentUser | null, campaignId: string): Promise<CampaignView> {
  if (!isUuid(campaignId)) throw new AppError("NOT_FOUND", "campaigns.notFound");
  const view = await campaignViewById(ctx.db, campaignId, ctx.clock.now(), viewer, await fanGroupsOf(ctx.db, viewer?.id));
  if (!view || (view.status === "draft" && !view.viewer?.canManage)) throw new AppError("NOT_FOUND", "campaigns.notFound");
  return view;
}

/**
 * A campaign's results: participants, submissions (approved ones for the public; every one, with
 * reasons, for whoever judges it — and members see their own), the winners, submissions per day for
 * the chart and the points paid.
 */
export async function getCampaignResults(ctx: AppContext, viewer: CurrentUser | null, campaignId: string): Promise<CampaignResults> {
  const campaign = await getCampaign(ctx, viewer, campaignId);
  const judge = Boolean(campaign.viewer?.canManage);
  const tz = ctx.config.platformTimeZone;
  const visible = judge
    ? eq(campaignSubmissions.campaignId, campaignId)
    : and(eq(campaignSubmissions.campaignId, campaignId), viewer ? sql`(${campaignSubmissions.status} = 'approved' or ${campaignSubmissions.userId} = ${viewer.id})` : eq(campaignSubmissions.status, "approved"));
  const [participants, submissions, perDay, paid, joinsPerDay] = await Promise.all([
    ctx.db
      .select({ id: users.id, handle: users.handle, displayName: users.displayName, avatarKey: users.avatarKey, joinedAt: campaignParticipants.joinedAt })
      .from(campaignParticipants)
      .innerJoin(users, eq(users.id, campaignParticipants.userId))
      .where(eq(campaignParticipants.campaignId, campaignId))
      .orderBy(asc(campaignParticipants.joinedAt))
      .limit(200),
    submissionViews(ctx.db, visible),
    ctx.db.execute(sql`
      select to_char(submitted_at at time zone ${tz}, 'YYYY-MM-DD') as day, count(*)::int as count
      from campaign_submissions where campaign_id = ${campaignId}
      group by 1 order by 1`),
    ctx.db
      .select({
        total: sql<number>`coalesce(sum(${campaignSubmissions.rewardedPoints}), 0)::int`,
        cents: sql<number>`coalesce(sum(${campaignSubmissions.rewardedCents}), 0)::int`,
      })
      .from(campaignSubmissions)
      .where(eq(campaignSubmissions.campaignId, campaignId)),
    ctx.db.execute(sql`
      select to_char(joined_at at time zone ${tz}, 'YYYY-MM-DD') as day, count(*)::int as count
      from campaign_participants where campaign_id = ${campaignId}
      group by 1 order by 1`),
  ]);
  const perDayRows = rowsOf<{ day: string; count: number }>(perDay).map((r) => ({ day: r.day, count: Number(r.count) }));
  const joinRows = new Map(rowsOf<{ day: string; count: number }>(joinsPerDay).map((r) => [r.day, Number(r.count)]));
  return {
    campaign,
    participants: participants.map((p) => ({ id: p.id, handle: p.handle, displayName: p.displayName, avatarUrl: p.avatarKey ? mediaUrl(p.avatarKey) : null, joinedAt: p.joinedAt.toISOString() })),
    submissions,
    winners: submissions.filter((s) => s.topPick),
    perDay: perDayRows,
    pointsPaid: Number(paid[0]?.total ?? 0),
    cashPaidCents: Number(paid[0]?.cents ?? 0),
    activity: activityDays(campaign, ctx.clock.now(), tz, joinRows, new Map(perDayRows.map((r) => [r.day, r.count]))),
  };
}

/** Every day from the start to today (or the end, or the cancellation), capped at 60 days, with the joins and entries of each. */
function activityDays(campaign: CampaignView, now: Date, tz: string, joins: Map<string, number>, entries: Map<string, number>): CampaignResults["activity"] {
  const stop = Math.min(now.getTime(), Date.parse(campaign.endsAt), campaign.cancelledAt ? Date.parse(campaign.cancelledAt) : Infinity);
  const first = localDate(new Date(campaign.startsAt), tz);
  const last = localDate(new Date(Math.max(stop, Date.parse(campaign.startsAt))), tz);
  const days: string[] = [];
  for (let d = Date.parse(`${first}T00:00:00Z`); d <= Date.parse(`${last}T00:00:00Z`); d += 86_400_000) days.push(new Date(d).toISOString().slice(0, 10));
  // Joins and entries from before the first day (none in practice) or a long campaign's early days fold out of view.
  return days.slice(-60).map((day) => ({ day, participants: joins.get(day) ?? 0, submissions: entries.get(day) ?? 0 }));
}
