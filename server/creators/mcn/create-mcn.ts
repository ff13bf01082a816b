import { and, eq, sql } from "drizzle-orm";
import { mcnMembers, mcns } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { recordAudit } from "../../ops";
import { AppError, isUniqueViolation, pgConstraint } from "../../shared/errors";
import { createMcnSchema, type CreateMcnInput, type McnView } from "./schemas";
import { mcnViews } from "./views";

/**
 * An MCN admin founds their organisation (one per admin; names unique regardless of case). The founder
 * becomes its first administrator. Both uniqueness rules are the database's, so two racing creates by
 * one admin make one MCN and the other gets a 409.
 */
export async function createMcn(ctx: Pick<AppContext, "db" | "clock">, user: CurrentUser | null, input: CreateMcnInput): Promise<McnView> {
  requirePermission(user, "create:mcn:own");
  const data = parseInput(createMcnSchema, input);
  const now = ctx.clock.now();
  let id: string;
  try {
    id = await ctx.db.transaction(async (tx) => {
      const [row] = await tx.insert(mcns).values({ name: data.name, description: data.description ?? "", adminId: user.id, createdAt: now }).returning({ id: mcns.id });
      await tx.insert(mcnMembers).values({ mcnId: row!.id, userId: user.id, addedAt: now });
      await recordAudit(tx, { actorId: user.id, action: "creators.mcn.created", subjectType: "mcn", subjectId: row!.id, before: null, after: data, at: now });
      return row!.id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      if (pgConstraint(e) === "mcns_name_key") throw new AppError("CONFLICT", "creators.mcn.nameTaken", { fields: { name: ["creators.mcn.nameTaken"] } });
      throw new AppError("CONFLICT", "creators.mcn.alreadyHave");
    }
    throw e;
  }
  return (await mcnViews(ctx.db, and(eq(mcns.id, id), sql`true`)))[0]!;
}
