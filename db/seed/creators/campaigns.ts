import { and, asc, desc, eq, gte, isNotNull, ne, sql } from "drizzle-orm";
import { categories, distributionLinks, fanGroupMembers, posts, products, users } from "../../schema";
import type { AppContext } from "../../../server/context";
import { cancelCampaign, createCampaign, joinCampaign, reviewSubmission, submitToCampaign } from "../../../server/creators/campaigns";
import { renderImage } from "../content/images";
import { COVER_VARIANTS, storeRenderedUpload } from "../content/uploads";
import { joinFanGroup, markPostFanOnly } from "../../../server/creators/fan-groups";
import { fanLevelFor, INTERACTION_POINTS } from "../../../server/creators/fan-groups/levels";
import { findCurrentUser, type CurrentUser } from "../../../server/identity";
import { FixedClock } from "../../../server/shared/clock";
import { rowsOf } from "../../../server/shared/sql-rows";
import type { DemoSeedStep } from "../demo";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The demo's campaigns and fan group, made through the domain functions at their moments:
 *
 * - the demo creator's fan group: the likes and comments members already left on the creator's notes
 *   count as fan interaction (what the interaction consumer records), and the most engaged members,
 *   the demo member among them, join — so the fan page shows several levels; their oldest commented
 *   note is fan-only (text, pictures and comments for fans);
 * - a platform brand bounty (润百颜) started 10 days ago: members who posted in 美妆 since then join
 *   and enter their notes; staff approve most, reject one with a reason and pick one top note;
 * - the creator's product push on the products they link to (+5 % for two weeks);
 * - the creator's fan-only 14-day check-in challenge, joined by their fans;
 * - the creator's live-stream invitation three days from now with the same products;
 * - an ended platform bounty (26 to 11 days ago) with its results: approved entries, a top pick paid
 *   points and a ¥50 cash bonus and featured on the home page;
 * - an upcoming platform bounty opening in three days (visible with its countdown, not joinable yet);
 * - a creator's Q&A bounty cancelled with a reason, its participants told.
 * The platform bounties carry rendered cover pictures.
 */
export const campaignsSeedSteps: DemoSeedStep[] = [
  {
    name: "campaigns and fan groups",
    async run(tx, ctx, state) {
      const staff = state.users.staff;
      const creator = state.users.creator;
      const member = state.users.member;
      if (!staff || !creator) return;
      const db = tx as unknown as AppContext["db"];
      const now = ctx.clock.now();
      const at = (when: Date) => ({ ...ctx, db, clock: new FixedClock(when) });
      const find = async (id: string) => (await findCurrentUser(tx, id)) as CurrentUser;

      // ---- the creator's fan group ----
      await tx.execute(sql`
        insert into fan_interactions (source_key, creator_id, user_id, points, at)
        select 'like:' || l.post_id || ':' || l.user_id, p.author_id, l.user_id, ${INTERACTION_POINTS.like}, l.created_at
        from likes l join posts p on p.id = l.post_id
        where p.author_id = ${creator.id} and l.user_id <> ${creator.id}
        on conflict (source_key) do nothing`);
      await tx.execute(sql`
        insert into fan_interactions (source_key, creator_id, user_id, points, at)
        select 'comment:' || c.id, p.author_id, c.author_id, ${INTERACTION_POINTS.comment}, c.created_at
        from comments c join posts p on p.id = c.post_id
        where p.author_id = ${creator.id} and c.author_id <> ${creator.id}
        on conflict (source_key) do nothing`);
      const engaged = await tx.execute(sql`
        select user_id, sum(points)::int as points from fan_interactions
        where creator_id = ${creator.id} group by user_id order by 2 desc, 1 limit 14`);
      const fanIds = new Set<string>(rowsOf<{ user_id: string }>(engaged).map((r) => r.user_id));
      if (member) fanIds.add(member.id);
      let joinAt = now.getTime() - 20 * DAY;
      for (const id of fanIds) {
        joinAt += 6 * HOUR;
        await joinFanGroup(at(new Date(joinAt)), await find(id), creator.id);
      }
      // A few fans have been around longer than the seeded notes: spread them over the levels.
      const fans = [...fanIds];
      for (const [i, id] of fans.slice(0, 4).entries()) {
        const extra = [220, 90, 40, 12][i]!;
        await tx.execute(sql`
          insert into fan_interactions (source_key, creator_id, user_id, points, at)
          values (${`seed:history:${creator.id}:${id}`}, ${creator.id}, ${id}, ${extra}, ${new Date(now.getTime() - 60 * DAY).toISOString()}::timestamptz)
          on conflict (source_key) do nothing`);
        const [row] = await tx
          .update(fanGroupMembers)
          .set({ interactionPoints: sql`${fanGroupMembers.interactionPoints} + ${extra}` })
          .where(and(eq(fanGroupMembers.creatorId, creator.id), eq(fanGroupMembers.userId, id)))
          .returning({ points: fanGroupMembers.interactionPoints });
        if (row) {
          await tx
            .update(fanGroupMembers)
            .set({ level: fanLevelFor(row.points) })
            .where(and(eq(fanGroupMembers.creatorId, creator.id), eq(fanGroupMembers.userId, id)));
        }
      }

      // ---- a fan-only note: the creator's oldest commented note, so fans (the demo member) read it and
      // its comments while visitors and other members see the lock and the call to join ----
      const [fanOnly] = rowsOf<{ id: string }>(
        await tx.execute(sql`
          select p.id from posts p
          where p.author_id = ${creator.id} and p.status = 'published' and p.comment_count > 0
          order by p.published_at, p.id limit 1`),
      );
      if (fanOnly) await markPostFanOnly(at(new Date(now.getTime() - DAY)), await find(creator.id), fanOnly.id, { fanOnly: true });

      // ---- a platform brand bounty with entries ----
      const [beauty] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, "beauty"));
      const bountyStart = new Date(now.getTime() - 10 * DAY);
      const cover = async (from: string, to: string, when: Date) =>
        (
          await storeRenderedUpload(tx, ctx.storage, {
            ownerId: staff.id,
            kind: "image",
            image: await renderImage(coverArt(from, to), COVER_VARIANTS),
            now: when,
          })
        ).id;
      const bounty = await createCampaign(at(new Date(bountyStart.getTime() - HOUR)), staff, {
        coverUploadId: await cover("#f7c6cf", "#f29e6d", new Date(bountyStart.getTime() - 2 * HOUR)),
        type: "content_bounty",
        title: "秋冬修护好物征集",
        brief: "换季皮肤干、敏感？分享你的修护单品和用法，通过即得 50 积分，优胜作品额外 300 积分并上首页推荐。",
        categorySlug: beauty ? "beauty" : null,
        startsAt: bountyStart.toISOString(),
        endsAt: new Date(now.getTime() + 10 * DAY).toISOString(),
        brandName: "润百颜",
        rewardPoints: 50,
        topExtraPoints: 300,
        topN: 1,
      });
      const entries = await tx
        .select({ id: posts.id, authorId: posts.authorId, publishedAt: posts.publishedAt })
        .from(posts)
        .innerJoin(users, eq(users.id, posts.authorId))
        .where(
          and(
            eq(posts.status, "published"),
            isNotNull(posts.publishedAt),
            gte(posts.publishedAt, bountyStart),
            beauty ? eq(posts.categoryId, beauty.id) : undefined,
            ne(posts.authorId, staff.id),
            eq(users.status, "active"),
          ),
        )
        .orderBy(desc(posts.likeCount), asc(posts.id))
        .limit(6);
      const submissions: string[] = [];
      for (const e of entries) {
        const author = await find(e.authorId);
        const when = new Date(e.publishedAt!.getTime() + 2 * HOUR);
        await joinCampaign(at(new Date(e.publishedAt!.getTime() + HOUR)), author, bounty.id);
        submissions.push((await submitToCampaign(at(when), author, bounty.id, { postId: e.id })).id);
      }
      const judged = new Date(now.getTime() - DAY);
      for (const [i, id] of submissions.entries()) {
        if (i === 0) await reviewSubmission(at(judged), staff, id, { action: "topPick" });
        else if (i === submissions.length - 1 && submissions.length > 2) await reviewSubmission(at(judged), staff, id, { action: "reject", reason: "图片与主题无关，欢迎换一篇修护心得再投。" });
        else if (i < 4) await reviewSubmission(at(judged), staff, id, { action: "approve" });
        // The rest wait in /ops/campaigns.
      }

      // ---- the creator's own campaigns ----
      const linked = await tx
        .select({ id: distributionLinks.productId })
        .from(distributionLinks)
        .innerJoin(products, eq(products.id, distributionLinks.productId))
        .where(and(eq(distributionLinks.creatorId, creator.id), isNotNull(distributionLinks.productId), eq(products.status, "active")))
        .limit(3);
      let productIds = linked.map((l) => l.id!);
      if (productIds.length === 0) productIds = (await tx.select({ id: products.id }).from(products).where(eq(products.status, "active")).limit(2)).map((p) => p.id);
      if (productIds.length > 0) {
        await createCampaign(at(new Date(now.getTime() - 2 * DAY)), creator, {
          type: "product_push",
          title: "冬季保湿专场：佣金 +5%",
          brief: "这两周通过我的链接买修护套装，额外佣金 5%。",
          startsAt: new Date(now.getTime() - 2 * DAY).toISOString(),
          endsAt: new Date(now.getTime() + 12 * DAY).toISOString(),
          bonusRateBp: 500,
          productIds,
        });
        await createCampaign(at(new Date(now.getTime() - DAY)), creator, {
          type: "live_invitation",
          title: "周六晚 8 点：修护好物直播间",
          brief: "一起聊聊换季修护，直播间里的好物都能用下面的链接买到。",
          startsAt: new Date(now.getTime() - DAY).toISOString(),
          endsAt: new Date(now.getTime() + 4 * DAY).toISOString(),
          liveAt: new Date(now.getTime() + 3 * DAY).toISOString(),
          productIds,
        });
      }
      const challengeCampaign = await createCampaign(at(new Date(now.getTime() - 2 * DAY)), creator, {
        type: "checkin_challenge",
        title: "粉丝专属：14 天早晚护肤打卡",
        brief: "只对粉丝团开放：14 天里打卡 10 天，完成奖励 80 积分。",
        startsAt: new Date(now.getTime() - 2 * DAY).toISOString(),
        endsAt: new Date(now.getTime() + 12 * DAY).toISOString(),
        requiredDays: 10,
        rewardPoints: 80,
        fanGroupOnly: true,
      });
      for (const id of fans.slice(0, 6)) await joinCampaign(at(new Date(now.getTime() - DAY)), await find(id), challengeCampaign.id);

      // ---- an ended platform bounty and its results ----
      const pastStart = new Date(now.getTime() - 26 * DAY);
      const pastEnd = new Date(now.getTime() - 11 * DAY);
      const past = await createCampaign(at(new Date(pastStart.getTime() - HOUR)), staff, {
        type: "content_bounty",
        title: "我的宝藏好物分享周",
        brief: "晒出你最近用过最值的一件好物：通过得 30 积分，优胜 2 名各得 200 积分和 ¥50 现金奖励，并上首页精选。",
        coverUploadId: await cover("#c6e2f7", "#8fb8e8", new Date(pastStart.getTime() - 2 * HOUR)),
        startsAt: pastStart.toISOString(),
        endsAt: pastEnd.toISOString(),
        rewardPoints: 30,
        topExtraPoints: 200,
        topN: 2,
        topBonusCents: 5000,
      });
      const pastEntries = await tx
        .select({ id: posts.id, authorId: posts.authorId, publishedAt: posts.publishedAt })
        .from(posts)
        .innerJoin(users, eq(users.id, posts.authorId))
        .where(
          and(
            eq(posts.status, "published"),
            isNotNull(posts.publishedAt),
            gte(posts.publishedAt, pastStart),
            sql`${posts.publishedAt} < ${new Date(pastEnd.getTime() - 3 * HOUR).toISOString()}::timestamptz`,
            ne(posts.authorId, staff.id),
            eq(users.status, "active"),
          ),
        )
        .orderBy(desc(posts.likeCount), asc(posts.id))
        .limit(8);
      const pastSubs: string[] = [];
      const entered = new Set<string>();
      for (const e of pastEntries) {
        const author = await find(e.authorId);
        await joinCampaign(at(new Date(e.publishedAt!.getTime() + HOUR)), author, past.id);
        // One entry per member keeps the results page a list of different people.
        if (entered.has(e.authorId)) continue;
        entered.add(e.authorId);
        pastSubs.push((await submitToCampaign(at(new Date(e.publishedAt!.getTime() + 2 * HOUR)), author, past.id, { postId: e.id })).id);
      }
      const pastJudged = new Date(pastEnd.getTime() + DAY);
      for (const [i, id] of pastSubs.entries()) {
        if (i < 2) await reviewSubmission(at(pastJudged), staff, id, { action: "topPick" });
        else if (i === pastSubs.length - 1 && pastSubs.length > 3) await reviewSubmission(at(pastJudged), staff, id, { action: "reject", reason: "和活动主题关系不大，下次活动再来。" });
        else await reviewSubmission(at(pastJudged), staff, id, { action: "approve" });
      }

      // ---- an upcoming platform bounty ----
      await createCampaign(at(new Date(now.getTime() - DAY)), staff, {
        type: "content_bounty",
        title: "年末护肤复盘征集",
        brief: "12 月开始：回顾你这一年的护肤路线，通过得 50 积分，优胜 3 名额外 300 积分。",
        coverUploadId: await cover("#e2d4f7", "#b79be8", new Date(now.getTime() - DAY)),
        categorySlug: beauty ? "beauty" : null,
        startsAt: new Date(now.getTime() + 3 * DAY).toISOString(),
        endsAt: new Date(now.getTime() + 17 * DAY).toISOString(),
        rewardPoints: 50,
        topExtraPoints: 300,
        topN: 3,
      });

      // ---- a creator's campaign, cancelled with a reason ----
      const cancelled = await createCampaign(at(new Date(now.getTime() - 4 * DAY)), creator, {
        type: "content_bounty",
        title: "粉丝问答：你最想了解的成分",
        brief: "留下你最想了解的护肤成分，我挑 5 个写成笔记。",
        startsAt: new Date(now.getTime() - 4 * DAY).toISOString(),
        endsAt: new Date(now.getTime() + 6 * DAY).toISOString(),
        rewardPoints: 20,
      });
      for (const id of fans.slice(0, 3)) await joinCampaign(at(new Date(now.getTime() - 3 * DAY)), await find(id), cancelled.id);
      await cancelCampaign(at(new Date(now.getTime() - 2 * DAY)), creator, cancelled.id, { reason: "和品牌方的合作有变动，这期问答改到下个月，感谢大家参与！" });
    },
  },
];

/** A soft two-colour cover (16:9) for the demo's platform campaigns. */
function coverArt(from: string, to: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
  <rect width="1200" height="675" fill="url(#g)"/>
  <circle cx="980" cy="140" r="190" fill="#ffffff" opacity="0.25"/>
  <circle cx="180" cy="560" r="240" fill="#ffffff" opacity="0.18"/>
  <rect x="470" y="210" width="260" height="260" rx="40" fill="#ffffff" opacity="0.35"/>
</svg>`;
}
