/**
 * The media context's public surface: uploads (create, receive, complete), serving, avatars, and
 * the views and URLs other contexts embed. Other contexts and the web/API boundaries import only
 * from here.
 */
export { mediaUrl, uploadViewOf, avatarUrlOf } from "./views";
export type { UploadView } from "./views";
export { requireReadyUploads } from "./require-ready-uploads";
export { createUpload, LOCAL_UPLOAD_PATH } from "./create-upload";
export { receiveUpload } from "./receive-upload";
export { completeUpload } from "./complete-upload";
export { findServableMedia } from "./find-servable-media";
export { setAvatar } from "./set-avatar";
export { cleanupAbandonedUploads, cleanupAbandonedUploadsSchedule } from "./cleanup-abandoned-uploads";
export { sniffType, SNIFF_BYTES, type SniffedType } from "./sniff";
export { UPLOAD_LIMITS, MAX_IMAGE_PIXELS, MEDIA_GET_TTL_SEC, parseUploadKey } from "./rules";
export {
  createUploadSchema,
  createUploadResultSchema,
  uploadIdParamsSchema,
  uploadViewSchema,
  setAvatarSchema,
  setAvatarResultSchema,
} from "./schemas";
export type { CreateUploadInput, CreateUploadResult } from "./schemas";
