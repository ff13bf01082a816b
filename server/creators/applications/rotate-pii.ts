import { asc, eq, sql } from "drizzle-orm";
import { creatorApplications } from "../../../db/schema";
import type { AppContext } from "../../context";
import { decryptPii, encryptPii, piiKeyIdOf, piiKeyring } from "./pii";

export interface RotatePiiResult {
  /** The key every value is on now. */
  keyId: string;
  /** Applications that still had a value on another key when the run started. */
  total: number;
  /** Applications re-encrypted by this run. */
  rotated: number;
}

/**
 * Re-encrypts every applicant's personal data to the current key (the first of PII_KEYS), in batches
 * of `batchSize` applications, each batch its own transaction. Applications whose three values are all
 * on the current key are never selected, so a second run changes nothing, and a run stopped halfway (or
 * failing on a value whose key is missing — PiiKeyMissingError) keeps the batches it committed; the next
 * run picks up the rest. Rows are locked while their batch is rewritten; only the ciphertext columns
 * change (not `updated_at`: the application itself did not).
 */
export async function rotatePii(
  ctx: Pick<AppContext, "db" | "config">,
  options: { batchSize?: number; progress?: (done: number, total: number) => void } = {},
): Promise<RotatePiiResult> {
  const keys = piiKeyring(ctx.config);
  const prefix = `v1.${keys.currentId}.`;
  const batchSize = options.batchSize ?? 200;
  const stale = sql`not (starts_with(${creatorApplications.realNameCipher}, ${prefix}) and starts_with(${creatorApplications.contactCipher}, ${prefix}) and starts_with(${creatorApplications.regionCipher}, ${prefix}))`;
  const [count] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(creatorApplications).where(stale);
  const total = Number(count?.n ?? 0);
  options.progress?.(0, total);
  const rewrap = (stored: string) => (piiKeyIdOf(stored) === keys.currentId ? stored : encryptPii(keys, decryptPii(keys, stored)));
  let after = "00000000-0000-0000-0000-000000000000";
  let rotated = 0;
  for (;;) {
    const batch = await ctx.db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: creatorApplications.id, realName: creatorApplications.realNameCipher, contact: creatorApplications.contactCipher, region: creatorApplications.regionCipher })
        .from(creatorApplications)
        .where(sql`${stale} and ${creatorApplications.id} > ${after}::uuid`)
        .orderBy(asc(creatorApplications.id))
        .limit(batchSize)
        .for("update");
      for (const r of rows) {
        await tx
          .update(creatorApplications)
          .set({ realNameCipher: rewrap(r.realName), contactCipher: rewrap(r.contact), regionCipher: rewrap(r.region) })
          .where(eq(creatorApplications.id, r.id));
      }
      return rows.map((r) => r.id);
    });
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!;
    rotated += batch.length;
    options.progress?.(rotated, Math.max(total, rotated));
  }
  return { keyId: keys.currentId, total, rotated };
}
