/**
 * What a file really is, from its first bytes. Browsers and clients declare a type from the file
 * name, which anyone can change; serving or decoding bytes under a type they do not have is how
 * polyglot files slip through. Pure: no I/O.
 */
export type SniffedType = { mime: string; class: "image" | "video" };

/** Enough leading bytes for every signature below (ftyp boxes list their brands early). */
export const SNIFF_BYTES = 4096;

const ascii = (b: Buffer, start: number, end: number) => b.subarray(start, end).toString("latin1");

export function sniffType(bytes: Buffer): SniffedType | null {
  if (bytes.length < 12) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { mime: "image/jpeg", class: "image" };
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { mime: "image/png", class: "image" };
  }
  const head6 = ascii(bytes, 0, 6);
  if (head6 === "GIF87a" || head6 === "GIF89a") return { mime: "image/gif", class: "image" };
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return { mime: "image/webp", class: "image" };
  if (ascii(bytes, 4, 8) === "ftyp") return sniffIsoBmff(bytes);
  if (bytes.readUInt32BE(0) === 0x1a45dfa3) return sniffEbml(bytes);
  return null;
}

const HEIC_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs"]);
const AVIF_BRANDS = new Set(["avif", "avis"]);
const MP4_BRANDS = new Set([
  "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "mp71", "avc1", "dash", "M4V ", "M4VH", "M4VP",
  "MSNV", "NDAS", "3gp4", "3gp5", "3gp6", "3g2a", "f4v ", "mmp4",
]);

/** ISO base media (MP4, MOV, HEIF, AVIF): the ftyp box names a major brand and compatible ones. */
function sniffIsoBmff(bytes: Buffer): SniffedType | null {
  const boxSize = bytes.readUInt32BE(0);
  const end = Math.min(bytes.length, boxSize >= 16 ? boxSize : 16);
  const major = ascii(bytes, 8, 12);
  const brands = [major];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, at + 4));
  // Still images first: an AVIF or HEIC lists "mif1" and may list "iso8" or even "mp4" brands as compatible.
  if (AVIF_BRANDS.has(major) || (major === "mif1" && brands.some((b) => AVIF_BRANDS.has(b)))) {
    return { mime: "image/avif", class: "image" };
  }
  if (HEIC_BRANDS.has(major) || major === "mif1" || major === "msf1") return { mime: "image/heic", class: "image" };
  if (major === "qt  ") return { mime: "video/quicktime", class: "video" };
  if (brands.some((b) => MP4_BRANDS.has(b))) return { mime: "video/mp4", class: "video" };
  return null;
}

/** EBML (Matroska family): only the WebM doctype counts. */
function sniffEbml(bytes: Buffer): SniffedType | null {
  const at = bytes.subarray(0, 64).indexOf(Buffer.from([0x42, 0x82])); // DocType element id
  if (at < 0) return null;
  const sizeByte = bytes[at + 2] ?? 0;
  // One-byte EBML size (0x80 | n) is what every muxer writes for a short DocType.
  const length = sizeByte & 0x80 ? sizeByte & 0x7f : 0;
  const docType = ascii(bytes, at + 3, at + 3 + length);
  return docType === "webm" ? { mime: "video/webm", class: "video" } : null;
}
