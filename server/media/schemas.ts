import { z } from "zod";
import { UPLOAD_KINDS, UPLOAD_STATUSES } from "../../db/schema";
import { AppError, type FieldErrors } from "../shared/errors";
import { UPLOAD_LIMITS } from "./rules";

const MB = 1024 * 1024;

/** What a client declares before uploading; the bytes are checked against it afterwards. */
export const createUploadSchema = z
  .strictObject({
    kind: z.enum(UPLOAD_KINDS),
    contentType: z
      .string()
      .trim()
      .toLowerCase()
      .min(1, "validation.required")
      .max(100, "validation.invalid")
      // "image/jpeg; charset=…" and the like: only the media type matters.
      .transform((v) => v.split(";")[0]!.trim()),
    size: z.number().int("validation.integer").positive("validation.tooSmall"),
    filename: z.string().max(255, "validation.tooLong").optional(),
  })
  .superRefine((input, ctx) => {
    const limit = UPLOAD_LIMITS[input.kind];
    if (!limit.types.includes(input.contentType)) {
      ctx.addIssue({ code: "custom", path: ["contentType"], input: input.contentType, message: `media.type.${input.kind}` });
    }
    if (input.size > limit.maxBytes) {
      // A too_big issue, so the message's {max} is filled in; it counts megabytes, as people read sizes.
      ctx.addIssue({
        code: "too_big",
        origin: "number",
        maximum: limit.maxBytes / MB,
        inclusive: true,
        path: ["size"],
        input: input.size,
        message: `media.size.${input.kind}`,
      });
    }
  });
export type CreateUploadInput = z.input<typeof createUploadSchema>;

export const uploadIdParamsSchema = z.strictObject({ uploadId: z.uuid("validation.uuid") });

export const setAvatarSchema = z.strictObject({
  /** A ready avatar upload, or null to remove the avatar. */
  uploadId: z.uuid("validation.uuid").nullable(),
});

export const uploadViewSchema = z.object({
  id: z.uuid(),
  kind: z.enum(UPLOAD_KINDS),
  status: z.enum(UPLOAD_STATUSES),
  mime: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  url: z
    .string()
    .describe(
      "The file at full size: for images and avatars a WebP rendition without any metadata (the uploaded original is never served); a video as uploaded",
    ),
  thumbUrl: z.string().nullable(),
  mediumUrl: z.string().nullable(),
});

export const createUploadResultSchema = z.object({
  upload: z.object({ id: z.uuid(), key: z.string(), kind: z.enum(UPLOAD_KINDS), status: z.enum(UPLOAD_STATUSES) }),
  uploadUrl: z.string().describe("PUT the file's bytes here with the given headers before it expires"),
  method: z.literal("PUT"),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.iso.datetime(),
});
export type CreateUploadResult = z.output<typeof createUploadResultSchema>;

export const setAvatarResultSchema = z.object({ avatarUrl: z.string().nullable() });

/** Domain functions re-validate (callers may be seeds, jobs or routes, not only the API). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    (fields[issue.path.map(String).join(".") || "_"] ??= []).push(issue.message);
  }
  throw new AppError("VALIDATION_FAILED", "validationFailed", { fields, cause: result.error });
}
