import { and, eq, isNull, sql } from "drizzle-orm";
import { distributionLinks, posts, products } from "../../../db/schema";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { AppError, pgErrorCode } from "../../shared/errors";
import { hasDistributionRights } from "../rights/has-distribution-rights";
import { newLinkCode } from "./link-code";
import { createLinkSchema, type CreateLinkInput, type LinkView } from "./schemas";
import { linkViewOf, selectLinks, shareOrigin } from "./views";
import { parseInput } from "../../identity/parse-input";

/**
 * A member's share link to a product or a note. Only members with distribution rights (creator, tasks,
 * membership or staff path) may create one. There is one live link per member and target: asking again
 * returns the same link (`created: false`), so a retried tap never splits a creator's stats.
 *
 * The unique index on (creator, target type, product, post) can't enforce that on its own — one of the
 * two target columns is always null and nulls are distinct in a unique index — so concurrent creations
 * for one member and target are serialised by a transaction-scoped advisory lock on that pair.
 */
export async function createDistributionLink(
  ctx: Pick<AppContext, "db" | "clock" | "config">,
  user: CurrentUser,
  input: CreateLinkInput,
  options: { origin?: string | null } = {},
): Promise<{ link: LinkView; created: boolean }> {
  const data = parseInput(createLinkSchema, input);
  if (!(await hasDistributionRights(ctx.db, user.id))) throw new AppError("FORBIDDEN", "distribution.links.noRights");
  const now = ctx.clock.now();
  const origin = shareOrigin(ctx, options.origin);
  const productId = data.targetType === "product" ? data.targetId : null;
  const postId = data.targetType === "post" ? data.targetId : null;

  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`link:${user.id}:${data.targetId}`}, 0))`);
    const live = and(eq(distributionLinks.creatorId, user.id), isNull(distributionLinks.archivedAt));
    const [existing] = await selectLinks(tx)
      .where(and(live, productId ? eq(distributionLinks.productId, productId) : eq(distributionLinks.postId, postId!)))
      .limit(1);
    if (existing) return { link: linkViewOf(existing, origin), created: false };

    // What can be shared: a product on sale, a published note.
    const [target] =
      data.targetType === "product"
        ? await tx.select({ id: products.id }).from(products).where(and(eq(products.id, data.targetId), eq(products.status, "active")))
        : await tx.select({ id: posts.id }).from(posts).where(and(eq(posts.id, data.targetId), eq(posts.status, "published")));
    if (!target) throw new AppError("NOT_FOUND", "distribution.links.targetNotFound", { fields: { targetId: ["distribution.links.targetNotFound"] } });

    // A code collision (≈ 58 bits) is all but impossible; try a fresh code a few times rather than fail.
    for (let attempt = 0; ; attempt++) {
      try {
        const [row] = await tx
          .insert(distributionLinks)
          .values({ code: newLinkCode(), creatorId: user.id, targetType: data.targetType, productId, postId, createdAt: now })
          .onConflictDoNothing({ target: distributionLinks.code })
          .returning({ id: distributionLinks.id });
        if (!row) {
          if (attempt < 3) continue;
          throw new AppError("CONFLICT", "distribution.links.codeCollision");
        }
        const [created] = await selectLinks(tx).where(eq(distributionLinks.id, row.id));
        return { link: linkViewOf(created!, origin), created: true };
      } catch (error) {
        if (pgErrorCode(error) === "23503") throw new AppError("NOT_FOUND", "distribution.links.targetNotFound");
        throw error;
      }
    }
  });
}
