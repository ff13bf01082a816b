import { productCardSchema } from "../commerce/products/schemas";
import { z } from "zod";
import { POST_STATUSES, COMMENT_STATUSES, REPORT_REASONS } from "../../db/schema";

/**
 * Inputs and views of the content context, shared by web forms, the API (and its OpenAPI document)
 * and sockets. Messages are keys of server/shared/messages.ts, translated at each boundary.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path segment could be an id at all (anything else is simply not found). */
export const isUuid = (value: string) => UUID.test(value);

/** A string field whose missing and wrong-type cases read as "required" / "expected text". */
const text = () =>
  z.string({
    error: (issue) => (issue.input === undefined ? "validation.required" : undefined),
  });

export const idSchema = z.uuid("validation.uuid");

export const TITLE_MAX = 50;
export const BODY_MAX = 2000;
export const MAX_IMAGES = 9;

export const postTitleSchema = text().trim().min(1, "content.title.length").max(TITLE_MAX, "content.title.length");
export const postBodySchema = text().trim().max(BODY_MAX, "content.body.length");
export const categorySlugSchema = text().trim().min(1, "content.category.required").max(40, "content.category.unknown");
export const mediaIdsSchema = z
  .array(idSchema, { error: "content.media.count" })
  .max(MAX_IMAGES, "content.media.count");
/** Products linked under the note (up to 5, in order); commerce checks they are on sale. */
export const productIdsSchema = z.array(idSchema, { error: "commerce.noteProducts.count" }).max(5, "commerce.noteProducts.count");

/** A new note. A draft may be incomplete (no media, no category); publishing checks the rest. */
export const createPostSchema = z.strictObject({
  title: postTitleSchema,
  body: postBodySchema.default(""),
  categorySlug: categorySlugSchema.optional(),
  mediaIds: mediaIdsSchema.default([]),
  productIds: productIdsSchema.optional(),
  /** false keeps it as a draft. */
  publish: z.boolean({ error: "validation.invalid" }).default(true),
});

/** PATCH semantics: any subset of the editable fields, but not nothing. */
export const updatePostSchema = z
  .strictObject({
    title: postTitleSchema,
    body: postBodySchema,
    categorySlug: categorySlugSchema,
    mediaIds: mediaIdsSchema,
    productIds: productIdsSchema,
  })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "validation.atLeastOneField");

export type CreatePostInput = z.input<typeof createPostSchema>;
export type UpdatePostInput = z.input<typeof updatePostSchema>;

// Categories -----------------------------------------------------------------------------------

const categoryName = () => text().trim().min(1, "content.category.name").max(20, "content.category.name");

export const createCategorySchema = z.strictObject({
  slug: text()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9-]{1,29}$/, "content.category.slug"),
  nameZh: categoryName(),
  nameEn: categoryName(),
  position: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(0).max(10000).optional(),
});

/** Rename, reorder, retire or bring back; the slug (in URLs) never changes. */
export const updateCategorySchema = z
  .strictObject({
    nameZh: categoryName(),
    nameEn: categoryName(),
    position: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(0).max(10000),
    isActive: z.boolean({ error: "validation.invalid" }),
  })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "validation.atLeastOneField");

export type CreateCategoryInput = z.input<typeof createCategorySchema>;
export type UpdateCategoryInput = z.input<typeof updateCategorySchema>;

// Moderation -----------------------------------------------------------------------------------

export const targetTypeSchema = z.enum(["post", "comment"], { error: "validation.invalid" });
export const reportReasonSchema = z.enum(REPORT_REASONS, { error: "content.report.reason" });

export const reportSchema = z.strictObject({
  reason: reportReasonSchema,
  detail: text().trim().max(500, "content.report.detail").default(""),
});

export const reportContentSchema = reportSchema.extend({ targetType: targetTypeSchema, targetId: idSchema });

export const MODERATE_ACTIONS = ["hide", "remove", "restore", "approve", "dismiss"] as const;
export type ModerateAction = (typeof MODERATE_ACTIONS)[number];

export const moderationReasonSchema = text().trim().min(1, "content.moderation.reason").max(500, "content.moderation.reason");

export const moderateSchema = z.strictObject({
  targetType: targetTypeSchema,
  targetId: idSchema,
  action: z.enum(MODERATE_ACTIONS, { error: "validation.invalid" }),
  reason: moderationReasonSchema,
});

export const appealSchema = z.strictObject({
  actionId: idSchema,
  body: text().trim().min(1, "content.appeal.body").max(1000, "content.appeal.body"),
});

export const decideAppealSchema = z.strictObject({
  appealId: idSchema,
  outcome: z.enum(["uphold", "overturn"], { error: "validation.invalid" }),
  /** What the author is told; a default is used when empty. */
  reason: text().trim().max(500, "content.moderation.reason").default(""),
});

export const keywordSchema = z.strictObject({
  keyword: text().trim().min(1, "content.keyword.length").max(50, "content.keyword.length"),
});

export const cursorQuerySchema = z.strictObject({
  cursor: text().max(200, "validation.invalid").optional(),
  limit: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1).max(50).optional(),
});

export type ReportContentInput = z.input<typeof reportContentSchema>;
export type ModerateInput = z.input<typeof moderateSchema>;
export type AppealInput = z.input<typeof appealSchema>;
export type DecideAppealInput = z.input<typeof decideAppealSchema>;

// Views, as the API documents them -------------------------------------------------------------

export const userSummarySchema = z.object({
  id: z.uuid(),
  handle: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
});

export const mediaViewSchema = z.object({
  uploadId: z.uuid(),
  kind: z.enum(["image", "video"]),
  url: z.string(),
  thumbUrl: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});

export const bodyTokenSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("topic"), name: z.string() }),
  z.object({ type: z.literal("mention"), handle: z.string(), userId: z.uuid().nullable() }),
]);

export const postCardSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  cover: mediaViewSchema.nullable(),
  mediaKind: z.enum(["images", "video"]),
  author: userSummarySchema,
  likeCount: z.number().int(),
  liked: z.boolean(),
  publishedAt: z.iso.datetime().nullable(),
  status: z.enum(POST_STATUSES),
  fanOnlyLocked: z.boolean().optional(),
  disclosure: z.string().nullable().optional(),
});

export const postDetailSchema = postCardSchema.extend({
  body: z.string(),
  bodyTokens: z.array(bodyTokenSchema),
  media: z.array(mediaViewSchema),
  category: z.object({ slug: z.string(), nameZh: z.string(), nameEn: z.string() }).nullable(),
  topics: z.array(z.string()),
  favoriteCount: z.number().int(),
  commentCount: z.number().int(),
  shareCount: z.number().int(),
  favorited: z.boolean(),
  products: z.array(productCardSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  author: userSummarySchema.extend({ followedByMe: z.boolean() }),
  moderation: z
    .object({
      status: z.enum(POST_STATUSES),
      reason: z.string().nullable(),
      actionId: z.uuid().nullable(),
      canAppeal: z.boolean(),
    })
    .nullable(),
  canEdit: z.boolean(),
});

export const categoryViewSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  position: z.number().int(),
  isActive: z.boolean(),
});

export const moderationActionViewSchema = z.object({
  id: z.uuid(),
  targetType: targetTypeSchema,
  targetId: z.uuid(),
  action: z.string(),
  reason: z.string(),
  actorId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
});

export const queueItemSchema = z.object({
  targetType: targetTypeSchema,
  targetId: z.uuid(),
  /** Open reports against it, by reason. */
  reportCount: z.number().int(),
  reasons: z.array(z.object({ reason: z.enum(REPORT_REASONS), count: z.number().int() })),
  details: z.array(z.string()),
  since: z.iso.datetime(),
  held: z.boolean(),
  target: z.object({
    status: z.union([z.enum(POST_STATUSES), z.enum(COMMENT_STATUSES)]),
    author: userSummarySchema,
    title: z.string().nullable(),
    excerpt: z.string(),
    postId: z.uuid(),
    /** Why the keyword filter held it, for staff. */
    holdReason: z.string().nullable(),
  }),
});

export const appealViewSchema = z.object({
  id: z.uuid(),
  actionId: z.uuid(),
  action: z.string(),
  actionReason: z.string(),
  targetType: targetTypeSchema,
  targetId: z.uuid(),
  author: userSummarySchema,
  body: z.string(),
  status: z.enum(["open", "upheld", "overturned"]),
  createdAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
});

export const keywordViewSchema = z.object({ id: z.uuid(), keyword: z.string(), createdAt: z.iso.datetime() });
