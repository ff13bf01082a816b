import { defineOperation } from "../http/api/define-operation";
import {
  completeUpload,
  createUpload,
  createUploadResultSchema,
  createUploadSchema,
  setAvatar,
  setAvatarResultSchema,
  setAvatarSchema,
  uploadIdParamsSchema,
  uploadViewSchema,
} from "./index";

const tags = ["media"];

/** Uploading is three steps: createUpload, PUT the bytes to uploadUrl, completeUpload. */
export const mediaOperations = [
  defineOperation({
    operationId: "createUpload",
    method: "post",
    path: "/uploads",
    summary: "Start an upload: get a URL to PUT the file to",
    description:
      "Declare the kind (image ≤ 10 MB, video ≤ 100 MB, avatar ≤ 5 MB), content type and exact size. " +
      "PUT the bytes to `uploadUrl` with `headers` before `expiresAt`, then call completeUpload. " +
      "The URL is either a presigned object-storage URL or one on this server; clients treat both alike.",
    tags,
    auth: "user",
    body: createUploadSchema,
    response: createUploadResultSchema,
    successStatus: 201,
    errorStatuses: [429],
    handler: async ({ ctx, user, body, req }) => {
      const result = await createUpload(ctx, user, body);
      // A path on this server becomes absolute, so API clients can PUT to it as given.
      return { ...result, uploadUrl: new URL(result.uploadUrl, `${req.protocol}://${req.get("host")}`).toString() };
    },
  }),
  defineOperation({
    operationId: "completeUpload",
    method: "post",
    path: "/uploads/:uploadId/complete",
    summary: "Finish an upload after its bytes were PUT",
    description:
      "Checks the bytes' real type against the declared kind, reads image dimensions and makes renditions " +
      "(thumb, medium and full: WebP without EXIF, so no location or camera data is published; the original is kept but never served). " +
      "A file that is not what it claims is refused (415/422) and deleted. Completing a ready upload again returns it.",
    tags,
    auth: "user",
    params: uploadIdParamsSchema,
    response: uploadViewSchema,
    errorStatuses: [409, 413, 415],
    handler: ({ ctx, user, params }) => completeUpload(ctx, user, params.uploadId),
  }),
  defineOperation({
    operationId: "setAvatar",
    method: "put",
    path: "/me/avatar",
    summary: "Use a completed avatar upload as your avatar, or remove it with null",
    tags,
    auth: "user",
    body: setAvatarSchema,
    response: setAvatarResultSchema,
    handler: ({ ctx, user, body }) => setAvatar(ctx, user, body.uploadId),
  }),
];
