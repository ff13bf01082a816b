import { defineMessages } from "./define";

/**
 * Messages of uploads (keys `media.*`): what an uploader is told when a file is refused. AppError
 * messages carry no parameters, so the accepted types and the pixel limit are spelled out here; they
 * follow UPLOAD_LIMITS and MAX_IMAGE_PIXELS in server/media/rules.ts. Size limits come from the
 * schema's issue as `{max}` (megabytes).
 */
export const mediaMessages = defineMessages(
  {
    "media.type.image": "Images must be JPEG, PNG, WebP, GIF or AVIF.",
    "media.type.video": "Videos must be MP4, MOV or WebM.",
    "media.type.avatar": "Avatars must be JPEG, PNG, WebP, GIF or AVIF.",
    "media.size.image": "Images can be at most {max} MB.",
    "media.size.video": "Videos can be at most {max} MB.",
    "media.size.avatar": "Avatars can be at most {max} MB.",
    "media.link.invalid": "This upload link is not valid.",
    "media.link.expired": "This upload link has expired; start the upload again.",
    "media.upload.finished": "This upload is already finished.",
    "media.upload.contentType": "Send the file with the Content-Type declared when the upload started.",
    "media.upload.largerThanDeclared": "The file is larger than the size declared when the upload started.",
    "media.upload.missing": "Upload the file before completing it.",
    "media.upload.refused": "This file was refused. Upload it again.",
    "media.upload.gone": "This upload can no longer be completed; upload the file again.",
    "media.file.notImage": "This file is not an image we accept (JPEG, PNG, WebP, GIF or AVIF).",
    "media.file.notVideo": "This file is not a video we accept (MP4, MOV or WebM).",
    "media.file.imageNotVideo": "This file is a picture, not a video.",
    "media.file.videoNotImage": "This file is a video, not a picture.",
    "media.image.unreadable": "The image could not be read; the file may be damaged.",
    "media.image.tooManyPixels": "The image has more than 40 megapixels.",
    "media.attach.duplicate": "The same file is attached twice.",
    "media.attach.notFound": "Some files could not be found.",
    "media.attach.notReady": "Some files have not finished uploading.",
    "media.attach.wrongKind": "Some files are of a kind that cannot be attached here.",
  },
  {
    "media.type.image": "图片仅支持 JPEG、PNG、WebP、GIF 或 AVIF 格式。",
    "media.type.video": "视频仅支持 MP4、MOV 或 WebM 格式。",
    "media.type.avatar": "头像仅支持 JPEG、PNG、WebP、GIF 或 AVIF 格式。",
    "media.size.image": "图片不能超过 {max} MB。",
    "media.size.video": "视频不能超过 {max} MB。",
    "media.size.avatar": "头像不能超过 {max} MB。",
    "media.link.invalid": "上传链接无效。",
    "media.link.expired": "上传链接已过期，请重新上传。",
    "media.upload.finished": "该文件已上传完成。",
    "media.upload.contentType": "请按开始上传时声明的 Content-Type 发送文件。",
    "media.upload.largerThanDeclared": "文件比开始上传时声明的更大。",
    "media.upload.missing": "请先上传文件，再完成上传。",
    "media.upload.refused": "该文件未通过检查，请重新上传。",
    "media.upload.gone": "该上传已无法完成，请重新上传文件。",
    "media.file.notImage": "该文件不是支持的图片格式（JPEG、PNG、WebP、GIF 或 AVIF）。",
    "media.file.notVideo": "该文件不是支持的视频格式（MP4、MOV 或 WebM）。",
    "media.file.imageNotVideo": "该文件是图片，不是视频。",
    "media.file.videoNotImage": "该文件是视频，不是图片。",
    "media.image.unreadable": "无法读取该图片，文件可能已损坏。",
    "media.image.tooManyPixels": "图片超过 4000 万像素。",
    "media.attach.duplicate": "同一个文件被添加了两次。",
    "media.attach.notFound": "部分文件找不到了。",
    "media.attach.notReady": "部分文件还没有上传完成。",
    "media.attach.wrongKind": "部分文件的类型不能用在这里。",
  },
);
