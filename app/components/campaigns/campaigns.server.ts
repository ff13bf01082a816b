/**
 * Campaigns and fan groups as the web UI uses them. Routes import server code only through `.server`
 * modules, so none of it can reach the browser bundle.
 */
export {
  cancelCampaign,
  createCampaign,
  getCampaign,
  getCampaignResults,
  getFanGroup,
  joinCampaign,
  joinFanGroup,
  leaveFanGroup,
  listCampaigns,
  mayRunCampaigns,
  reviewSubmission,
  submitToCampaign,
  updateCampaign,
  type CampaignResults,
  type CampaignView,
  type CreateCampaignInput,
  type FanGroupView,
  type ReviewSubmissionInput,
  type SubmissionView,
  type UpdateCampaignInput,
} from "../../../server/creators";
export { formFailure, type FormFailure } from "~/components/rewards/form-errors.server";
export { isoToLocalInput, localInputToIso } from "~/components/rewards/local-time";

import { and, asc, desc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import type { AppLoadContext } from "@remix-run/node";
import { campaigns, campaignSubmissions, categories, distributionLinks, posts, products, users } from "../../../db/schema";
import { listCampaigns } from "../../../server/creators";
import type { CurrentUser } from "../../../server/identity";

/** The handle's user id, or null. */
export async function userIdByHandle(context: AppLoadContext, handle: string): Promise<string | null> {
  const [row] = await context.db.select({ id: users.id }).from(users).where(sql`lower(${users.handle}) = ${handle.toLowerCase()}`);
  return row?.id ?? null;
}

/** Active categories for the campaign form. */
export async function categoryOptions(context: AppLoadContext) {
  return context.db.select({ slug: categories.slug, nameZh: categories.nameZh, nameEn: categories.nameEn }).from(categories).where(eq(categories.isActive, true)).orderBy(asc(categories.slug));
}

/** Products on sale for the campaign form's product list. */
export async function productOptions(context: AppLoadContext) {
  return context.db.select({ id: products.id, title: products.title }).from(products).where(eq(products.status, "active")).orderBy(desc(products.createdAt)).limit(50);
}

/** A campaign's products with, for a creator's campaign, that creator's live link to each (the live invitation's shop list). */
export async function campaignProducts(context: AppLoadContext, productIds: readonly string[], creatorId: string | null) {
  if (productIds.length === 0) return [];
  const rows = await context.db
    .select({ id: products.id, title: products.title, priceCents: products.priceCents })
    .from(products)
    .where(inArray(products.id, [...productIds]));
  const links = creatorId
    ? await context.db
        .select({ productId: distributionLinks.productId, code: distributionLinks.code })
        .from(distributionLinks)
        .where(and(eq(distributionLinks.creatorId, creatorId), inArray(distributionLinks.productId, [...productIds]), isNull(distributionLinks.archivedAt)))
    : [];
  const codes = new Map(links.map((l) => [l.productId, l.code]));
  return rows.map((r) => ({ ...r, linkCode: codes.get(r.id) ?? null }));
}

/** The member's published notes since `since`, newest first, that they could enter. */
export async function eligibleNotes(context: AppLoadContext, user: CurrentUser, since: string) {
  return context.db
    .select({ id: posts.id, title: posts.title })
    .from(posts)
    .where(and(eq(posts.authorId, user.id), eq(posts.status, "published"), gte(posts.publishedAt, new Date(since))))
    .orderBy(desc(posts.publishedAt))
    .limit(30);
}

/** Entries waiting for a judge, oldest first: every campaign for staff. */
export async function pendingSubmissionIds(context: AppLoadContext) {
  const rows = await context.db
    .select({ campaignId: campaignSubmissions.campaignId })
    .from(campaignSubmissions)
    .innerJoin(campaigns, eq(campaigns.id, campaignSubmissions.campaignId))
    .where(eq(campaignSubmissions.status, "submitted"))
    .groupBy(campaignSubmissions.campaignId)
    .orderBy(sql`min(${campaignSubmissions.submittedAt})`)
    .limit(20);
  return rows.map((r) => r.campaignId);
}

/** A creator's own campaigns for their fan page. */
export async function creatorCampaigns(context: AppLoadContext, viewer: CurrentUser | null, creatorId: string) {
  return listCampaigns(context, viewer, { creatorId, limit: 10 });
}
