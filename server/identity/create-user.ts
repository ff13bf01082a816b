import type { Queryable } from "../../db/client";
import { credentials, userRoles, users, type Locale, type Role } from "../../db/schema";
import { AppError, isUniqueViolation, pgConstraint } from "../shared/errors";
import { toCurrentUser, type CurrentUser } from "./current-user";
import { hashPassword } from "./secrets";

export interface CreateUserOptions {
  handle: string;
  email: string;
  /** Plain password (hashed here) — or a hash made earlier, so callers can keep hashing out of a transaction. */
  password: string | { hash: string };
  displayName?: string;
  /** "member" is always included. */
  roles?: Role[];
  locale?: Locale;
  now: Date;
}

/**
 * Turns a unique violation on users into a CONFLICT naming the field, so two people racing for one
 * handle get a form error rather than a 500. The database decides; nothing checks before inserting.
 */
export function conflictFromUniqueViolation(e: unknown): AppError | undefined {
  if (!isUniqueViolation(e)) return undefined;
  const constraint = pgConstraint(e) ?? "";
  if (constraint.includes("email")) {
    return new AppError("CONFLICT", "identity.email.taken", { fields: { email: ["identity.email.taken"] }, cause: e });
  }
  if (constraint.includes("handle")) {
    return new AppError("CONFLICT", "identity.handle.taken", { fields: { handle: ["identity.handle.taken"] }, cause: e });
  }
  return undefined;
}

/**
 * Inserts a user with credentials and roles. No handle policy beyond the database's uniqueness:
 * seeds and factories use it for accounts sign-up refuses (e.g. "admin"). Run it inside the caller's
 * transaction when more must happen atomically.
 */
export async function createUser(db: Queryable, options: CreateUserOptions): Promise<CurrentUser> {
  const passwordHash = typeof options.password === "string" ? await hashPassword(options.password) : options.password.hash;
  const roles = [...new Set<Role>(["member", ...(options.roles ?? [])])];
  try {
    const [user] = await db
      .insert(users)
      .values({
        handle: options.handle,
        email: options.email,
        displayName: options.displayName?.trim() || options.handle,
        locale: options.locale ?? "zh-CN",
        createdAt: options.now,
        updatedAt: options.now,
      })
      .returning();
    await db.insert(credentials).values({ userId: user!.id, passwordHash, updatedAt: options.now });
    await db.insert(userRoles).values(roles.map((role) => ({ userId: user!.id, role, grantedAt: options.now })));
    return toCurrentUser(user!, roles);
  } catch (e) {
    throw conflictFromUniqueViolation(e) ?? e;
  }
}
