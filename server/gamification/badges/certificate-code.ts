import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U to misread

/**
 * A certificate's public verification code: 20 base32 characters from 100 random bits, so a code
 * can be printed and shared but not guessed or enumerated.
 */
export function newCertificateCode(): string {
  const bytes = randomBytes(20);
  let code = "";
  for (const b of bytes) code += ALPHABET[b & 31];
  return code;
}

/** XXXX-XXXX-XXXX-XXXX-XXXX, as printed on the certificate. */
export function formatCertificateCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, "$1-");
}
