import { z } from "zod";
import { SESSION_COOKIE_NAME } from "../../identity";
import type { ApiOperation } from "./define-operation";

type JsonSchema = Record<string, unknown>;

/** JSON Schema of a zod schema as requests see it ("input") or as responses are sent ("output"). */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    // Refinements (e.g. reserved handles) can't be expressed; they are enforced and described in prose.
    unrepresentable: "any",
  }) as JsonSchema;
  return rest;
}

const STATUS_TEXT: Record<number, string> = {
  400: "Malformed request (e.g. invalid JSON)",
  401: "Not authenticated",
  403: "Not allowed, or a cross-site request with the session cookie",
  404: "Not found",
  409: "Conflicts with existing data",
  413: "Request body larger than 1 MB",
  415: "Body is not application/json",
  422: "Validation failed; `fields` names each bad field",
  429: "Rate limited; see the Retry-After header",
  500: "Unexpected error; quote the requestId",
};

const errorSchema: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", examples: ["VALIDATION_FAILED", "UNAUTHENTICATED", "RATE_LIMITED"] },
        message: { type: "string", description: "Human-readable; English unless Accept-Language prefers Chinese." },
        fields: {
          type: "object",
          description: "Field name → messages, for validation failures and conflicts.",
          additionalProperties: { type: "array", items: { type: "string" } },
        },
        requestId: { type: "string" },
      },
    },
  },
};

/** "/me/access-tokens/:tokenId" → "/me/access-tokens/{tokenId}" */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, "{$1}");
}

function parametersOf(schema: z.ZodObject | undefined, location: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, s]) => ({
    name,
    in: location,
    required: location === "path" || (object.required ?? []).includes(name),
    schema: s,
  }));
}

function errorStatusesOf(op: ApiOperation): number[] {
  const statuses = new Set<number>([...op.errorStatuses, 500]);
  if (op.body) [400, 413, 415, 422].forEach((s) => statuses.add(s));
  if (op.params || op.query) statuses.add(422);
  if (op.params) statuses.add(404);
  if (op.auth !== "public") statuses.add(401);
  if (op.auth !== "public" && op.auth !== "user") statuses.add(403);
  if (op.method !== "get") statuses.add(403); // cross-site requests carrying the cookie
  return [...statuses].sort((a, b) => a - b);
}

/** The OpenAPI 3.1 document, generated from the same operations and schemas the router enforces. */
export function buildOpenApiDocument(operations: readonly ApiOperation[], options: { serverUrl?: string } = {}) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const responses: Record<string, unknown> = {
      [op.successStatus]: op.response
        ? { description: "Success", content: { "application/json": { schema: jsonSchema(op.response, "output") } } }
        : { description: "Success, no content" },
    };
    for (const status of errorStatusesOf(op)) {
      responses[status] = { $ref: `#/components/responses/E${status}` };
    }
    const permission = op.auth !== "public" && op.auth !== "user" ? `\n\nRequires permission \`${op.auth}\`.` : "";
    (paths[openApiPath(op.path)] ??= {})[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description || permission ? { description: `${op.description ?? ""}${permission}`.trim() } : {}),
      tags: op.tags,
      parameters: [...parametersOf(op.params, "path"), ...parametersOf(op.query, "query")],
      ...(op.body
        ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } } }
        : {}),
      responses,
      security: op.auth === "public" ? [] : [{ bearerAuth: [] }, { cookieAuth: [] }],
    };
  }

  const responses = Object.fromEntries(
    Object.entries(STATUS_TEXT).map(([status, description]) => [
      `E${status}`,
      {
        description,
        ...(status === "429" ? { headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait" } } } : {}),
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    ]),
  );

  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Seedbed API",
      version: "1",
      description:
        "JSON is camelCase, times are ISO-8601 UTC, money is integer cents (CNY). Errors are " +
        '`{"error": {"code", "message", "fields"}}`. Authenticate with a personal access token ' +
        "(`Authorization: Bearer sbp_…`) or the web session cookie.",
    },
    servers: [{ url: options.serverUrl ? `${options.serverUrl.replace(/\/$/, "")}/api/v1` : "/api/v1" }],
    tags: [...new Set(operations.flatMap((op) => op.tags))].sort().map((name) => ({ name })),
    paths,
    components: {
      schemas: { Error: errorSchema },
      responses,
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A personal access token (sbp_…)." },
        cookieAuth: { type: "apiKey", in: "cookie", name: SESSION_COOKIE_NAME, description: "The web session." },
      },
    },
  };
}
