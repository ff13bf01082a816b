import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../../config";

/*
 * Applicants' personal data (real name, contact, region) is encrypted before it reaches the database:
 * AES-256-GCM with a fresh 12-byte IV per value, stored as `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url).
 * The GCM tag makes a tampered value fail to decrypt instead of reading as something else; the key id says
 * which key to decrypt with, so keys can be rotated (`npm run pii:rotate`) while old values stay readable.
 * Values written before key ids existed have no id segment (`v1.<iv>.<tag>.<ciphertext>`): they were made
 * with the single key and are read with it (or, failing that, whichever configured key authenticates them).
 *
 * Keys: PII_KEYS (`id:key,…`, the first is current) and the single key of CREATOR_PII_KEY, known as
 * `default`; with neither, the embedded default makes that key on first use and keeps it in the data
 * directory (mode 0600), so every later start reads what earlier ones wrote. With PII_KEYS set, a key file
 * left by the embedded default is still read (as `default`) so its values can be rotated, but no new one
 * is made.
 */

/** The id of the single key (CREATOR_PII_KEY or the key file). */
export const DEFAULT_PII_KEY_ID = "default";

/** The configured keys by id, and the one new values are written with. */
export interface PiiKeyring {
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** A key tagged with its id, so encryptPii writes the id into the value. */
export type PiiKey = Buffer & { readonly keyId?: string };

/** A value names a key id that is not configured: it cannot be read until that key is added back. */
export class PiiKeyMissingError extends Error {
  constructor(readonly keyId: string) {
    super(`The personal-data key "${keyId}" is not configured: add it back to PII_KEYS (as ${keyId}:<key>) to read these values`);
    this.name = "PiiKeyMissingError";
  }
}

type KeyConfig = Pick<Config, "creatorPiiKey" | "creatorPiiKeyFile"> & Partial<Pick<Config, "piiKeys">>;

const rings = new Map<string, PiiKeyring>();

function parseKey(value: string, id: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  if (key.length !== 32) throw new Error(`The creator PII key "${id}" must be 32 bytes`);
  return key;
}

function readKeyFile(file: string, create: boolean): Buffer | null {
  if (create) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      // `wx`: only the first of two racing processes writes; the other reads what it wrote.
      fs.writeFileSync(file, crypto.randomBytes(32).toString("hex") + "\n", { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  } else if (!fs.existsSync(file)) {
    return null;
  }
  return parseKey(fs.readFileSync(file, "utf8").trim(), DEFAULT_PII_KEY_ID);
}

/** Every configured key and the current one, read (or, for the embedded default, created) once per process. */
export function piiKeyring(config: KeyConfig): PiiKeyring {
  const versioned = config.piiKeys ?? [];
  const cacheKey = JSON.stringify([config.creatorPiiKey ?? null, config.creatorPiiKeyFile, versioned]);
  const cached = rings.get(cacheKey);
  if (cached) return cached;
  const keys = new Map<string, Buffer>();
  for (const { id, key } of versioned) keys.set(id, parseKey(key, id));
  const single = config.creatorPiiKey ? parseKey(config.creatorPiiKey, DEFAULT_PII_KEY_ID) : readKeyFile(config.creatorPiiKeyFile, versioned.length === 0);
  if (single && !keys.has(DEFAULT_PII_KEY_ID)) keys.set(DEFAULT_PII_KEY_ID, single);
  const ring: PiiKeyring = { currentId: versioned[0]?.id ?? DEFAULT_PII_KEY_ID, keys };
  rings.set(cacheKey, ring);
  return ring;
}

/** The current key for this configuration, tagged with its id (see piiKeyring). */
export function piiKey(config: KeyConfig): PiiKey {
  const ring = piiKeyring(config);
  return Object.assign(Buffer.from(ring.keys.get(ring.currentId)!), { keyId: ring.currentId });
}

function isKeyring(keys: Buffer | PiiKeyring): keys is PiiKeyring {
  return !Buffer.isBuffer(keys);
}

/** Encrypts with the current key of a keyring, or with one key (its id written in when it has one). */
export function encryptPii(keys: PiiKey | PiiKeyring, plain: string): string {
  const [key, id] = isKeyring(keys) ? [keys.keys.get(keys.currentId)!, keys.currentId] : [keys, keys.keyId];
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", ...(id ? [id] : []), iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

function parse(stored: string): { keyId: string | null; iv: string; tag: string; data: string } {
  const parts = stored.split(".");
  if (parts[0] === "v1" && parts.length === 5) return { keyId: parts[1]!, iv: parts[2]!, tag: parts[3]!, data: parts[4]! };
  if (parts[0] === "v1" && parts.length === 4) return { keyId: null, iv: parts[1]!, tag: parts[2]!, data: parts[3]! };
  throw new Error("Unknown PII format");
}

/** The id of the key a stored value was written with; null for a value from before key ids. */
export function piiKeyIdOf(stored: string): string | null {
  return parse(stored).keyId;
}

function decryptWith(key: Buffer, v: { iv: string; tag: string; data: string }): string {
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(v.iv, "base64url"));
  decipher.setAuthTag(Buffer.from(v.tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(v.data, "base64url")), decipher.final()]).toString("utf8");
}

/**
 * Decrypts a stored value: with a keyring, by the key its id names (PiiKeyMissingError when that key is
 * not configured); an id-less value with the `default` key first, then any other that authenticates it.
 */
export function decryptPii(keys: Buffer | PiiKeyring, stored: string): string {
  const v = parse(stored);
  if (!isKeyring(keys)) return decryptWith(keys, v);
  if (v.keyId !== null) {
    const key = keys.keys.get(v.keyId);
    if (!key) throw new PiiKeyMissingError(v.keyId);
    return decryptWith(key, v);
  }
  const candidates = [...keys.keys.entries()].sort(([a], [b]) => Number(b === DEFAULT_PII_KEY_ID) - Number(a === DEFAULT_PII_KEY_ID));
  let failure: unknown;
  for (const [, key] of candidates) {
    try {
      return decryptWith(key, v);
    } catch (error) {
      failure = error;
    }
  }
  // No key took it: without the `default` key, that is the key to add back.
  if (!keys.keys.has(DEFAULT_PII_KEY_ID)) throw new PiiKeyMissingError(DEFAULT_PII_KEY_ID);
  throw failure;
}
