import { alias } from "drizzle-orm/pg-core";
import { asc, desc, eq, isNotNull, isNull, type SQL } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { fraudFlags, users, type FraudKind } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { listFraudFlagsQuerySchema, type FraudFlagView, type ListFraudFlagsQuery } from "./schemas";

/** Fraud flags hold payouts, so the staff who review payouts review the flags. */
export const REVIEW_FLAGS = "manage:payouts:any" as const;

const resolver = alias(users, "resolver");

export async function fraudFlagViews(db: Queryable, where: SQL | undefined, options: { limit: number; order: "asc" | "desc" }): Promise<FraudFlagView[]> {
  const rows = await db
    .select({ f: fraudFlags, handle: users.handle, displayName: users.displayName, rId: resolver.id, rHandle: resolver.handle, rName: resolver.displayName })
    .from(fraudFlags)
    .innerJoin(users, eq(users.id, fraudFlags.userId))
    .leftJoin(resolver, eq(resolver.id, fraudFlags.resolvedBy))
    .where(where)
    .orderBy(options.order === "asc" ? asc(fraudFlags.createdAt) : desc(fraudFlags.resolvedAt), asc(fraudFlags.id))
    .limit(options.limit);
  return rows.map((r) => ({
    id: r.f.id,
    kind: r.f.kind as FraudKind,
    member: { id: r.f.userId, handle: r.handle, displayName: r.displayName },
    details: r.f.details,
    createdAt: r.f.createdAt.toISOString(),
    resolvedAt: r.f.resolvedAt?.toISOString() ?? null,
    resolvedBy: r.rId ? { id: r.rId, handle: r.rHandle!, displayName: r.rName! } : null,
    resolution: r.f.resolution,
  }));
}

/** Staff: open flags oldest first (first raised, first reviewed), or resolved ones newest first. */
export async function listFraudFlags(ctx: Pick<AppContext, "db">, staff: CurrentUser, input: ListFraudFlagsQuery = {}): Promise<FraudFlagView[]> {
  requirePermission(staff, REVIEW_FLAGS);
  const q = parseInput(listFraudFlagsQuerySchema, input);
  return q.status === "open"
    ? fraudFlagViews(ctx.db, isNull(fraudFlags.resolvedAt), { limit: q.limit, order: "asc" })
    : fraudFlagViews(ctx.db, isNotNull(fraudFlags.resolvedAt), { limit: q.limit, order: "desc" });
}
