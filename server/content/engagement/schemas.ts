import { z } from "zod";
import { COMMENT_STATUSES } from "../../../db/schema";
import { bodyTokenSchema, idSchema, userSummarySchema } from "../schemas";

/**
 * Inputs and views of engagement (comments, shares, follows), shared by the API (and its OpenAPI
 * document), web actions and sockets. Messages are keys of server/shared/messages.ts.
 */

const text = () =>
  z.string({
    error: (issue) => (issue.input === undefined ? "validation.required" : undefined),
  });

export const COMMENT_MAX = 500;

export const commentBodySchema = text().trim().min(1, "validation.required").max(COMMENT_MAX, "validation.tooLong");

/** A new comment; `parentId` makes it a reply (to a top-level comment or to a reply in its thread). */
export const createCommentSchema = z.strictObject({
  postId: idSchema,
  body: commentBodySchema,
  parentId: idSchema.optional(),
});
export type CreateCommentInput = z.input<typeof createCommentSchema>;

export const SHARE_CHANNELS = ["link", "wechat", "moments", "weibo", "qq", "qrcode", "other"] as const;
export const shareSchema = z.strictObject({
  channel: z.enum(SHARE_CHANNELS, { error: "validation.invalid" }).default("link"),
});
export type ShareInput = z.input<typeof shareSchema>;

export const pageQuerySchema = z.strictObject({
  cursor: text().max(1000, "validation.invalid").optional(),
  limit: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1).max(50).optional(),
});
export type PageQuery = z.output<typeof pageQuerySchema>;

const baseCommentView = z.object({
  id: z.uuid(),
  postId: z.uuid(),
  parentId: z.uuid().nullable(),
  author: userSummarySchema,
  replyTo: userSummarySchema.nullable(),
  body: z.string(),
  bodyTokens: z.array(bodyTokenSchema),
  createdAt: z.iso.datetime(),
  replyCount: z.number().int(),
  status: z.enum(COMMENT_STATUSES),
  canDelete: z.boolean(),
});

export const commentViewSchema = baseCommentView.extend({ replies: z.array(baseCommentView).optional() });
