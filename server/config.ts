import path from "node:path";
import { z } from "zod";

/**
 * The one reader of the environment. Every service variable switches exactly one part
 * from its embedded default to the real service:
 *   DATABASE_URL → PostgreSQL (else PGlite in DATA_DIR)
 *   REDIS_URL    → Redis rate limits + Socket.IO adapter (else in memory)
 *   MEILI_HOST   → Meilisearch (else the built-in engine)
 *   S3_BUCKET    → S3 object storage (else local disk under DATA_DIR)
 */

const DEV_SESSION_SECRET = "seedbed-development-secret-change-me-please";

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const urlWithProtocols = (protocols: string[]) =>
  optionalString.refine(
    (v) => {
      if (v === undefined) return true;
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}` },
  );

const isPiiKey = (v: string) => /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, "base64").length === 32;

/** `id1:key1,id2:key2` → entries in order (the first is current), or null when malformed. */
function parsePiiKeys(value: string): { id: string; key: string }[] | null {
  const entries = value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf(":");
      return { id: part.slice(0, at).trim(), key: part.slice(at + 1).trim() };
    });
  const ok = entries.every((e) => /^[A-Za-z0-9_-]{1,32}$/.test(e.id) && isPiiKey(e.key)) && new Set(entries.map((e) => e.id)).size === entries.length;
  return ok && entries.length > 0 ? entries : null;
}

const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : ["1", "true", "yes"].includes(v)));

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    PUBLIC_URL: urlWithProtocols(["http:", "https:"]),
    DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: urlWithProtocols(["postgres:", "postgresql:"]),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    REDIS_URL: urlWithProtocols(["redis:", "rediss:"]),
    /** Namespaces every Redis key and channel, so two deployments (or other apps) can share one Redis. */
    REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, { error: "letters, digits, _ . - only (1–40)" }).default("seedbed"),
    MEILI_HOST: urlWithProtocols(["http:", "https:"]),
    MEILI_KEY: optionalString,
    S3_ENDPOINT: urlWithProtocols(["http:", "https:"]),
    S3_BUCKET: optionalString,
    S3_REGION: z.string().min(1).default("us-east-1"),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    SESSION_SECRET: optionalString,
    TZ_PLATFORM: z
      .string()
      .default("Asia/Shanghai")
      .refine(isValidTimeZone, { message: "must be an IANA time zone such as Asia/Shanghai" }),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    SLOW_QUERY_MS: z.coerce.number().int().min(0).default(200),
    SEED_DEMO: booleanFlag,
    RUN_JOBS: booleanFlag,
    BENCH_ROUTES: booleanFlag,
    FEED_CACHE_SECONDS: z.coerce.number().int().min(0).max(600).default(20),
    CREATOR_PII_KEY: z
      .string()
      .optional()
      .refine((v) => v === undefined || v === "" || isPiiKey(v), {
        message: "must be 32 bytes as 64 hex characters or base64",
      }),
    PII_KEYS: z
      .string()
      .optional()
      .refine((v) => v === undefined || v.trim() === "" || parsePiiKeys(v) !== null, {
        message: "must be id:key pairs separated by commas (ids of letters, digits, _ or -, each once; keys of 32 bytes as hex or base64), the current key first",
      }),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required when NODE_ENV=production" });
    }
    if (env.SESSION_SECRET && env.SESSION_SECRET.length < 32) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "must be at least 32 characters" });
    }
    if (env.S3_BUCKET && (!env.S3_ACCESS_KEY_ID) !== (!env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: [env.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID"],
        message: "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together",
      });
    }
    if (!env.S3_BUCKET && env.S3_ENDPOINT) {
      ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "is required when S3_ENDPOINT is set" });
    }
    if (env.MEILI_KEY && !env.MEILI_HOST) {
      ctx.addIssue({ code: "custom", path: ["MEILI_HOST"], message: "is required when MEILI_KEY is set" });
    }
  });

export interface Config {
  env: "development" | "production" | "test";
  isProduction: boolean;
  port: number;
  host: string;
  publicUrl: string | undefined;
  dataDir: string;
  database: { kind: "postgres"; url: string; poolSize: number } | { kind: "pglite"; dir: string };
  redisUrl: string | undefined;
  /** Prefix of every Redis key and pub/sub channel (REDIS_PREFIX, default "seedbed"). */
  redisPrefix: string;
  search: { kind: "meilisearch"; host: string; apiKey: string | undefined } | { kind: "builtin" };
  storage:
    | {
        kind: "s3";
        bucket: string;
        region: string;
        endpoint: string | undefined;
        accessKeyId: string | undefined;
        secretAccessKey: string | undefined;
      }
    | { kind: "local"; dir: string };
  sessionSecret: string;
  platformTimeZone: string;
  logLevel: string;
  slowQueryMs: number;
  /** Demo accounts and content are seeded once on an empty database, never in production. */
  seedDemo: boolean;
  /** Run the outbox processor and scheduler inside the web process (off when `npm run worker` does it). */
  runJobs: boolean;
  /** Serve /bench-baseline, the static page `npm run bench` compares every scenario with. */
  benchRoutes: boolean;
  /**
   * How long a reader's ranked 推荐 window is reused for their next first page (0 = never). Within that
   * time a newly published note waits for the next refresh, as it does while scrolling a cursor.
   */
  feedCacheSeconds: number;
  /**
   * The AES-256-GCM key for creator applicants' personal data, as configured; when unset, a key is made on
   * first use and kept in `creatorPiiKeyFile` (so data written by one start is readable by the next).
   */
  creatorPiiKey: string | undefined;
  creatorPiiKeyFile: string;
  /**
   * Versioned keys from PII_KEYS, the current one first; older ones only decrypt until `npm run pii:rotate`
   * has moved every value to the current key. Empty when unset (the single key above is then current).
   */
  piiKeys: { id: string; key: string }[];
}

export class ConfigError extends Error {
  constructor(public readonly problems: { variable: string; message: string }[]) {
    super(
      "Invalid configuration:\n" + problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n") +
        "\nSee .env.example for every variable.",
    );
    this.name = "ConfigError";
  }
}

/** Parses the environment (process.env by default) into a Config, or throws ConfigError naming each bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? "environment"), message: issue.message })),
    );
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  const isProduction = env.NODE_ENV === "production";
  return {
    env: env.NODE_ENV,
    isProduction,
    port: env.PORT,
    host: env.HOST,
    publicUrl: env.PUBLIC_URL,
    dataDir,
    database: env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }
      : { kind: "pglite", dir: path.join(dataDir, "pglite") },
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
    search: env.MEILI_HOST ? { kind: "meilisearch", host: env.MEILI_HOST, apiKey: env.MEILI_KEY } : { kind: "builtin" },
    storage: env.S3_BUCKET
      ? {
          kind: "s3",
          bucket: env.S3_BUCKET,
          region: env.S3_REGION,
          endpoint: env.S3_ENDPOINT,
          accessKeyId: env.S3_ACCESS_KEY_ID,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY,
        }
      : { kind: "local", dir: path.join(dataDir, "media") },
    sessionSecret: env.SESSION_SECRET ?? DEV_SESSION_SECRET,
    platformTimeZone: env.TZ_PLATFORM,
    logLevel: env.LOG_LEVEL,
    slowQueryMs: env.SLOW_QUERY_MS,
    seedDemo: isProduction ? false : (env.SEED_DEMO ?? true),
    runJobs: env.RUN_JOBS ?? true,
    benchRoutes: env.BENCH_ROUTES ?? false,
    feedCacheSeconds: env.FEED_CACHE_SECONDS,
    creatorPiiKey: env.CREATOR_PII_KEY || undefined,
    creatorPiiKeyFile: path.join(dataDir, "creator-pii.key"),
    piiKeys: env.PII_KEYS ? (parsePiiKeys(env.PII_KEYS) ?? []) : [],
  };
}
