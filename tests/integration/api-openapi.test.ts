import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSeedbed } from "../../server/boot";
import { createTestUser, logInAs, createTokenAs, testIp, uniqueHandle } from "../factories/users";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  format?: string;
  enum?: string[];
};
type Operation = {
  operationId: string;
  tags: string[];
  parameters: { name: string; in: string; required: boolean; schema: Schema }[];
  requestBody?: { content: { "application/json": { schema: Schema } } };
  responses: Record<string, { $ref?: string; content?: unknown }>;
  security: Record<string, string[]>[];
};
type Doc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Schema>;
    responses: Record<string, { content: { "application/json": { schema: { $ref: string } } } }>;
    securitySchemes: Record<string, { type: string; scheme?: string; in?: string; name?: string }>;
  };
};

/** Does a string satisfy a JSON Schema string (the subset our documents use)? */
function satisfies(schema: Schema, value: string): boolean {
  if (schema.minLength !== undefined && [...value].length < schema.minLength) return false;
  if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return false;
  if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) return false;
  return true;
}

describe("the OpenAPI document at /api/v1/openapi.json", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  let doc: Doc;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db);
    const res = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as Doc;
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const find = (operationId: string) => operations().find((o) => o.op.operationId === operationId)!;

  it("is OpenAPI 3.1 with unique operationIds including the fixed signUp, logIn and getMe", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toEqual(expect.any(String));
    const ids = operations().map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(["signUp", "logIn", "getMe", "logOut", "updateMe", "listAccessTokens", "createAccessToken", "revokeAccessToken"]));
    // The operationIds DESIGN.md §5 fixes, for every capability built so far.
    expect(ids).toEqual(
      expect.arrayContaining([
        "createUpload", "createPost", "getPost", "getFeed", "likePost", "unlikePost", "favoritePost",
        "createComment", "followUser", "reportPost", "listNotifications", "featurePost", "search",
        "dailyCheckIn", "listPointsLedger", "listChallenges", "createChallenge", "joinChallenge", "challengeCheckIn",
        "listBadges", "listUserBadges", "listRewards", "redeemReward",
      ]),
    );
    expect(find("signUp")).toMatchObject({ path: "/auth/sign-up", method: "post" });
    expect(find("getMe")).toMatchObject({ path: "/me", method: "get" });
    expect(find("revokeAccessToken").path).toBe("/me/access-tokens/{tokenId}");
  });

  it("documents bearer and cookie authentication, and which operations need them", () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.cookieAuth).toMatchObject({ type: "apiKey", in: "cookie", name: "sb_session" });
    expect(find("signUp").op.security).toEqual([]);
    expect(find("getMe").op.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
    expect(find("getMe").op.responses["401"]).toBeDefined();
  });

  it("gives every operation tags, a success response and error responses in the §5 error format", () => {
    const error = doc.components.schemas.Error!;
    expect(error.required).toEqual(["error"]);
    expect(error.properties!.error!.required).toEqual(["code", "message"]);
    for (const { op } of operations()) {
      expect(op.tags.length, op.operationId).toBeGreaterThan(0);
      const statuses = Object.keys(op.responses);
      expect(statuses.some((s) => s.startsWith("2")), op.operationId).toBe(true);
      expect(statuses, op.operationId).toContain("500");
      for (const status of statuses.filter((s) => !s.startsWith("2"))) {
        const ref = op.responses[status]!.$ref!.replace("#/components/responses/", "");
        expect(doc.components.responses[ref]!.content["application/json"].schema.$ref).toBe("#/components/schemas/Error");
      }
      if (op.requestBody) expect(statuses).toEqual(expect.arrayContaining(["400", "415", "422"]));
    }
    expect(find("revokeAccessToken").op.parameters).toEqual([
      expect.objectContaining({ name: "tokenId", in: "path", required: true, schema: expect.objectContaining({ format: "uuid" }) }),
    ]);
  });

  it("describes the handle, email and password rules exactly as the API enforces them", async () => {
    const body = find("signUp").op.requestBody!.content["application/json"].schema;
    expect(body.required).toEqual(expect.arrayContaining(["handle", "email", "password"]));
    const rules = body.properties!;
    expect(rules.email!.format).toBe("email");

    const base = uniqueHandle("h").slice(0, 10);
    const handles = ["ab", "abc", "a".repeat(20), "a".repeat(21), "1abc", "_abc", "ab_c9", "a-bc", "a bc", "小红书用户", "Ab12", `${base}Z`];
    const emails = ["x@example.test", "no-at-sign", "a@b", "a b@example.test", `${"e".repeat(250)}@ex.test`];
    const passwords = ["1234567", "12345678", "p".repeat(128), "p".repeat(129)];

    const accepted = async (field: "handle" | "email" | "password", value: string) => {
      const handle = uniqueHandle("p");
      const json = { handle, email: `${handle}@example.test`, password: "a-long-password", [field]: value };
      if (field !== "email") json.email = `${uniqueHandle("e")}@example.test`;
      const res = await fetch(`${server.url}/api/v1/auth/sign-up`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": testIp() },
        body: JSON.stringify(json),
      });
      const fields = res.status === 422 ? ((await res.json()) as { error: { fields: Record<string, string[]> } }).error.fields : {};
      return !(field in fields);
    };

    for (const handle of handles) expect(await accepted("handle", handle), handle).toBe(satisfies(rules.handle!, handle));
    for (const email of emails) expect(await accepted("email", email), email).toBe(satisfies(rules.email!, email));
    for (const password of passwords) expect(await accepted("password", password), password).toBe(satisfies(rules.password!, password));
    // The cases above really exercise both outcomes.
    expect(handles.filter((h) => satisfies(rules.handle!, h)).length).toBeGreaterThan(2);
    expect(handles.filter((h) => !satisfies(rules.handle!, h)).length).toBeGreaterThan(2);
  });

  it("lists as required exactly the body fields the API demands", async () => {
    // An admin passes every permission check, so the body is what decides.
    const { user } = await createTestUser(db.handle.db, { roles: ["admin"] });
    const { cookie } = await logInAs(server.url, user.handle);
    const token = await createTokenAs(server.url, cookie);
    for (const { path, method, op } of operations()) {
      if (!op.requestBody) continue;
      const schema = op.requestBody.content["application/json"].schema as { required?: string[]; oneOf?: { required?: string[] }[]; anyOf?: { required?: string[] }[] };
      // A body that is one of several shapes (e.g. by an "action" field) requires what every shape requires.
      const variants = schema.oneOf ?? schema.anyOf;
      const required = schema.required ?? (variants ? variants.map((v) => v.required ?? []).reduce((a, b) => a.filter((f) => b.includes(f))) : []);
      const url = path.replace(/\{(\w+)\}/g, "00000000-0000-4000-8000-000000000000");
      const res = await fetch(`${server.url}/api/v1${url}`, {
        method: method.toUpperCase(),
        headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-forwarded-for": testIp() },
        body: "{}",
      });
      if (required.length === 0 && res.status !== 422) continue; // nothing required, nothing demanded
      // A signed webhook checks the signature over the raw body first: an unsigned body is 401, whatever it holds.
      if (op.operationId === "ingestExternalOrder" && res.status === 401) continue;
      expect(res.status, op.operationId).toBe(422);
      const fields = ((await res.json()) as { error: { fields: Record<string, string[]> } }).error.fields;
      const demanded = Object.keys(fields).filter((f) => f !== "_").sort();
      expect(demanded, op.operationId).toEqual([...required].sort());
    }
  });
});
