import crypto from "node:crypto";
import { LINK_CODE_LENGTH } from "./schemas";

/** Bitcoin's alphabet: no 0/O or I/l, so a code read aloud or off a poster is never ambiguous. */
const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/**
 * A new short code: 10 characters drawn uniformly from base58 (≈ 58 bits), so codes can't be guessed
 * or enumerated. Bytes ≥ 232 (4 × 58) are skipped rather than reduced modulo 58, which would favour
 * the first characters.
 */
export function newLinkCode(): string {
  let out = "";
  while (out.length < LINK_CODE_LENGTH) {
    for (const byte of crypto.randomBytes(16)) {
      if (byte < 232 && out.length < LINK_CODE_LENGTH) out += BASE58[byte % 58];
    }
  }
  return out;
}
