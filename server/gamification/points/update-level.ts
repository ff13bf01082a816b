import { eq, sql } from "drizzle-orm";
import { levels } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { recordAudit } from "../../ops";
import { AppError } from "../../shared/errors";
import { listLevels, type LevelDefinition } from "./levels";
import { levelTableErrors } from "./rules";
import type { LevelUpdate } from "./schemas";

/**
 * Staff edit one level's names, threshold and perks. The whole table is locked first, so two
 * editors can't each make a valid change that together breaks "strictly increasing"; the table as
 * it would be after the change is checked (V1 at 0, each threshold above the last) before writing.
 *
 * Members keep their recorded level until their next growth moves it (syncLevel), which is also
 * when a raised threshold would move someone down: a level is never taken away by an edit alone.
 */
export async function updateLevel(ctx: Pick<AppContext, "db" | "clock">, staff: CurrentUser, level: number, input: LevelUpdate): Promise<LevelDefinition> {
  requirePermission(staff, "manage:rules:any");
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select level from levels order by level for update`);
    const table = await listLevels(tx);
    const before = table.find((l) => l.level === level);
    if (!before) throw new AppError("NOT_FOUND", "points.level.notFound");
    const after: LevelDefinition = { level, ...input };
    const fields = levelTableErrors(table.map((l) => (l.level === level ? after : l)));
    if (Object.keys(fields).length > 0) throw new AppError("VALIDATION_FAILED", "validationFailed", { fields });
    await tx
      .update(levels)
      .set({ ...input, updatedAt: now })
      .where(eq(levels.level, level));
    await recordAudit(tx, { actorId: staff.id, action: "gamification.level.updated", subjectType: "level", subjectId: String(level), before, after, at: now });
    return after;
  });
}
