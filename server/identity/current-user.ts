import { eq, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { users, type Locale, type Role, type User } from "../../db/schema";

/** The signed-in user as domain functions and every boundary see it. */
export type CurrentUser = {
  id: string;
  handle: string;
  email: string;
  displayName: string;
  bio: string;
  locale: Locale;
  roles: Role[];
  createdAt: string;
};

const ROLE_ORDER: Role[] = ["member", "creator", "mcn_admin", "staff", "admin"];

/** A correlated subquery so a user and their roles come back in one round trip. */
export const rolesOf = (userId: SQL | typeof users.id) =>
  sql<Role[]>`coalesce((select array_agg(ur.role order by ur.role) from user_roles ur where ur.user_id = ${userId}), '{}')`;

export function toCurrentUser(user: Pick<User, "id" | "handle" | "email" | "displayName" | "bio" | "locale" | "createdAt">, roles: readonly string[]): CurrentUser {
  return {
    id: user.id,
    handle: user.handle,
    email: user.email,
    displayName: user.displayName,
    bio: user.bio,
    locale: user.locale,
    roles: ROLE_ORDER.filter((r) => roles.includes(r)),
    createdAt: new Date(user.createdAt).toISOString(),
  };
}

/** The user with this id, with roles, or null. */
export async function findCurrentUser(db: Queryable, userId: string): Promise<CurrentUser | null> {
  const [row] = await db
    .select({ user: users, roles: rolesOf(users.id) })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row ? toCurrentUser(row.user, parseRoles(row.roles)) : null;
}

/** PGlite and postgres.js both decode text[]; guard against a driver handing back the literal. */
export function parseRoles(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string") return value.replace(/^\{|\}$/g, "").split(",").filter(Boolean);
  return [];
}
