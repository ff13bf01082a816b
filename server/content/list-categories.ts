import { asc, eq } from "drizzle-orm";
import { categories, type Category } from "../../db/schema";
import type { AppContext } from "../context";

export type CategoryView = Pick<Category, "id" | "slug" | "nameZh" | "nameEn" | "position" | "isActive">;

const columns = {
  id: categories.id,
  slug: categories.slug,
  nameZh: categories.nameZh,
  nameEn: categories.nameEn,
  position: categories.position,
  isActive: categories.isActive,
};

const ACTIVE_KEY = "categories:active";
/**
 * How long a process reuses the active list. Every feed page shows the category chips, and the list
 * changes only when staff edit it: an edit clears this process's copy at once (forgetActiveCategories),
 * other processes pick it up within this time.
 */
const ACTIVE_TTL_MS = 30_000;

type CategoriesContext = Pick<AppContext, "db"> & Partial<Pick<AppContext, "cache" | "clock">>;

/** Categories in display order; retired ones only when asked (the staff page asks). */
export async function listCategories(ctx: CategoriesContext, options: { includeInactive?: boolean } = {}): Promise<CategoryView[]> {
  if (!options.includeInactive && ctx.cache && ctx.clock) {
    const nowMs = ctx.clock.now().getTime();
    const cached = ctx.cache.get<CategoryView[]>(ACTIVE_KEY, nowMs);
    if (cached) return cached;
    const fresh = await readCategories(ctx, false);
    ctx.cache.set(ACTIVE_KEY, fresh, ACTIVE_TTL_MS, nowMs);
    return fresh;
  }
  return readCategories(ctx, Boolean(options.includeInactive));
}

/** Called by the staff edits, so this process shows the change on the next page. */
export function forgetActiveCategories(ctx: Partial<Pick<AppContext, "cache">>): void {
  ctx.cache?.delete(ACTIVE_KEY);
}

async function readCategories(ctx: Pick<AppContext, "db">, includeInactive: boolean): Promise<CategoryView[]> {
  const query = ctx.db.select(columns).from(categories);
  const rows = includeInactive ? await query.orderBy(asc(categories.position), asc(categories.slug)) : await query.where(eq(categories.isActive, true)).orderBy(asc(categories.position), asc(categories.slug));
  return rows;
}

export { columns as categoryColumns };
