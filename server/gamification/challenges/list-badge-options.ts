import { asc, eq } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { badges } from "../../../db/schema";

/** Enabled badges a challenge may award, for the create form's picker. */
export async function listBadgeOptions(db: Queryable): Promise<{ id: string; nameZh: string; nameEn: string }[]> {
  return db
    .select({ id: badges.id, nameZh: badges.nameZh, nameEn: badges.nameEn })
    .from(badges)
    .where(eq(badges.enabled, true))
    .orderBy(asc(badges.nameZh))
    .limit(200);
}
