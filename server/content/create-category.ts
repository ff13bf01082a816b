import { sql } from "drizzle-orm";
import { categories } from "../../db/schema";
import type { AppContext } from "../context";
import { requirePermission, type CurrentUser } from "../identity";
import { parseInput } from "../identity/parse-input";
import { AppError, isUniqueViolation } from "../shared/errors";
import { categoryColumns, forgetActiveCategories, type CategoryView } from "./list-categories";
import { createCategorySchema, type CreateCategoryInput } from "./schemas";

/** Staff add a vertical; without a position it goes last. */
export async function createCategory(ctx: AppContext, staff: CurrentUser, input: CreateCategoryInput): Promise<CategoryView> {
  requirePermission(staff, "manage:categories:any");
  const data = parseInput(createCategorySchema, input);
  try {
    const [row] = await ctx.db
      .insert(categories)
      .values({
        slug: data.slug,
        nameZh: data.nameZh,
        nameEn: data.nameEn,
        position: data.position ?? sql`(select coalesce(max(position), 0) + 10 from categories)`,
        createdAt: ctx.clock.now(),
      })
      .returning(categoryColumns);
    forgetActiveCategories(ctx);
    ctx.logger.info({ staffId: staff.id, slug: data.slug }, "category created");
    return row!;
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new AppError("CONFLICT", "content.category.slugTaken", { fields: { slug: ["content.category.slugTaken"] }, cause: e });
    }
    throw e;
  }
}
