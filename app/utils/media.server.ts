/**
 * The media context as the web UI uses it. Routes import server code only through `.server`
 * modules. Uploading itself happens in the browser against /api/v1 (see components/upload-picker);
 * forms then post the ready upload ids, which actions hand to these functions.
 */
export {
  avatarUrlOf,
  mediaUrl,
  requireReadyUploads,
  setAvatar,
  setAvatarSchema,
  uploadViewOf,
  UPLOAD_LIMITS,
  type UploadView,
} from "../../server/media";
