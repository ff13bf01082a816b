import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../../config";

/*
 * Applicants' personal data (real name, contact, region) is encrypted before it reaches the database:
 * AES-256-GCM with a fresh 12-byte IV per value, stored as `v1.<iv>.<tag>.<ciphertext>` (base64url). The
 * GCM tag makes a tampered value fail to decrypt instead of reading as something else. The key comes from
 * CREATOR_PII_KEY; without it the embedded default makes one on first use and keeps it in the data
 * directory (mode 0600), so every later start reads what earlier ones wrote.
 */

const keys = new Map<string, Buffer>();

function parseKey(value: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
}

/** The key for this configuration, read or created once per process. */
export function piiKey(config: Pick<Config, "creatorPiiKey" | "creatorPiiKeyFile">): Buffer {
  const cacheKey = config.creatorPiiKey ? `env:${config.creatorPiiKey}` : `file:${config.creatorPiiKeyFile}`;
  const cached = keys.get(cacheKey);
  if (cached) return cached;
  let key: Buffer;
  if (config.creatorPiiKey) {
    key = parseKey(config.creatorPiiKey);
  } else {
    const file = config.creatorPiiKeyFile;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      // `wx`: only the first of two racing processes writes; the other reads what it wrote.
      fs.writeFileSync(file, crypto.randomBytes(32).toString("hex") + "\n", { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    key = parseKey(fs.readFileSync(file, "utf8").trim());
  }
  if (key.length !== 32) throw new Error("The creator PII key must be 32 bytes");
  keys.set(cacheKey, key);
  return key;
}

export function encryptPii(key: Buffer, plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

export function decryptPii(key: Buffer, stored: string): string {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== "v1" || iv === undefined || tag === undefined || data === undefined) throw new Error("Unknown PII format");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
