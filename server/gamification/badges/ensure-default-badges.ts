import type { Queryable } from "../../../db/client";
import { badges, type BadgeCriterion, type BadgeTier } from "../../../db/schema";
import type { BadgeIconName } from "./icons";

export interface DefaultBadge {
  slug: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  icon: BadgeIconName;
  tier: BadgeTier;
  criterion: BadgeCriterion;
  multiple?: boolean;
  certificate?: boolean;
}

/** The badges a new community starts with (DESIGN.md §3.2); staff edit or add to them on /ops/badges. */
export const DEFAULT_BADGES: readonly DefaultBadge[] = [
  {
    slug: "first-post",
    nameZh: "初次种草",
    nameEn: "First Seed",
    descriptionZh: "发布了第一篇笔记。",
    descriptionEn: "Published a first note.",
    icon: "sprout",
    tier: "bronze",
    criterion: { type: "counter", counter: "posts.published", threshold: 1 },
  },
  {
    slug: "rising-star",
    nameZh: "人气新星",
    nameEn: "Rising Star",
    descriptionZh: "笔记累计收到 100 个赞。",
    descriptionEn: "Notes received 100 likes in all.",
    icon: "heart",
    tier: "silver",
    criterion: { type: "counter", counter: "likes.received", threshold: 100 },
  },
  {
    slug: "crowd-favourite",
    nameZh: "万人迷",
    nameEn: "Crowd Favourite",
    descriptionZh: "笔记累计收到 1,000 个赞。",
    descriptionEn: "Notes received 1,000 likes in all.",
    icon: "crown",
    tier: "gold",
    criterion: { type: "counter", counter: "likes.received", threshold: 1000 },
  },
  {
    slug: "treasure-trove",
    nameZh: "干货收藏家",
    nameEn: "Treasure Trove",
    descriptionZh: "笔记累计被收藏 100 次。",
    descriptionEn: "Notes saved 100 times in all.",
    icon: "bookmark",
    tier: "silver",
    criterion: { type: "counter", counter: "favorites.received", threshold: 100 },
  },
  {
    slug: "well-followed",
    nameZh: "小有名气",
    nameEn: "Well Followed",
    descriptionZh: "拥有 100 位粉丝。",
    descriptionEn: "Has 100 followers.",
    icon: "users",
    tier: "silver",
    criterion: { type: "counter", counter: "followers", threshold: 100 },
  },
  {
    slug: "chatterbox",
    nameZh: "热心评论员",
    nameEn: "Chatterbox",
    descriptionZh: "发表了 50 条评论。",
    descriptionEn: "Wrote 50 comments.",
    icon: "chat",
    tier: "bronze",
    criterion: { type: "counter", counter: "comments.written", threshold: 50 },
  },
  {
    slug: "streak-7",
    nameZh: "坚持不懈",
    nameEn: "Keep Going",
    descriptionZh: "连续签到 7 天。",
    descriptionEn: "Checked in 7 days in a row.",
    icon: "flame",
    tier: "bronze",
    criterion: { type: "streak", days: 7 },
  },
  {
    slug: "streak-30",
    nameZh: "签到达人",
    nameEn: "Check-in Master",
    descriptionZh: "连续签到 30 天。",
    descriptionEn: "Checked in 30 days in a row.",
    icon: "calendar",
    tier: "gold",
    criterion: { type: "streak", days: 30 },
  },
  {
    slug: "challenger",
    nameZh: "挑战完成者",
    nameEn: "Challenge Finisher",
    descriptionZh: "完成一次打卡挑战，每完成一次获得一枚。",
    descriptionEn: "Finished a check-in challenge; one for each challenge finished.",
    icon: "trophy",
    tier: "silver",
    criterion: { type: "challenge", challengeId: null },
    multiple: true,
  },
  {
    slug: "verified-creator",
    nameZh: "认证创作者",
    nameEn: "Verified Creator",
    descriptionZh: "经平台认证的创作者，附电子证书。",
    descriptionEn: "A creator verified by the platform, with an e-certificate.",
    icon: "shield",
    tier: "gold",
    criterion: { type: "manual" },
    certificate: true,
  },
];

/**
 * Creates the default badges that don't exist yet, by slug. Idempotent, and it never overwrites a
 * badge staff have edited (or one they deleted and re-created under the same slug). Boot calls it
 * once per start; the demo seed calls it before its backfill.
 */
export async function ensureDefaultBadges(db: Queryable, now: Date): Promise<void> {
  await db
    .insert(badges)
    .values(
      // A millisecond apart, so the badge list keeps this order (it sorts by creation).
      DEFAULT_BADGES.map((b, i) => ({
        ...b,
        multiple: b.multiple ?? false,
        certificate: b.certificate ?? false,
        enabled: true,
        createdAt: new Date(now.getTime() + i),
        updatedAt: now,
      })),
    )
    .onConflictDoNothing({ target: badges.slug });
}
