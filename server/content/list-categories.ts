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

/** Categories in display order; retired ones only when asked (the staff page asks). */
export async function listCategories(ctx: Pick<AppContext, "db">, options: { includeInactive?: boolean } = {}): Promise<CategoryView[]> {
  const query = ctx.db.select(columns).from(categories);
  const rows = options.includeInactive ? await query.orderBy(asc(categories.position), asc(categories.slug)) : await query.where(eq(categories.isActive, true)).orderBy(asc(categories.position), asc(categories.slug));
  return rows;
}

export { columns as categoryColumns };
