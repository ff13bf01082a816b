import { eq, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { distributionLinks, posts, products, uploads } from "../../../db/schema";
import type { AppContext } from "../../context";
import { mediaUrl } from "../../media/views";
import type { LinkTargetType, LinkView } from "./schemas";

/** A target's picture: the medium rendition of the product's cover or the note's cover, when ready. */
const imageKeyOf = (uploadId: unknown) => sql<string | null>`(
  select coalesce(${uploads.variants} -> 'medium' ->> 'key', ${uploads.key}) from ${uploads}
  where ${uploads.id} = ${uploadId} and ${uploads.status} = 'ready')`;

/** The columns every link view needs: the link, its stats and what it points at (one query, two left joins). */
export const linkColumns = {
  id: distributionLinks.id,
  code: distributionLinks.code,
  creatorId: distributionLinks.creatorId,
  targetType: distributionLinks.targetType,
  productId: distributionLinks.productId,
  postId: distributionLinks.postId,
  clicks: distributionLinks.clicks,
  uniqueVisitors: distributionLinks.uniqueVisitors,
  orders: distributionLinks.orders,
  gmvCents: distributionLinks.gmvCents,
  commissionCents: distributionLinks.commissionCents,
  createdAt: distributionLinks.createdAt,
  archivedAt: distributionLinks.archivedAt,
  title: sql<string>`coalesce(${products.title}, ${posts.title}, '')`,
  priceCents: products.priceCents,
  imageKey: sql<string | null>`coalesce(${imageKeyOf(products.coverUploadId)}, ${imageKeyOf(posts.coverUploadId)})`,
};

export type LinkRow = {
  id: string;
  code: string;
  creatorId: string;
  targetType: LinkTargetType;
  productId: string | null;
  postId: string | null;
  clicks: number;
  uniqueVisitors: number;
  orders: number;
  gmvCents: number;
  commissionCents: number;
  createdAt: Date;
  archivedAt: Date | null;
  title: string;
  priceCents: number | null;
  imageKey: string | null;
};

/** Links with their targets; callers add the owner and status conditions. */
export function selectLinks(db: Queryable) {
  return db
    .select(linkColumns)
    .from(distributionLinks)
    .leftJoin(products, eq(products.id, distributionLinks.productId))
    .leftJoin(posts, eq(posts.id, distributionLinks.postId));
}

/** Where a link sends its visitors. */
export const targetPath = (type: LinkTargetType, id: string) => (type === "product" ? `/products/${id}` : `/n/${id}`);

/**
 * The origin printed in shared links and QR codes: PUBLIC_URL when set (the address people can reach
 * behind a proxy), else the origin the request came in on, else nothing (a path).
 */
export function shareOrigin(ctx: Pick<AppContext, "config">, requestOrigin?: string | null): string {
  return (ctx.config.publicUrl ?? requestOrigin ?? "").replace(/\/+$/, "");
}

export function linkViewOf(row: LinkRow, origin: string): LinkView {
  const targetId = (row.targetType === "product" ? row.productId : row.postId)!;
  return {
    id: row.id,
    code: row.code,
    url: `${origin}/d/${row.code}`,
    target: {
      type: row.targetType,
      id: targetId,
      title: row.title,
      priceCents: row.priceCents ?? null,
      imageUrl: row.imageKey ? mediaUrl(row.imageKey) : null,
      path: targetPath(row.targetType, targetId),
    },
    stats: {
      clicks: Number(row.clicks),
      uniqueVisitors: Number(row.uniqueVisitors),
      orders: Number(row.orders),
      gmvCents: Number(row.gmvCents),
      commissionCents: Number(row.commissionCents),
    },
    createdAt: new Date(row.createdAt).toISOString(),
    archivedAt: row.archivedAt ? new Date(row.archivedAt).toISOString() : null,
  };
}
