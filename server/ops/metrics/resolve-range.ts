import type { AppContext } from "../../context";
import { parseInput } from "../../identity/parse-input";
import { localDate } from "../../shared/clock";
import { shiftDay } from "./compute-daily";
import { metricsRangeSchema } from "./schemas";

/**
 * The days a metrics request covers: as given, or the 30 platform-local days ending today (ending at
 * `from` when only a future `from` is given). The resolved range is checked again, so `from` alone far in
 * the past is refused like an explicit range longer than 366 days, on the field `to`.
 */
export function resolveRange(ctx: Pick<AppContext, "clock" | "config">, q: { from?: string | undefined; to?: string | undefined }): { from: string; to: string } {
  const today = localDate(ctx.clock.now(), ctx.config.platformTimeZone);
  const to = q.to ?? (q.from && q.from > today ? q.from : today);
  const from = q.from ?? shiftDay(to, -29);
  parseInput(metricsRangeSchema, { from, to });
  return { from, to };
}
