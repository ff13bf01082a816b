import { z } from "zod";
import { AppError } from "../../shared/errors";

/**
 * The ledger's page cursor: base64url JSON of the last row's (occurredAt, id). The time keeps
 * PostgreSQL's microseconds, so rows sharing a millisecond are neither skipped nor repeated.
 */
export const TIME_FORMAT = `YYYY-MM-DD"T"HH24:MI:SS.US"Z"`;
const cursorShape = z.strictObject({ t: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/), id: z.uuid() });
export type LedgerCursor = z.output<typeof cursorShape>;

export function encodeLedgerCursor(value: LedgerCursor): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/** A cursor this list did not hand out is a field error on `cursor`, never a 500. */
export function decodeLedgerCursor(cursor: string): LedgerCursor {
  const invalid = () => new AppError("VALIDATION_FAILED", "validationFailed", { fields: { cursor: ["validation.invalid"] } });
  let raw: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,1000}$/.test(cursor)) throw new Error("not base64url");
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const parsed = cursorShape.safeParse(raw);
  if (!parsed.success) throw invalid();
  return parsed.data;
}
