import { randomBytes } from "node:crypto";
import { desc } from "drizzle-orm";
import { externalStores } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { recordAudit } from "../../ops";
import { AppError, isUniqueViolation } from "../../shared/errors";
import { MANAGE_PRODUCTS } from "../products/save-product";
import { createStoreSchema, type CreateStoreInput, type StoreView } from "./schemas";

const viewOf = (row: typeof externalStores.$inferSelect): StoreView => ({ id: row.id, slug: row.slug, name: row.name, createdAt: row.createdAt.toISOString() });

/**
 * Staff connect an external store. Its signing secret (32 random bytes, hex) is returned this once
 * for staff to paste into the store's settings; the audit log records the store, never the secret.
 */
export async function createExternalStore(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser, input: CreateStoreInput): Promise<{ store: StoreView; secret: string }> {
  requirePermission(staff, MANAGE_PRODUCTS);
  const data = parseInput(createStoreSchema, input);
  const secret = randomBytes(32).toString("hex");
  const now = ctx.clock.now();
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const [store] = await tx.insert(externalStores).values({ slug: data.slug, name: data.name, secret, createdAt: now }).returning();
      await recordAudit(tx, { actorId: staff.id, action: "commerce.store.created", subjectType: "externalStore", subjectId: store!.id, before: null, after: { slug: data.slug, name: data.name }, at: now });
      return store!;
    });
    return { store: viewOf(row), secret };
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("VALIDATION_FAILED", "commerce.store.slugTaken", { fields: { slug: ["commerce.store.slugTaken"] }, cause: e });
    throw e;
  }
}

export async function listExternalStores(ctx: Pick<AppContext, "db">, staff: CurrentUser): Promise<StoreView[]> {
  requirePermission(staff, MANAGE_PRODUCTS);
  const rows = await ctx.db.select().from(externalStores).orderBy(desc(externalStores.createdAt));
  return rows.map(viewOf);
}
