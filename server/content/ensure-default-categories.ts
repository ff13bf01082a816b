import { categories } from "../../db/schema";
import type { Queryable } from "../../db/client";

/** The verticals a fresh install starts with; staff rename, reorder and retire them afterwards. */
export const DEFAULT_CATEGORIES = [
  { slug: "beauty", nameZh: "美妆", nameEn: "Beauty" },
  { slug: "food", nameZh: "美食", nameEn: "Food" },
  { slug: "digital", nameZh: "数码", nameEn: "Digital" },
  { slug: "home", nameZh: "家居", nameEn: "Home" },
  { slug: "fashion", nameZh: "穿搭", nameEn: "Fashion" },
  { slug: "baby", nameZh: "母婴", nameEn: "Baby" },
  { slug: "sports", nameZh: "运动", nameEn: "Sports" },
  { slug: "travel", nameZh: "旅行", nameEn: "Travel" },
] as const;

/**
 * Creates the default categories that don't exist yet. Idempotent (a slug that exists is left as
 * staff made it, renamed or retired), so every boot may call it.
 */
export async function ensureDefaultCategories(db: Queryable, now: Date): Promise<void> {
  await db
    .insert(categories)
    .values(DEFAULT_CATEGORIES.map((c, i) => ({ ...c, position: (i + 1) * 10, createdAt: now })))
    .onConflictDoNothing({ target: categories.slug });
}
