import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config";
import { decryptPii, encryptPii, piiKey } from "../../server/creators/applications/pii";

describe("creator applicants' personal data at rest", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seedbed-pii-"));

  it("round-trips through AES-256-GCM with a fresh IV each time and refuses a tampered value", () => {
    const key = crypto.randomBytes(32);
    const a = encryptPii(key, "林小雨 +86 138 0013 8000");
    const b = encryptPii(key, "林小雨 +86 138 0013 8000");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain("林小雨");
    expect(decryptPii(key, a)).toBe("林小雨 +86 138 0013 8000");
    const [v, iv, tag, data] = a.split(".");
    const flipped = Buffer.from(data!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptPii(key, [v, iv, tag, flipped.toString("base64url")].join("."))).toThrow();
    expect(() => decryptPii(crypto.randomBytes(32), a)).toThrow();
  });

  it("without CREATOR_PII_KEY makes a key once in the data directory and keeps using it", () => {
    const file = path.join(dir, "nested", "creator-pii.key");
    const first = piiKey({ creatorPiiKey: undefined, creatorPiiKeyFile: file });
    expect(first).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const stored = encryptPii(first, "上海");
    // A later start (a fresh process: the same file, read again) decrypts what the first wrote.
    const again = Buffer.from(fs.readFileSync(file, "utf8").trim(), "hex");
    expect(decryptPii(again, stored)).toBe("上海");
  });

  it("uses CREATOR_PII_KEY when set (hex or base64) and rejects a key of the wrong size at start-up", () => {
    const hex = crypto.randomBytes(32).toString("hex");
    const config = loadConfig({ CREATOR_PII_KEY: hex, DATA_DIR: dir });
    expect(config.creatorPiiKey).toBe(hex);
    expect(piiKey(config).toString("hex")).toBe(hex);
    const b64 = crypto.randomBytes(32).toString("base64");
    expect(piiKey(loadConfig({ CREATOR_PII_KEY: b64, DATA_DIR: dir })).toString("base64")).toBe(b64);
    expect(() => loadConfig({ CREATOR_PII_KEY: "too-short" })).toThrow(ConfigError);
    expect(loadConfig({ DATA_DIR: dir }).creatorPiiKeyFile).toBe(path.join(path.resolve(dir), "creator-pii.key"));
  });
});
