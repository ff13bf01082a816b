import crypto from "node:crypto";
import type { Queryable } from "../../db/client";
import { createUser, hashPassword, SESSION_COOKIE_NAME, type CreateUserOptions, type CurrentUser } from "../../server/identity";

export const TEST_PASSWORD = "correct-horse-battery";

let sequence = 0;
/** A handle no other test uses: starts with a letter, ≤ 20 characters. */
export function uniqueHandle(prefix = "u"): string {
  const suffix = `${(++sequence).toString(36)}${crypto.randomBytes(4).toString("hex")}`;
  return `${prefix.slice(0, 20 - suffix.length)}${suffix}`;
}

let testPasswordHash: Promise<string> | undefined;

/**
 * A user straight in the database (the same `createUser` the demo seed uses). Pass `password` to
 * choose one; by default every test user shares TEST_PASSWORD and its hash is computed once.
 */
export async function createTestUser(
  db: Queryable,
  overrides: Partial<Omit<CreateUserOptions, "password">> & { password?: string } = {},
): Promise<{ user: CurrentUser; password: string }> {
  const handle = overrides.handle ?? uniqueHandle();
  const password = overrides.password ?? TEST_PASSWORD;
  const passwordOption = overrides.password ? password : { hash: await (testPasswordHash ??= hashPassword(TEST_PASSWORD)) };
  const user = await createUser(db, {
    email: `${handle.toLowerCase()}@example.test`,
    now: new Date(),
    ...overrides,
    handle,
    password: passwordOption,
  });
  return { user, password };
}

/** A random private address, so each test gets its own rate-limit budget (the server trusts X-Forwarded-For from loopback). */
export function testIp(): string {
  const b = crypto.randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

/** The `name=value` pair of the session cookie a response set, ready for a Cookie header. */
export function sessionCookieFrom(res: Response): string | undefined {
  for (const header of res.headers.getSetCookie()) {
    const [pair = ""] = header.split(";");
    if (pair.startsWith(`${SESSION_COOKIE_NAME}=`) && pair.length > SESSION_COOKIE_NAME.length + 1) return pair;
  }
  return undefined;
}

/** Logs in over HTTP and returns the Cookie header value for later requests. */
export async function logInAs(
  baseUrl: string,
  login: string,
  password: string = TEST_PASSWORD,
): Promise<{ cookie: string; user: CurrentUser }> {
  const res = await fetch(`${baseUrl}/api/v1/auth/log-in`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": testIp() },
    body: JSON.stringify({ login, password }),
  });
  if (res.status !== 200) throw new Error(`log-in as ${login} failed: ${res.status} ${await res.text()}`);
  const cookie = sessionCookieFrom(res);
  if (!cookie) throw new Error("log-in set no session cookie");
  const body = (await res.json()) as { user: CurrentUser };
  return { cookie, user: body.user };
}

/** A personal access token for `user`, created over HTTP with their session. */
export async function createTokenAs(baseUrl: string, cookie: string, name = "test"): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/me/access-tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ name }),
  });
  if (res.status !== 201) throw new Error(`token creation failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}
