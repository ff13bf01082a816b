import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { campaignParticipants, campaigns, campaignSubmissions, categories, creatorTiers, posts, topics, uploads, users, type CampaignStatus } from "../../../db/schema";
import { can, type CurrentUser } from "../../identity";
import { mediaUrl } from "../../media/views";
import type { CampaignView, SubmissionView } from "./schemas";

export type CampaignRow = typeof campaigns.$inferSelect;

const coverKey = sql<string | null>`(
  select coalesce(${uploads.variants} -> 'medium' ->> 'key', ${uploads.key}) from ${uploads}
  where ${uploads.id} = ${campaigns.coverUploadId} and ${uploads.status} = 'ready')`;

const campaignColumns = {
  row: campaigns,
  coverKey,
  categorySlug: categories.slug,
  categoryName: categories.nameZh,
  topicName: topics.name,
  creatorHandle: users.handle,
  creatorName: users.displayName,
  creatorAvatar: users.avatarKey,
};

/** How long after its end a campaign's entries may still be judged (and paid). */
export const JUDGING_GRACE_MS = 7 * 86_400_000;

/**
 * The status a reader sees. An active campaign reads upcoming before its start and ended after its end,
 * without a job to flip it (and a moved date takes effect at once); draft and cancelled are as stored.
 */
export function statusAt(row: Pick<CampaignRow, "status" | "startsAt" | "endsAt">, now: Date): CampaignStatus {
  if (row.status === "draft" || row.status === "cancelled" || row.status === "ended") return row.status;
  if (now < row.startsAt) return "upcoming";
  return row.endsAt <= now ? "ended" : "active";
}

/** Whether entries may still be judged: while it runs and for the grace period after its end, never once cancelled. */
export function judgingOpen(row: Pick<CampaignRow, "status" | "startsAt" | "endsAt">, now: Date): boolean {
  const status = statusAt(row, now);
  if (status === "active") return true;
  return status === "ended" && now.getTime() < row.endsAt.getTime() + JUDGING_GRACE_MS;
}

/**
 * Whether a user may run their own campaigns: staff and admins always; creators from tier C2 up. A
 * creator the daily tier run has not rated yet (no creator_tiers row) counts as C2, since approval is
 * itself the bar for C2's perks until the first evaluation.
 */
export async function mayRunCampaigns(db: Queryable, user: CurrentUser): Promise<boolean> {
  if (can(user, "create:campaign:any")) return true;
  if (!can(user, "create:campaign:own")) return false;
  const [tier] = await db.select({ tier: creatorTiers.tier }).from(creatorTiers).where(eq(creatorTiers.userId, user.id));
  return !tier || tier.tier !== "C1";
}

/** Who may judge a campaign's submissions: staff, or the creator who runs it. */
export function mayManage(user: CurrentUser | null, row: Pick<CampaignRow, "creatorId">): boolean {
  if (!user) return false;
  if (can(user, "manage:campaign:any")) return true;
  return row.creatorId !== null && row.creatorId === user.id;
}

export async function findCampaign(db: Queryable, id: string): Promise<CampaignRow | undefined> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  return row;
}

export async function campaignViews(
  db: Queryable,
  where: SQL | undefined,
  now: Date,
  viewer: CurrentUser | null,
  options: { limit?: number; fanOf?: Set<string> } = {},
): Promise<CampaignView[]> {
  const rows = await db
    .select(campaignColumns)
    .from(campaigns)
    .leftJoin(categories, eq(categories.id, campaigns.categoryId))
    .leftJoin(topics, eq(topics.id, campaigns.topicId))
    .leftJoin(users, eq(users.id, campaigns.creatorId))
    .where(where)
    .orderBy(desc(campaigns.startsAt), desc(campaigns.id))
    .limit(options.limit ?? 100);
  const ids = rows.map((r) => r.row.id);
  const joined = new Set<string>();
  if (viewer && ids.length > 0) {
    const mine = await db
      .select({ id: campaignParticipants.campaignId })
      .from(campaignParticipants)
      .where(and(eq(campaignParticipants.userId, viewer.id), inArray(campaignParticipants.campaignId, ids)));
    for (const m of mine) joined.add(m.id);
  }
  return rows.map(({ row, ...r }) => {
    const status = statusAt(row, now);
    return {
      id: row.id,
      ownerType: row.ownerType,
      creator: row.creatorId
        ? { id: row.creatorId, handle: r.creatorHandle!, displayName: r.creatorName!, avatarUrl: r.creatorAvatar ? mediaUrl(r.creatorAvatar) : null }
        : null,
      type: row.type,
      title: row.title,
      brief: row.brief,
      coverUploadId: r.coverKey ? row.coverUploadId : null,
      coverUrl: r.coverKey ? mediaUrl(r.coverKey) : null,
      category: r.categorySlug ? { slug: r.categorySlug, name: r.categoryName! } : null,
      topic: r.topicName,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      brandName: row.brandName,
      rewardPoints: row.rewardPoints,
      topExtraPoints: row.topExtraPoints,
      topN: row.topN,
      topBonusCents: row.topBonusCents,
      bonusRateBp: row.bonusRateBp,
      productIds: row.productIds,
      challengeId: row.challengeId,
      liveAt: row.liveAt?.toISOString() ?? null,
      fanGroupOnly: row.fanGroupOnly,
      status,
      cancelledAt: row.cancelledAt?.toISOString() ?? null,
      cancelReason: row.cancelReason,
      judgingEndsAt: new Date(row.endsAt.getTime() + JUDGING_GRACE_MS).toISOString(),
      participantCount: row.participantCount,
      submissionCount: row.submissionCount,
      createdAt: row.createdAt.toISOString(),
      viewer: viewer
        ? {
            joined: joined.has(row.id),
            canJoin: status === "active" && !joined.has(row.id) && (!row.fanGroupOnly || row.creatorId === viewer.id || Boolean(options.fanOf?.has(row.creatorId ?? ""))),
            canManage: mayManage(viewer, row),
            // The runner edits and cancels until the end; afterwards the campaign is a record.
            canEdit: mayManage(viewer, row) && (status === "upcoming" || status === "active" || status === "draft"),
          }
        : null,
    };
  });
}

export async function campaignViewById(db: Queryable, id: string, now: Date, viewer: CurrentUser | null, fanOf?: Set<string>): Promise<CampaignView | undefined> {
  return (await campaignViews(db, eq(campaigns.id, id), now, viewer, { limit: 1, fanOf }))[0];
}

export async function submissionViews(db: Queryable, where: SQL | undefined): Promise<SubmissionView[]> {
  const rows = await db
    .select({
      s: campaignSubmissions,
      title: posts.title,
      likeCount: posts.likeCount,
      handle: users.handle,
      displayName: users.displayName,
      avatarKey: users.avatarKey,
    })
    .from(campaignSubmissions)
    .innerJoin(posts, eq(posts.id, campaignSubmissions.postId))
    .innerJoin(users, eq(users.id, campaignSubmissions.userId))
    .where(where)
    .orderBy(desc(campaignSubmissions.topPick), asc(campaignSubmissions.submittedAt));
  return rows.map(({ s, ...r }) => ({
    id: s.id,
    campaignId: s.campaignId,
    post: { id: s.postId, title: r.title, likeCount: r.likeCount },
    member: { id: s.userId, handle: r.handle, displayName: r.displayName, avatarUrl: r.avatarKey ? mediaUrl(r.avatarKey) : null },
    status: s.status,
    reason: s.reason,
    topPick: s.topPick,
    rewardedPoints: s.rewardedPoints,
    rewardedCents: s.rewardedCents,
    submittedAt: s.submittedAt.toISOString(),
    reviewedAt: s.reviewedAt?.toISOString() ?? null,
  }));
}
