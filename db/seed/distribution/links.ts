import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "../../client";
import { distributionLinks, distributionRights, linkClicks, posts, products, userRoles, users, visitorBindings } from "../../schema";
import type { AppContext } from "../../../server/context";
import { hashIp } from "../../../server/distribution/attribution/record-click";
import { newVisitorId } from "../../../server/distribution/attribution/visitor-cookie";
import { newLinkCode } from "../../../server/distribution/links/link-code";
import { SeededRandom } from "../content/random";
import type { DemoSeedStep } from "../demo";

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const BROWSERS = [
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47",
  "Mozilla/5.0 (Linux; Android 14; 2312DRA50C) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 XWEB/1160117",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
];
const BOT = "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)";
const REFERRERS = ["https://servicewechat.com/", "https://weibo.com/", "https://www.xiaohongshu.com/", null, null];

/**
 * The demo's distribution links: the demo creators hold rights (path "creator", as approval would
 * grant) and share links to products on sale and to their own notes, with 14 days of clicks — a
 * weekend bump, repeat clicks within a day kept but not counted, a few crawler hits, and some visitors
 * who later signed up or logged in (bound to demo members), so attribution has something to find.
 * The links' counters are computed from the clicks written, as recordClick would have moved them.
 */
export const linksSeedSteps: DemoSeedStep[] = [
  {
    name: "distribution links",
    run: async (tx, ctx, state) => {
      const now = ctx.clock.now();
      const random = new SeededRandom(5_050_505);
      const creators = await demoCreators(tx, state.users.creator?.id);
      if (creators.length === 0) return;
      await tx
        .insert(distributionRights)
        .values(creators.map((userId) => ({ userId, path: "creator" as const, grantedAt: new Date(now.getTime() - 30 * DAY_MS), updatedAt: now })))
        .onConflictDoNothing({ target: distributionRights.userId });

      const onSale = await tx.select({ id: products.id }).from(products).where(eq(products.status, "active")).orderBy(desc(products.createdAt), products.id).limit(4);
      const boundMembers = (await tx.select({ id: users.id }).from(users).where(inArray(users.handle, ["member", "taozi_tang", "naicha_xuming", "shanye_laixin"]))).map((r) => r.id);

      for (const [index, creatorId] of creators.entries()) {
        const notes = await tx
          .select({ id: posts.id })
          .from(posts)
          .where(and(eq(posts.authorId, creatorId), eq(posts.status, "published")))
          .orderBy(desc(posts.publishedAt), posts.id)
          .limit(index === 0 ? 2 : 1);
        const targets = [
          ...(index === 0 ? onSale : onSale.slice(0, 1)).map((p) => ({ targetType: "product" as const, productId: p.id, postId: null })),
          ...notes.map((n) => ({ targetType: "post" as const, productId: null, postId: n.id })),
        ];
        for (const [i, target] of targets.entries()) {
          const createdAt = new Date(now.getTime() - (15 + i) * DAY_MS);
          // A creator who already shares this target keeps their link (one live link per target).
          const [link] = await tx
            .insert(distributionLinks)
            .values({ code: newLinkCode(), creatorId, ...target, createdAt })
            .onConflictDoNothing()
            .returning({ id: distributionLinks.id });
          if (!link) continue;
          await seedClicks(tx, ctx, random, link.id, now, { popularity: index === 0 ? 1 - i * 0.2 : 0.3, boundMembers });
        }
      }
      // The counters recordClick keeps, from the clicks just written.
      await tx.execute(sql`
        update distribution_links l
        set clicks = s.clicks, unique_visitors = s.visitors
        from (
          select link_id, count(*) filter (where counted)::int as clicks, count(distinct visitor_id) filter (where counted)::int as visitors
          from link_clicks group by link_id
        ) s
        where s.link_id = l.id`);
    },
  },
];

/** The demo "creator" and, when the content seed gave some members the creator role, up to two of them. */
async function demoCreators(tx: Transaction, demoCreatorId: string | undefined): Promise<string[]> {
  const others = await tx
    .select({ id: userRoles.userId })
    .from(userRoles)
    .where(eq(userRoles.role, "creator"))
    .orderBy(userRoles.userId)
    .limit(3);
  return [...new Set([...(demoCreatorId ? [demoCreatorId] : []), ...others.map((r) => r.id)])].slice(0, 3);
}

async function seedClicks(
  tx: Transaction,
  ctx: AppContext,
  random: SeededRandom,
  linkId: string,
  now: Date,
  options: { popularity: number; boundMembers: string[] },
) {
  const rows: (typeof linkClicks.$inferInsert)[] = [];
  const bindings: (typeof visitorBindings.$inferInsert)[] = [];
  // A pool of returning visitors, so unique visitors trail clicks the way real traffic does.
  const regulars = Array.from({ length: 6 }, () => newVisitorId());
  for (let day = 13; day >= 0; day--) {
    const midnight = now.getTime() - day * DAY_MS;
    const weekday = new Date(midnight).getUTCDay();
    const weekend = weekday === 0 || weekday === 6 ? 1.8 : 1;
    const count = Math.round(random.int(2, 14) * options.popularity * weekend);
    for (let i = 0; i < count; i++) {
      const at = new Date(midnight - random.int(0, 20) * HOUR_MS - random.int(0, 59) * 60_000);
      if (at > now) continue;
      const regular = random.chance(0.25);
      const visitorId = regular ? random.pick(regulars) : newVisitorId();
      const bot = random.chance(0.05);
      rows.push({
        linkId,
        visitorId,
        userId: null,
        at,
        referrer: random.pick(REFERRERS),
        userAgent: bot ? BOT : random.pick(BROWSERS),
        ipHash: hashIp(ctx, `198.51.100.${random.int(1, 254)}`),
        counted: false, // decided below, in time order
        isBot: bot,
      });
      if (!regular && !bot && options.boundMembers.length > 0 && random.chance(0.08)) {
        bindings.push({ visitorId, userId: random.pick(options.boundMembers), boundAt: new Date(at.getTime() + 10 * 60_000) });
      }
    }
  }
  // Counted: a human's click at least 24 hours after that visitor's last counted click on this link.
  rows.sort((a, b) => a.at!.getTime() - b.at!.getTime());
  const lastCounted = new Map<string, number>();
  for (const row of rows) {
    const last = lastCounted.get(row.visitorId);
    const counted = !row.isBot && (last === undefined || row.at!.getTime() - last >= DAY_MS);
    row.counted = counted;
    if (counted) lastCounted.set(row.visitorId, row.at!.getTime());
  }
  if (rows.length > 0) await tx.insert(linkClicks).values(rows);
  if (bindings.length > 0) await tx.insert(visitorBindings).values(bindings).onConflictDoNothing({ target: visitorBindings.visitorId });
}
