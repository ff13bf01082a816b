/**
 * `<input type="datetime-local">` speaks wall-clock time without a zone; staff mean the platform's
 * (Beijing time by default). These convert between that and ISO instants, for any IANA zone.
 */
import { zoneOffsetMs, zonedWallTime } from "../../../server/shared/clock";

/** "2026-12-01T10:00" in `timeZone` → "2026-12-01T02:00:00.000Z"; anything else comes back unchanged (the schema then says why). */
export function localInputToIso(value: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return value;
  return zonedWallTime(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)), timeZone).toISOString();
}

/** An ISO instant → the "YYYY-MM-DDTHH:mm" a datetime-local input shows, in `timeZone`. */
export function isoToLocalInput(iso: string | null, timeZone: string): string {
  if (!iso) return "";
  const at = new Date(iso);
  const local = new Date(at.getTime() + zoneOffsetMs(at, timeZone));
  return local.toISOString().slice(0, 16);
}
