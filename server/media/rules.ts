import type { UploadKind } from "../../db/schema";

const MB = 1024 * 1024;

/**
 * What each kind of upload may be: the declared content types accepted, and the most bytes. The
 * real type is sniffed from the bytes afterwards and must be one of the same list.
 * HEIC is left out on purpose: the image library here cannot decode it, so it could never get
 * renditions; phones convert to JPEG when the picker asks for these types.
 */
export const UPLOAD_LIMITS: Record<UploadKind, { maxBytes: number; types: readonly string[] }> = {
  image: { maxBytes: 10 * MB, types: ["image/jpeg", "image/png", "image/webp", "image/gif", "image/avif"] },
  video: { maxBytes: 100 * MB, types: ["video/mp4", "video/quicktime", "video/webm"] },
  avatar: { maxBytes: 5 * MB, types: ["image/jpeg", "image/png", "image/webp", "image/gif", "image/avif"] },
};

/** Decoded images larger than this many pixels are refused (a small file can inflate to gigabytes). */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** How long a signed upload URL (local or S3) accepts bytes. */
export const UPLOAD_URL_TTL_SEC = 15 * 60;
/** A pending upload not completed within this is abandoned; the cleanup job removes it. */
export const PENDING_UPLOAD_TTL_MS = 60 * 60 * 1000;
/** How long a redirect from /media/<key> to a presigned S3 GET stays valid. */
export const MEDIA_GET_TTL_SEC = 5 * 60;

/**
 * Renditions made of each image, by name; an avatar's thumb and medium are square crops.
 * "full" is the whole picture, upright, at its own size up to 2560 px wide: it is what a reader gets
 * when they want the image itself, because the uploaded original is never served (a phone photo's
 * EXIF carries its GPS position and camera; renditions are re-encoded WebP with no metadata at all).
 */
export const IMAGE_VARIANTS = {
  image: [
    { name: "thumb", width: 360 },
    { name: "medium", width: 1080 },
    { name: "full", width: 2560 },
  ],
  avatar: [
    { name: "thumb", width: 160, square: true },
    { name: "medium", width: 480, square: true },
    { name: "full", width: 2560 },
  ],
} as const;

/** `u/<ownerId>/<uploadId>/<name>`: everything of one upload sits under one owner-namespaced prefix. */
export function uploadKey(ownerId: string, uploadId: string, name: string): string {
  return `u/${ownerId}/${uploadId}/${name}`;
}

const KEY_PATTERN = /^u\/([0-9a-f-]{36})\/([0-9a-f-]{36})\/([a-z0-9.]{1,32})$/;

/** The parts of a media key, or null for anything that is not one. */
export function parseUploadKey(key: string): { ownerId: string; uploadId: string; name: string } | null {
  const m = KEY_PATTERN.exec(key);
  return m ? { ownerId: m[1]!, uploadId: m[2]!, name: m[3]! } : null;
}

/** The kind a sniffed type belongs to, for comparing with what was declared. */
export function mediaClassOf(kind: UploadKind): "image" | "video" {
  return kind === "video" ? "video" : "image";
}
