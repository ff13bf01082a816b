import type { Queryable } from "../../db/client";
import { products } from "../../db/schema";

/**
 * A product straight in the database, on sale unless told otherwise. Tests that exercise the staff
 * forms or API create products through them instead.
 */
export async function createTestProduct(
  db: Queryable,
  fields: Partial<typeof products.$inferInsert> & { now?: Date } = {},
): Promise<typeof products.$inferSelect> {
  const now = fields.now ?? new Date();
  const [row] = await db
    .insert(products)
    .values({
      title: "玻尿酸保湿精华 30ml",
      priceCents: 12_900,
      stock: 100,
      commissionRateBp: 1_000,
      status: "active",
      createdAt: now,
      updatedAt: now,
      ...fields,
    })
    .returning();
  return row!;
}
