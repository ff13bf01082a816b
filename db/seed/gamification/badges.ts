import { eq } from "drizzle-orm";
import { badges } from "../../schema";
import { backfillBadges, ensureDefaultBadges, grantBadgeOnce } from "../../../server/gamification/badges";
import type { DemoSeedStep } from "../demo";

/**
 * The default badges, then the nightly backfill run once over the demo community so the badge pages
 * have holders (first posts, likes, streaks from the check-in seed), and the demo creator's
 * 认证创作者 badge with its e-certificate, granted by the demo staff account.
 */
const demoBadges: DemoSeedStep = {
  name: "badges",
  async run(tx, ctx, state) {
    const now = ctx.clock.now();
    await ensureDefaultBadges(tx, now);
    await backfillBadges(tx, now);
    const creator = state.users.creator;
    if (!creator) return;
    const [verified] = await tx.select().from(badges).where(eq(badges.slug, "verified-creator"));
    if (!verified) return;
    await grantBadgeOnce(tx, {
      badge: verified,
      userId: creator.id,
      source: null,
      reason: "平台认证的美妆护肤创作者",
      grantedBy: state.users.staff?.id ?? null,
      now,
    });
  },
};

/** Demo data of the badges area, run in order after the content steps (see ./steps.ts). */
export const badgesSeedSteps: DemoSeedStep[] = [demoBadges];
