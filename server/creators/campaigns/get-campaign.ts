import { and, asc, eq, gt, lte, or, sql } from "drizzle-orm";
import { campaignParticipants, campaigns, campaignSubmissions, users } from "../../../db/schema";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { mediaUrl } from "../../media/views";
import { AppError } from "../../shared/errors";
import { rowsOf } from "../../shared/sql-rows";
import { fanGroupsOf } from "../fan-groups/views";
import { isUuid, type CampaignResults, type CampaignView } from "./schemas";
import { campaignViewById, campaignViews, submissionViews } from "./views";

/** Campaigns people can see (drafts stay with whoever runs them), newest first. */
export async function listCampaigns(
  ctx: Pick<AppContext, "db" | "clock">,
  viewer: CurrentUser | null,
  query: { status?: "draft" | "active" | "ended"; creatorId?: string; limit?: number } = {},
): Promise<CampaignView[]> {
  const now = ctx.clock.now();
  const conds = [sql`${campaigns.status} <> 'draft'`];
  if (query.creatorId) conds.push(eq(campaigns.creatorId, query.creatorId));
  // Comparisons through the query builder, which binds a Date as a timestamp (a raw fragment would not).
  if (query.status === "active") conds.push(and(eq(campaigns.status, "active"), gt(campaigns.endsAt, now))!);
  if (query.status === "ended") conds.push(or(eq(campaigns.status, "ended"), lte(campaigns.endsAt, now))!);
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
  const [participants, submissions, perDay, paid] = await Promise.all([
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
      .select({ total: sql<number>`coalesce(sum(${campaignSubmissions.rewardedPoints}), 0)::int` })
      .from(campaignSubmissions)
      .where(eq(campaignSubmissions.campaignId, campaignId)),
  ]);
  return {
    campaign,
    participants: participants.map((p) => ({ id: p.id, handle: p.handle, displayName: p.displayName, avatarUrl: p.avatarKey ? mediaUrl(p.avatarKey) : null, joinedAt: p.joinedAt.toISOString() })),
    submissions,
    winners: submissions.filter((s) => s.topPick),
    perDay: rowsOf<{ day: string; count: number }>(perDay).map((r) => ({ day: r.day, count: Number(r.count) })),
    pointsPaid: Number(paid[0]?.total ?? 0),
  };
}
