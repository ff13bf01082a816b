import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config";

describe("configuration", () => {
  it("runs on embedded defaults with no environment at all", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe("pglite");
    expect(config.search.kind).toBe("builtin");
    expect(config.storage.kind).toBe("local");
    expect(config.redisUrl).toBeUndefined();
    expect(config.platformTimeZone).toBe("Asia/Shanghai");
    expect(config.seedDemo).toBe(true);
  });

  it("switches each part to its real service by its own variable", () => {
    const config = loadConfig({
      DATABASE_URL: "postgres://u@db:5432/seedbed",
      REDIS_URL: "redis://cache:6379",
      MEILI_HOST: "http://search:7700",
      S3_BUCKET: "media",
      S3_ENDPOINT: "http://minio:9000",
      S3_ACCESS_KEY_ID: "k",
      S3_SECRET_ACCESS_KEY: "s",
    });
    expect(config.database).toMatchObject({ kind: "postgres", url: "postgres://u@db:5432/seedbed" });
    expect(config.redisUrl).toBe("redis://cache:6379");
    expect(config.search).toMatchObject({ kind: "meilisearch", host: "http://search:7700" });
    expect(config.storage).toMatchObject({ kind: "s3", bucket: "media", endpoint: "http://minio:9000" });
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ REDIS_URL: "not a url" }, "REDIS_URL"],
    [{ TZ_PLATFORM: "Mars/Olympus" }, "TZ_PLATFORM"],
    [{ NODE_ENV: "production" }, "SESSION_SECRET"],
    [{ SESSION_SECRET: "short" }, "SESSION_SECRET"],
    [{ S3_BUCKET: "b", S3_ACCESS_KEY_ID: "only-the-id" }, "S3_SECRET_ACCESS_KEY"],
    [{ MEILI_KEY: "k" }, "MEILI_HOST"],
  ])("fails at start naming the bad variable (%o)", (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(variable);
    expect((error as ConfigError).problems.map((p) => p.variable)).toContain(variable);
  });

  it("never seeds demo accounts in production", () => {
    const config = loadConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), SEED_DEMO: "1" });
    expect(config.seedDemo).toBe(false);
  });
});
