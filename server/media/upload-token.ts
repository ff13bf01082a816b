import crypto from "node:crypto";
import { z } from "zod";

/**
 * The authority carried by a signed upload URL on our own server (the embedded default, where
 * there is no bucket to presign for): one upload, its key, the declared type and size, an expiry.
 * Anyone holding the URL may PUT those bytes until then, exactly like a presigned S3 URL.
 */
export type UploadGrant = { uploadId: string; key: string; contentType: string; size: number; expiresAt: number };

const grantSchema = z.object({
  u: z.uuid(),
  k: z.string().min(1).max(512),
  t: z.string().min(1).max(100),
  s: z.number().int().positive(),
  e: z.number().int().positive(),
});

const mac = (secret: string, payload: string) =>
  crypto.createHmac("sha256", `media-upload:${secret}`).update(payload).digest("base64url");

export function signUploadGrant(secret: string, grant: UploadGrant): string {
  const payload = Buffer.from(
    JSON.stringify({ u: grant.uploadId, k: grant.key, t: grant.contentType, s: grant.size, e: grant.expiresAt }),
  ).toString("base64url");
  return `${payload}.${mac(secret, payload)}`;
}

/** The grant a token carries, or why it carries none ("invalid" for forged or mangled, "expired"). */
export function verifyUploadGrant(
  secret: string,
  token: string,
  now: Date,
): { ok: true; grant: UploadGrant } | { ok: false; reason: "invalid" | "expired" } {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: "invalid" };
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return { ok: false, reason: "invalid" };
  let parsed;
  try {
    parsed = grantSchema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const g = parsed.data;
  if (g.e * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, grant: { uploadId: g.u, key: g.k, contentType: g.t, size: g.s, expiresAt: g.e } };
}
