/**
 * The media context's public surface: uploads (create, complete), their views and URLs, avatars.
 * Other contexts and the web/API boundaries import only from here.
 */
export { mediaUrl, uploadViewOf, avatarUrlOf } from "./views";
export type { UploadView } from "./views";
export { requireReadyUploads } from "./require-ready-uploads";
