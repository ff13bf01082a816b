import { and, eq, inArray, isNotNull, ne } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { campaigns, campaignSubmissions } from "../../../db/schema";

/**
 * The brand behind each of `postIds` that is entered in a brand campaign (a rejected entry is no longer
 * part of it): the note page and cards show the 合作 (paid partnership) disclosure with it.
 */
export async function brandDisclosures(db: Queryable, postIds: readonly string[]): Promise<Map<string, string>> {
  if (postIds.length === 0) return new Map();
  const rows = await db
    .select({ postId: campaignSubmissions.postId, brand: campaigns.brandName })
    .from(campaignSubmissions)
    .innerJoin(campaigns, eq(campaigns.id, campaignSubmissions.campaignId))
    .where(and(inArray(campaignSubmissions.postId, [...postIds]), isNotNull(campaigns.brandName), ne(campaignSubmissions.status, "rejected")));
  return new Map(rows.map((r) => [r.postId, r.brand!]));
}
