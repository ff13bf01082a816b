import type { Upload, UploadKind, UploadStatus } from "../../db/schema";

/** What every boundary shows of an upload: where to fetch it and what sniffing found. */
export type UploadView = {
  id: string;
  kind: UploadKind;
  status: UploadStatus;
  /** The sniffed type once complete; the declared type before. */
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  /**
   * The file to show at full size: for images and avatars their metadata-free "full" rendition
   * (medium for uploads processed before it existed), never the uploaded bytes; videos as uploaded.
   */
  url: string;
  thumbUrl: string | null;
  mediumUrl: string | null;
};

/**
 * The app's URL for a stored key. The app serves `/media/<key>` for both storages: it streams local
 * files and redirects to a short-lived presigned GET on S3, so pages never embed expiring links.
 */
export function mediaUrl(key: string): string {
  return `/media/${key}`;
}

export function uploadViewOf(upload: Upload): UploadView {
  const variants = upload.variants ?? {};
  // Before processing an image has no renditions; its url then names the original, which is not served.
  const shown = upload.kind === "video" ? upload.key : (variants.full ?? variants.medium)?.key ?? upload.key;
  return {
    id: upload.id,
    kind: upload.kind,
    status: upload.status,
    mime: upload.mime ?? upload.declaredMime,
    size: upload.size ?? upload.declaredSize,
    width: upload.width,
    height: upload.height,
    url: mediaUrl(shown),
    thumbUrl: variants.thumb ? mediaUrl(variants.thumb.key) : null,
    mediumUrl: variants.medium ? mediaUrl(variants.medium.key) : null,
  };
}

/** users.avatar_key holds the key of the avatar's medium rendition (or null). */
export function avatarUrlOf(avatarKey: string | null): string | null {
  return avatarKey ? mediaUrl(avatarKey) : null;
}
