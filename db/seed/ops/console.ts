import { sql } from "drizzle-orm";
import type { AppContext } from "../../../server/context";
import { backfillMetrics, createSegment, createUserTag, curatePost, evaluateRuleTags, notifySegment, tagUser } from "../../../server/ops";
import { localDate } from "../../../server/shared/clock";
import { rowsOf } from "../../../server/shared/sql-rows";
import type { DemoSeedStep } from "../demo";

/** How far back the dashboard's daily numbers are computed for the seeded history. */
const BACKFILL_DAYS = 60;

/**
 * The ops console alive on the first start: the daily metrics backfilled over the seeded history (so
 * every dashboard chart has bars), a manual tag and two rule-made tags evaluated against the seeded
 * likes and orders, an RFM segment and a tag segment, a segment told about a campaign (the schedule
 * sends it), and two curated notes — one boosted, one buried — through the same functions staff use.
 * Runs last, after every step that makes activity.
 */
export const opsConsoleSeedSteps: DemoSeedStep[] = [
  {
    name: "ops console",
    run: async (tx, ctx, state) => {
      const staff = state.users.staff;
      if (!staff) return;
      const c: AppContext = { ...ctx, db: tx as unknown as AppContext["db"] };
      const now = ctx.clock.now();
      const tz = ctx.config.platformTimeZone;

      const vip = await createUserTag(c, staff, { name: "重点培养", description: "运营重点关注的潜力作者", kind: "manual" });
      for (const handle of ["creator", "member"]) await tagUser(c, staff, vip.id, { handle });
      const beauty = await createUserTag(c, staff, { name: "美妆爱好者", description: "近 30 天在美妆点赞至少 5 次", kind: "rule", rule: { kind: "likesInCategory", category: "美妆", min: 5, days: 30 } });
      await createUserTag(c, staff, { name: "近期买家", description: "近 30 天至少下单 1 次", kind: "rule", rule: { kind: "ordersInDays", min: 1, days: 30 } });
      await evaluateRuleTags(tx as unknown as AppContext["db"], now);

      await createSegment(c, staff, { name: "高价值买家", description: "近 30 天买过，90 天内至少 2 单、消费满 ¥100", definition: { kind: "rfm", maxRecencyDays: 30, minFrequency: 2, minMonetaryCents: 10_000, windowDays: 90 } });
      await createSegment(c, staff, { name: "沉睡买家", description: "90 天内买过至少 1 单", definition: { kind: "rfm", minFrequency: 1, windowDays: 90 } });
      const beautyFans = await createSegment(c, staff, { name: "美妆爱好者人群", definition: { kind: "tag", tagId: beauty.id } });
      await notifySegment(c, staff, beautyFans.id, { campaignId: "demo-beauty-week", title: "美妆种草周", message: "本周美妆好物笔记加精，快来分享你的心头好", href: "/c/beauty" });

      const notes = rowsOf<{ id: string }>(await tx.execute(sql`select id from posts where status = 'published' order by hot_score desc, id limit 12`));
      if (notes.length >= 2) {
        await curatePost(c, staff, notes.at(-1)!.id, { action: "boost", reason: "优质新人笔记，加权曝光" });
        await curatePost(c, staff, notes[0]!.id, { action: "bury", reason: "同类内容过多，降低热度" });
      }

      const [first] = rowsOf<{ day: string | null }>(
        await tx.execute(sql`select least(
          (select min(created_at) from users), (select min(published_at) from posts), (select min(paid_at) from orders)
        ) as day`),
      );
      const today = localDate(now, tz);
      const earliest = localDate(new Date(Math.max(first?.day ? new Date(first.day).getTime() : now.getTime(), now.getTime() - (BACKFILL_DAYS - 1) * 86_400_000)), tz);
      await backfillMetrics(tx, earliest, today, tz, now);
    },
  },
];
