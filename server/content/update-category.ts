import { eq } from "drizzle-orm";
import { categories } from "../../db/schema";
import type { AppContext } from "../context";
import { requirePermission, type CurrentUser } from "../identity";
import { parseInput } from "../identity/parse-input";
import { AppError } from "../shared/errors";
import { categoryColumns, forgetActiveCategories, type CategoryView } from "./list-categories";
import { isUuid, updateCategorySchema, type UpdateCategoryInput } from "./schemas";

/**
 * Staff rename, reorder, retire (isActive false) or bring back a category. A retired category takes
 * no new notes; its existing notes keep it.
 */
export async function updateCategory(ctx: AppContext, staff: CurrentUser, categoryId: string, input: UpdateCategoryInput): Promise<CategoryView> {
  requirePermission(staff, "manage:categories:any");
  const data = parseInput(updateCategorySchema, input);
  if (!isUuid(categoryId)) throw new AppError("NOT_FOUND", "notFound");
  const [row] = await ctx.db.update(categories).set(data).where(eq(categories.id, categoryId)).returning(categoryColumns);
  if (!row) throw new AppError("NOT_FOUND", "notFound");
  forgetActiveCategories(ctx);
  ctx.logger.info({ staffId: staff.id, categoryId, changed: Object.keys(data) }, "category updated");
  return row;
}
