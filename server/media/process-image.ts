import sharp from "sharp";
import type { UploadKind, UploadVariants } from "../../db/schema";
import type { MessageKey } from "../shared/messages";
import type { Storage } from "../storage";
import { IMAGE_VARIANTS, MAX_IMAGE_PIXELS, uploadKey } from "./rules";

/** Why an image cannot be used, as a message key; the caller turns it into a rejection the uploader sees. */
export class UnusableImageError extends Error {
  constructor(readonly messageKey: MessageKey) {
    super(messageKey);
    this.name = "UnusableImageError";
  }
}

/**
 * Decodes an uploaded image, upright by its EXIF orientation, and writes its renditions (WebP, no
 * metadata — so no location data leaves through them) under the upload's own prefix, the "full" one
 * included: readers only ever get these, never the uploaded bytes.
 * Returns the upright size and the renditions.
 */
export async function processImage(options: {
  storage: Storage;
  bytes: Buffer;
  ownerId: string;
  uploadId: string;
  kind: Exclude<UploadKind, "video">;
}): Promise<{ width: number; height: number; variants: UploadVariants }> {
  const { storage, bytes } = options;
  const open = () => sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: "error" });
  let meta: sharp.Metadata;
  try {
    meta = await open().metadata();
  } catch {
    throw new UnusableImageError("media.image.unreadable");
  }
  if (!meta.width || !meta.height) throw new UnusableImageError("media.image.unreadable");
  if (meta.width * meta.height > MAX_IMAGE_PIXELS) {
    throw new UnusableImageError("media.image.tooManyPixels");
  }
  // EXIF orientations 5–8 turn the picture a quarter: what people see is the other way round.
  const turned = (meta.orientation ?? 1) >= 5;
  const width = turned ? meta.height : meta.width;
  const height = turned ? meta.width : meta.height;

  const variants: UploadVariants = {};
  for (const spec of IMAGE_VARIANTS[options.kind]) {
    let pipeline = open().rotate();
    pipeline =
      "square" in spec && spec.square
        ? pipeline.resize(spec.width, spec.width, { fit: "cover", position: "attention", withoutEnlargement: false })
        : pipeline.resize({ width: spec.width, withoutEnlargement: true });
    let rendered: { data: Buffer; info: sharp.OutputInfo };
    try {
      // No withMetadata(): sharp writes none of the input's EXIF, XMP or IPTC into the output.
      rendered = await pipeline.webp({ quality: 82 }).toBuffer({ resolveWithObject: true });
    } catch {
      throw new UnusableImageError("media.image.unreadable");
    }
    const key = uploadKey(options.ownerId, options.uploadId, `${spec.name}.webp`);
    await storage.put(key, rendered.data, "image/webp");
    variants[spec.name] = { key, width: rendered.info.width, height: rendered.info.height, mime: "image/webp" };
  }
  return { width, height, variants };
}
