import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { campaigns } from "../../../db/schema";

/**
 * The extra commission rate (basis points) a product push adds for `productId` sold through
 * `creatorId`'s link at `at`: the highest of the active pushes covering that moment — platform pushes
 * for every creator, a creator's own push for their links only. 0 when none applies. The commission
 * pipeline adds it to the product's own rate when it prices a line.
 */
export async function campaignBonusRateBp(db: Queryable, productId: string, creatorId: string, at: Date): Promise<number> {
  const [row] = await db
    .select({ bp: sql<number | null>`max(${campaigns.bonusRateBp})::int` })
    .from(campaigns)
    .where(
      and(
        eq(campaigns.type, "product_push"),
        eq(campaigns.status, "active"),
        lte(campaigns.startsAt, at),
        gt(campaigns.endsAt, at),
        sql`${productId}::uuid = any(${campaigns.productIds})`,
        sql`(${campaigns.ownerType} = 'platform' or ${campaigns.creatorId} = ${creatorId})`,
      ),
    );
  return Number(row?.bp ?? 0);
}
