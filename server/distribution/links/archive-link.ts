import { and, eq, isNull } from "drizzle-orm";
import { distributionLinks } from "../../../db/schema";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import type { LinkView } from "./schemas";
import { findOwnLink } from "./list-links";
import { linkViewOf, shareOrigin } from "./views";

/**
 * Retires one of the caller's links: /d/<code> answers 404 from then on and a new link to the same
 * target may be created. Its stats and clicks stay (orders it already brought keep their commission).
 * Archiving an archived link changes nothing.
 */
export async function archiveDistributionLink(
  ctx: Pick<AppContext, "db" | "clock" | "config">,
  user: CurrentUser,
  linkId: string,
  options: { origin?: string | null } = {},
): Promise<LinkView> {
  const row = await findOwnLink(ctx, user, linkId);
  const [updated] = await ctx.db
    .update(distributionLinks)
    .set({ archivedAt: ctx.clock.now() })
    .where(and(eq(distributionLinks.id, row.id), isNull(distributionLinks.archivedAt)))
    .returning({ archivedAt: distributionLinks.archivedAt });
  return linkViewOf({ ...row, archivedAt: updated?.archivedAt ?? row.archivedAt }, shareOrigin(ctx, options.origin));
}
