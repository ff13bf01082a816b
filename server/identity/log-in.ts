import { eq, sql } from "drizzle-orm";
import { credentials, users } from "../../db/schema";
import type { AppContext } from "../context";
import { AppError } from "../shared/errors";
import { rolesOf, toCurrentUser, parseRoles, type CurrentUser } from "./current-user";
import { parseInput } from "./parse-input";
import { LOG_IN_PER_IP, LOG_IN_PER_NAME, LOG_IN_PER_NAME_AND_IP } from "./rate-limits";
import { logInSchema, type LogInInput } from "./schemas";
import { verifyAgainstDummy, verifyPassword } from "./secrets";
import { createSession, type NewSession, type RequestMeta } from "./sessions";

const invalidLogIn = () =>
  new AppError("UNAUTHENTICATED", "identity.login.invalid", { fields: { password: ["identity.login.invalid"] } });

/**
 * Starts a session for a handle or email (any case) and password. Unknown accounts and wrong
 * passwords fail identically and take the same time. Attempts are limited per address, per account
 * name and address, and (much higher) per account name; success clears the name's counters.
 */
export async function logIn(
  ctx: AppContext,
  input: LogInInput,
  meta: RequestMeta,
): Promise<{ user: CurrentUser; session: NewSession }> {
  const data = parseInput(logInSchema, input);
  const login = data.login.toLowerCase();
  const nameAtAddress = `${login}|${meta.ip}`;
  await ctx.rateLimits.consume(LOG_IN_PER_IP, meta.ip);
  await ctx.rateLimits.consume(LOG_IN_PER_NAME_AND_IP, nameAtAddress);
  await ctx.rateLimits.consume(LOG_IN_PER_NAME, login);

  const column = login.includes("@") ? users.email : users.handle;
  const [row] = await ctx.db
    .select({ user: users, passwordHash: credentials.passwordHash, roles: rolesOf(users.id) })
    .from(users)
    .innerJoin(credentials, eq(credentials.userId, users.id))
    .where(eq(sql`lower(${column})`, login))
    .limit(1);

  const ok = row ? await verifyPassword(row.passwordHash, data.password) : await verifyAgainstDummy(data.password);
  if (!row || !ok) throw invalidLogIn();
  if (row.user.status !== "active") {
    throw new AppError("FORBIDDEN", "identity.account.suspended");
  }
  await Promise.all([ctx.rateLimits.reset(LOG_IN_PER_NAME_AND_IP, nameAtAddress), ctx.rateLimits.reset(LOG_IN_PER_NAME, login)]);
  const session = await createSession(ctx.db, { userId: row.user.id, now: ctx.clock.now(), userAgent: meta.userAgent, visitorId: meta.visitorId });
  return { user: toCurrentUser(row.user, parseRoles(row.roles)), session };
}
