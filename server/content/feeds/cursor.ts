import type { z } from "zod";
import { AppError } from "../../shared/errors";

/**
 * Opaque page cursors: base64url of a small JSON object whose shape each list defines with zod. The
 * cursor names the last row's sort key and id, so the next page is a keyset range scan ("rows after
 * this key") and page 1,000 costs what page 1 costs — never an OFFSET.
 */
export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/**
 * Decodes a cursor against the shape its list expects. Anything else — garbage, a cursor of another
 * tab or list, a tampered key — is VALIDATION_FAILED on the field "cursor", never a 500.
 */
export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string): z.output<S> {
  let raw: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,1000}$/.test(cursor)) throw new Error("not base64url");
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

export function invalidCursor(): AppError {
  return new AppError("VALIDATION_FAILED", "validationFailed", { fields: { cursor: ["validation.invalid"] } });
}

/**
 * Timestamps in cursors keep PostgreSQL's microseconds (a JS Date would round them to milliseconds and
 * make the keyset skip or repeat rows that share a millisecond): the SQL selects them with this format,
 * and the cursor hands the string back as `::timestamptz`.
 */
export const CURSOR_TIME_FORMAT = `YYYY-MM-DD"T"HH24:MI:SS.US"Z"`;
export const CURSOR_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
