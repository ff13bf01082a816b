import { sql, type SQL } from "drizzle-orm";

/**
 * An integer written into the statement's text instead of sent as a parameter. For LIMIT and OFFSET of
 * keyset pages: statements are prepared (db/client.ts), and a plan PostgreSQL caches for "LIMIT $n"
 * can't know the page is 21 rows, so it may pick a plan for thousands. Only ever for integers.
 */
export function literalInt(n: number): SQL {
  if (!Number.isSafeInteger(n)) throw new Error(`literalInt: ${n} is not an integer`);
  return sql.raw(String(n));
}
