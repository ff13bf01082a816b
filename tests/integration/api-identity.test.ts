import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSeedbed } from "../../server/boot";
import type { CurrentUser } from "../../server/identity";
import { FixedClock } from "../../server/shared/clock";
import { createTestUser, createTokenAs, logInAs, sessionCookieFrom, testIp, uniqueHandle } from "../factories/users";
import { services } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type ApiError = { error: { code: string; message: string; fields?: Record<string, string[]> } };

describe("/api/v1 identity: sign-up, log-in, log-out, tokens", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clock = new FixedClock(new Date());

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
    // Rate limits go through Redis when the run has one, as they would on a real cluster.
    server = await startTestServer(db, { clock, env: { REDIS_URL: services().redisUrl ?? undefined } });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  /** A JSON request from a fresh client address (each test gets its own rate-limit budget). */
  const api = (
    path: string,
    init: { method?: string; json?: unknown; body?: string; headers?: Record<string, string>; ip?: string } = {},
  ) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? (init.json !== undefined || init.body !== undefined ? "POST" : "GET"),
      headers: {
        "x-forwarded-for": init.ip ?? testIp(),
        ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        ...init.headers,
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });

  const counts = async () => {
    const rows = await db.handle.db.execute<Record<string, string>>(sql`select
      (select count(*) from users) as users,
      (select count(*) from credentials) as credentials,
      (select count(*) from user_roles) as roles,
      (select count(*) from sessions) as sessions,
      (select count(*) from access_tokens) as tokens,
      (select count(*) from outbox_events) as events`);
    const row = (Array.isArray(rows) ? rows[0] : (rows as { rows: Record<string, string>[] }).rows[0])!;
    const n = (k: string) => Number(row[k]);
    return { users: n("users"), credentials: n("credentials"), roles: n("roles"), sessions: n("sessions"), tokens: n("tokens"), events: n("events") };
  };

  const newAccount = () => {
    const handle = uniqueHandle("m");
    return { handle, email: `${handle}@Example.test`, password: "a-long-password" };
  };

  const signUp = async (account = newAccount(), ip = testIp()) => {
    const res = await api("/auth/sign-up", { json: account, ip });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { user: CurrentUser };
    return { ...account, user: body.user, cookie: sessionCookieFrom(res)!, res };
  };

  describe("signing up", () => {
    it("creates a member, sets a secure session cookie and records the sign-up event", async () => {
      const before = await counts();
      const account = newAccount();
      const { user, cookie, res } = await signUp(account);

      expect(user).toMatchObject({ handle: account.handle, email: account.email, displayName: account.handle, roles: ["member"] });
      expect(user.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("sb_session="))!;
      expect(setCookie).toMatch(/; HttpOnly/i);
      expect(setCookie).toMatch(/; SameSite=Lax/i);
      expect(setCookie).toMatch(/; Path=\//i);
      expect(setCookie).toMatch(/; Expires=/i);
      expect(setCookie).not.toMatch(/; Secure/i); // only in production, where the site is https

      const me = await api("/me", { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { user: CurrentUser }).user).toEqual(user);

      const after = await counts();
      expect(after).toMatchObject({ users: before.users + 1, credentials: before.credentials + 1, sessions: before.sessions + 1 });
      const events = await db.handle.db.execute<{ type: string; payload: { userId: string } }>(
        sql`select type, payload from outbox_events where payload->>'userId' = ${user.id}`,
      );
      const list = Array.isArray(events) ? events : (events as { rows: { type: string }[] }).rows;
      expect(list.map((e) => e.type)).toEqual(["identity.user.signedUp"]);
    });

    it("stores only an argon2id hash of the password", async () => {
      const { user, password } = await signUp();
      const rows = await db.handle.db.execute<{ password_hash: string }>(
        sql`select password_hash from credentials where user_id = ${user.id}`,
      );
      const hash = (Array.isArray(rows) ? rows[0] : (rows as { rows: { password_hash: string }[] }).rows[0])!.password_hash;
      expect(hash.startsWith("$argon2id$")).toBe(true);
      expect(hash).not.toContain(password);
    });

    const badInputs: { name: string; init: Parameters<typeof api>[1]; status: number; code: string; fields?: Record<string, string> }[] = [
      {
        name: "an empty body",
        init: { method: "POST" },
        status: 422,
        code: "VALIDATION_FAILED",
        fields: { handle: "This field is required.", email: "This field is required.", password: "This field is required." },
      },
      {
        name: "an empty JSON object",
        init: { json: {} },
        status: 422,
        code: "VALIDATION_FAILED",
        fields: { handle: "This field is required.", email: "This field is required.", password: "This field is required." },
      },
      {
        name: "oversized strings",
        init: { json: { handle: "a".repeat(5000), email: `${"a".repeat(300)}@example.test`, password: "p".repeat(129), displayName: "n".repeat(41) } },
        status: 422,
        code: "VALIDATION_FAILED",
        fields: {
          handle: "3–20 characters: letters, digits and underscores, starting with a letter.",
          email: "Enter a valid email address.",
          password: "Use 8 to 128 characters.",
          displayName: "Use 1 to 40 characters.",
        },
      },
      {
        name: "wrong types",
        init: { json: { handle: 12345, email: ["a@example.test"], password: true } },
        status: 422,
        code: "VALIDATION_FAILED",
        fields: { handle: "Expected text.", email: "Expected text.", password: "Expected text." },
      },
      { name: "a JSON array", init: { json: [] }, status: 422, code: "VALIDATION_FAILED", fields: { _: "Expected an object." } },
      {
        name: "a handle with a hyphen, a short password and a bad email",
        init: { json: { handle: "bad-handle", email: "not-an-email", password: "short" } },
        status: 422,
        code: "VALIDATION_FAILED",
        fields: { handle: "3–20 characters: letters, digits and underscores, starting with a letter.", email: "Enter a valid email address.", password: "Use 8 to 128 characters." },
      },
      {
        name: "a reserved handle in any case",
        init: { json: { handle: "Settings", email: "settings@example.test", password: "a-long-password" } },
        status: 422,
        code: "VALIDATION_FAILED",
        fields: { handle: "This handle is reserved." },
      },
      {
        name: "a password equal to the handle",
        init: { json: { handle: "sameasme", email: "same@example.test", password: "SameAsMe" } },
        status: 422,
        code: "VALIDATION_FAILED",
        fields: { password: "The password must not be your handle." },
      },
      {
        name: "malformed JSON",
        init: { body: '{"handle": "abc",', headers: { "content-type": "application/json" } },
        status: 400,
        code: "BAD_REQUEST",
      },
      {
        name: "a form-encoded body",
        init: { body: "handle=abc&email=a@b.co&password=aaaaaaaa", headers: { "content-type": "application/x-www-form-urlencoded" } },
        status: 415,
        code: "UNSUPPORTED_MEDIA_TYPE",
      },
      {
        name: "a body over 1 MB",
        init: { json: { handle: "bigbody", email: "big@example.test", password: "x".repeat(1_100_000) } },
        status: 413,
        code: "PAYLOAD_TOO_LARGE",
      },
    ];

    for (const bad of badInputs) {
      it(`refuses ${bad.name} with ${bad.status} and writes nothing`, async () => {
        const before = await counts();
        const res = await api("/auth/sign-up", bad.init);
        expect(res.status).toBe(bad.status);
        expect(res.headers.get("content-type")).toMatch(/application\/json/);
        const body = (await res.json()) as ApiError;
        expect(body.error.code).toBe(bad.code);
        expect(body.error.message).toEqual(expect.any(String));
        for (const [field, message] of Object.entries(bad.fields ?? {})) {
          expect(body.error.fields?.[field], field).toContain(message);
        }
        expect(await counts()).toEqual(before);
      });
    }

    it("refuses a handle or email that differs from an existing one only in case, naming the field", async () => {
      const existing = await signUp();
      const before = await counts();

      const sameHandle = await api("/auth/sign-up", {
        json: { handle: existing.handle.toUpperCase(), email: `other-${existing.email}`, password: "a-long-password" },
      });
      expect(sameHandle.status).toBe(409);
      expect(((await sameHandle.json()) as ApiError).error).toMatchObject({
        code: "CONFLICT",
        fields: { handle: ["This handle is already taken."] },
      });

      const sameEmail = await api("/auth/sign-up", {
        json: { handle: uniqueHandle("o"), email: existing.email.toUpperCase(), password: "a-long-password" },
      });
      expect(sameEmail.status).toBe(409);
      expect(((await sameEmail.json()) as ApiError).error.fields).toEqual({ email: ["An account with this email already exists."] });

      expect(await counts()).toEqual(before);
    });

    it("creates exactly one account when ten people race for the same handle", async () => {
      const before = await counts();
      const handle = uniqueHandle("race");
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          api("/auth/sign-up", {
            json: { handle: i % 2 ? handle.toUpperCase() : handle, email: `racer${i}-${handle}@example.test`, password: "a-long-password" },
          }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, ...Array(9).fill(409)]);
      const after = await counts();
      expect(after.users).toBe(before.users + 1);
      expect(after.sessions).toBe(before.sessions + 1);
      expect(after.events).toBe(before.events + 1);
    });

    it("answers in Chinese when the client prefers it", async () => {
      const res = await api("/auth/sign-up", { json: { handle: "x" }, headers: { "accept-language": "zh-CN,zh;q=0.9,en;q=0.8" } });
      expect(res.status).toBe(422);
      const body = (await res.json()) as ApiError;
      expect(body.error.message).toBe("部分内容需要修改。");
      expect(body.error.fields?.email).toEqual(["此项为必填。"]);
    });

    it("limits sign-ups per address: the eleventh in an hour gets 429 with Retry-After and creates nothing", async () => {
      const ip = testIp();
      for (let i = 0; i < 10; i++) await signUp(newAccount(), ip);
      const before = await counts();
      const res = await api("/auth/sign-up", { json: newAccount(), ip });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await res.json()) as ApiError).error.code).toBe("RATE_LIMITED");
      expect(await counts()).toEqual(before);
      // Another address is unaffected.
      await signUp(newAccount(), testIp());
    });
  });

  describe("logging in and out", () => {
    it("logs in by handle or email in any case and returns the user with roles", async () => {
      const { user } = await createTestUser(db.handle.db, { handle: uniqueHandle("Log"), roles: ["creator"] });
      const byHandle = await api("/auth/log-in", { json: { login: user.handle.toLowerCase(), password: "correct-horse-battery" } });
      expect(byHandle.status).toBe(200);
      expect(((await byHandle.json()) as { user: CurrentUser }).user).toMatchObject({ id: user.id, roles: ["member", "creator"] });
      expect(sessionCookieFrom(byHandle)).toBeDefined();

      const byEmail = await api("/auth/log-in", { json: { login: ` ${user.email.toUpperCase()} `, password: "correct-horse-battery" } });
      expect(byEmail.status).toBe(200);
    });

    it("refuses a wrong password and an unknown account with the same message and starts no session", async () => {
      const { user } = await createTestUser(db.handle.db);
      const before = await counts();
      const wrong = await api("/auth/log-in", { json: { login: user.handle, password: "not-the-password" } });
      const unknown = await api("/auth/log-in", { json: { login: uniqueHandle("nobody"), password: "not-the-password" } });
      for (const res of [wrong, unknown]) {
        expect(res.status).toBe(401);
        expect(sessionCookieFrom(res)).toBeUndefined();
        expect(((await res.json()) as ApiError).error).toEqual({
          code: "UNAUTHENTICATED",
          message: "The handle/email or password is incorrect.",
          fields: { password: ["The handle/email or password is incorrect."] },
        });
      }
      expect(await counts()).toEqual(before);
    });

    it("refuses an empty log-in form with field messages", async () => {
      const res = await api("/auth/log-in", { json: { login: "", password: 42 } });
      expect(res.status).toBe(422);
      expect(((await res.json()) as ApiError).error.fields).toEqual({ login: ["This field is required."], password: ["Expected text."] });
    });

    it("stops guessing at one account from one address after ten failures, without locking its owner out elsewhere", async () => {
      const { user } = await createTestUser(db.handle.db);
      const attacker = testIp();
      for (let i = 0; i < 10; i++) {
        expect((await api("/auth/log-in", { json: { login: user.handle, password: `guess-${i}-wrong` }, ip: attacker })).status).toBe(401);
      }
      // The right password from the guessing address is refused too: the address is out of tries.
      const blocked = await api("/auth/log-in", { json: { login: user.handle.toUpperCase(), password: "correct-horse-battery" }, ip: attacker });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
      // The owner, somewhere else, still gets in.
      expect((await api("/auth/log-in", { json: { login: user.handle, password: "correct-horse-battery" }, ip: testIp() })).status).toBe(200);
    });

    it("caps guessing at one account spread over many addresses at a hundred failures in the window", async () => {
      const { user } = await createTestUser(db.handle.db);
      // Nine guesses from each of twelve addresses: never ten from one, 108 in all.
      const statuses: number[] = [];
      for (let a = 0; a < 12; a++) {
        const ip = testIp();
        for (let i = 0; i < 9; i++) statuses.push((await api("/auth/log-in", { json: { login: user.handle, password: `guess-${a}-${i}` }, ip })).status);
      }
      expect(statuses.slice(0, 100).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(100).every((s) => s === 429)).toBe(true);
      expect((await api("/auth/log-in", { json: { login: user.handle, password: "correct-horse-battery" }, ip: testIp() })).status).toBe(429);
    });

    it("forgets earlier failures after a successful log-in", async () => {
      const { user } = await createTestUser(db.handle.db);
      const ip = testIp();
      for (let i = 0; i < 9; i++) await api("/auth/log-in", { json: { login: user.handle, password: "wrong-password" }, ip });
      expect((await api("/auth/log-in", { json: { login: user.handle, password: "correct-horse-battery" }, ip })).status).toBe(200);
      for (let i = 0; i < 9; i++) {
        expect((await api("/auth/log-in", { json: { login: user.handle, password: "wrong-password" }, ip })).status).toBe(401);
      }
    });

    it("logging out ends the session: the old cookie no longer works and the browser is told to drop it", async () => {
      const { user } = await createTestUser(db.handle.db);
      const { cookie } = await logInAs(server.url, user.handle);
      expect((await api("/me", { headers: { cookie } })).status).toBe(200);
      const before = await counts();

      const out = await api("/auth/log-out", { method: "POST", headers: { cookie } });
      expect(out.status).toBe(204);
      const cleared = out.headers.getSetCookie().find((c) => c.startsWith("sb_session="))!;
      expect(cleared).toMatch(/^sb_session=;/);
      expect(cleared).toMatch(/Max-Age=0/i);
      expect((await counts()).sessions).toBe(before.sessions - 1);

      const me = await api("/me", { headers: { cookie } });
      expect(me.status).toBe(401);
      expect(me.headers.get("www-authenticate")).toMatch(/^Bearer/);
      // Logging out again is harmless.
      expect((await api("/auth/log-out", { method: "POST", headers: { cookie } })).status).toBe(204);
    });

    it("ignores a session cookie whose signature was tampered with", async () => {
      const { user } = await createTestUser(db.handle.db);
      const { cookie } = await logInAs(server.url, user.handle);
      const tampered = cookie.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
      expect((await api("/me", { headers: { cookie: tampered } })).status).toBe(401);
      expect((await api("/me", { headers: { cookie: "sb_session=garbage" } })).status).toBe(401);
    });

    it("refuses a cross-site POST that carries the session cookie, but accepts a bearer call from anywhere", async () => {
      const { user } = await createTestUser(db.handle.db);
      const { cookie } = await logInAs(server.url, user.handle);
      const token = await createTokenAs(server.url, cookie);
      const before = await counts();

      const forged = await api("/me/access-tokens", { json: { name: "stolen" }, headers: { cookie, origin: "https://evil.example" } });
      expect(forged.status).toBe(403);
      expect(((await forged.json()) as ApiError).error.code).toBe("CSRF_FAILED");
      const forgedPatch = await api("/me", { method: "PATCH", json: { bio: "pwned" }, headers: { cookie, "sec-fetch-site": "cross-site" } });
      expect(forgedPatch.status).toBe(403);
      expect(await counts()).toEqual(before);

      const bearer = await api("/me/access-tokens", {
        json: { name: "from a script" },
        headers: { authorization: `Bearer ${token}`, origin: "https://elsewhere.example" },
      });
      expect(bearer.status).toBe(201);
      // The same-site web app itself is fine.
      const sameSite = await api("/me", { method: "PATCH", json: { bio: "hi" }, headers: { cookie, origin: server.url } });
      expect(sameSite.status).toBe(200);
    });

    it("keeps an active session alive: after an hour of use its expiry slides and the cookie is re-sent", async () => {
      const { user } = await createTestUser(db.handle.db);
      const { cookie } = await logInAs(server.url, user.handle);
      const quiet = await api("/me", { headers: { cookie } });
      expect(sessionCookieFrom(quiet)).toBeUndefined(); // no write per request

      clock.advance(29 * 24 * 3600_000);
      const renewed = await api("/me", { headers: { cookie } });
      expect(renewed.status).toBe(200);
      expect(sessionCookieFrom(renewed)).toBe(cookie); // same session, later expiry
      clock.advance(29 * 24 * 3600_000); // 58 days after log-in, 29 after last use
      expect((await api("/me", { headers: { cookie } })).status).toBe(200);
    });

    it("refuses a session idle for more than 30 days", async () => {
      const { user } = await createTestUser(db.handle.db);
      const { cookie } = await logInAs(server.url, user.handle);
      clock.advance(30 * 24 * 3600_000 + 1000);
      expect((await api("/me", { headers: { cookie } })).status).toBe(401);
    });
  });

  describe("profile", () => {
    it("changes display name, bio and language, and refuses bad values with field messages", async () => {
      const { user } = await createTestUser(db.handle.db);
      const { cookie } = await logInAs(server.url, user.handle);
      const ok = await api("/me", { method: "PATCH", json: { displayName: " 小红 ", bio: "爱分享", locale: "en" }, headers: { cookie } });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { user: CurrentUser }).user).toMatchObject({ displayName: "小红", bio: "爱分享", locale: "en" });

      const before = await counts();
      for (const [json, field] of [
        [{ locale: "fr" }, "locale"],
        [{ displayName: "" }, "displayName"],
        [{ bio: "b".repeat(501) }, "bio"],
        [{ handle: "renamed" }, "handle"],
        [{}, "_"],
      ] as const) {
        const res = await api("/me", { method: "PATCH", json, headers: { cookie } });
        expect(res.status, JSON.stringify(json)).toBe(422);
        expect(Object.keys(((await res.json()) as ApiError).error.fields ?? {})).toContain(field);
      }
      expect(await counts()).toEqual(before);
      const me = (await (await api("/me", { headers: { cookie } })).json()) as { user: CurrentUser };
      expect(me.user.displayName).toBe("小红");
    });
  });

  describe("personal access tokens", () => {
    it("creates a token shown once, lists it by prefix, and authenticates getMe with it like the cookie does", async () => {
      const { user } = await createTestUser(db.handle.db, { roles: ["staff"] });
      const { cookie } = await logInAs(server.url, user.handle);
      const created = await api("/me/access-tokens", { json: { name: "CI", expiresInDays: 30 }, headers: { cookie } });
      expect(created.status).toBe(201);
      const { token, accessToken } = (await created.json()) as { token: string; accessToken: { id: string; prefix: string; expiresAt: string } };
      expect(token).toMatch(/^sbp_[A-Za-z0-9_-]{43}$/);
      expect(token.startsWith(accessToken.prefix)).toBe(true);
      expect(accessToken.expiresAt).not.toBeNull();

      const viaBearer = await api("/me", { headers: { authorization: `Bearer ${token}` } });
      const viaCookie = await api("/me", { headers: { cookie } });
      expect(viaBearer.status).toBe(200);
      const bearerUser = ((await viaBearer.json()) as { user: CurrentUser }).user;
      expect(bearerUser).toEqual(((await viaCookie.json()) as { user: CurrentUser }).user);
      expect(bearerUser.roles).toEqual(["member", "staff"]);

      const list = await api("/me/access-tokens", { headers: { cookie } });
      const listed = ((await list.json()) as { accessTokens: Record<string, unknown>[] }).accessTokens;
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ id: accessToken.id, name: "CI", prefix: accessToken.prefix, revokedAt: null });
      expect(listed[0]!.lastUsedAt).not.toBeNull();
      expect(JSON.stringify(listed)).not.toContain(token);
    });

    it("refuses a revoked token, and another user's token id is not found", async () => {
      const { user } = await createTestUser(db.handle.db);
      const { user: other } = await createTestUser(db.handle.db);
      const { cookie } = await logInAs(server.url, user.handle);
      const { cookie: otherCookie } = await logInAs(server.url, other.handle);
      const created = (await (await api("/me/access-tokens", { json: { name: "phone" }, headers: { cookie } })).json()) as {
        token: string;
        accessToken: { id: string };
      };
      const auth = { authorization: `Bearer ${created.token}` };
      expect((await api("/me", { headers: auth })).status).toBe(200);

      const stranger = await api(`/me/access-tokens/${created.accessToken.id}`, { method: "DELETE", headers: { cookie: otherCookie } });
      expect(stranger.status).toBe(404);
      expect((await api("/me", { headers: auth })).status).toBe(200);

      expect((await api(`/me/access-tokens/${created.accessToken.id}`, { method: "DELETE", headers: { cookie } })).status).toBe(204);
      expect((await api("/me", { headers: auth })).status).toBe(401);
      // A bad bearer never falls back to the cookie sent alongside it.
      expect((await api("/me", { headers: { ...auth, cookie } })).status).toBe(401);

      const badId = await api("/me/access-tokens/not-a-uuid", { method: "DELETE", headers: { cookie } });
      expect(badId.status).toBe(422);
      expect(((await badId.json()) as ApiError).error.fields).toEqual({ tokenId: ["Must be a valid id."] });
    });

    it("refuses a token after its expiry date", async () => {
      const { user } = await createTestUser(db.handle.db);
      const { cookie } = await logInAs(server.url, user.handle);
      const { token } = (await (await api("/me/access-tokens", { json: { name: "short", expiresInDays: 1 }, headers: { cookie } })).json()) as {
        token: string;
      };
      expect((await api("/me", { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      clock.advance(24 * 3600_000 + 1000);
      expect((await api("/me", { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    });

    it("refuses bad token input and unauthenticated callers", async () => {
      const { user } = await createTestUser(db.handle.db);
      const { cookie } = await logInAs(server.url, user.handle);
      const before = await counts();
      const bad = await api("/me/access-tokens", { json: { name: "", expiresInDays: 0.5 }, headers: { cookie } });
      expect(bad.status).toBe(422);
      expect(Object.keys(((await bad.json()) as ApiError).error.fields ?? {}).sort()).toEqual(["expiresInDays", "name"]);
      const anonymous = await api("/me/access-tokens", { json: { name: "x" } });
      expect(anonymous.status).toBe(401);
      expect((await api("/me", { headers: { authorization: "Bearer sbp_notarealtoken" } })).status).toBe(401);
      expect((await api("/me", { headers: { authorization: "Basic Zm9vOmJhcg==" } })).status).toBe(401);
      expect(await counts()).toEqual(before);
    });
  });

  it("answers an unknown /api/v1 path with a JSON 404", async () => {
    const res = await api("/no-such-thing");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: "Not found." } });
  });
});
