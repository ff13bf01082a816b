import { z } from "zod";

/**
 * Inputs and views of distribution links (分销链接), shared by the web forms, the API (and its OpenAPI
 * document) and the demo seed. Messages are keys of server/shared/messages/distribution-links.ts.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Whether a path segment could be an id at all (anything else is simply not found). */
export const isUuid = (value: string) => UUID.test(value);

export const LINK_TARGET_TYPES = ["product", "post"] as const;
export type LinkTargetType = (typeof LINK_TARGET_TYPES)[number];

/** Short codes: 10 base58 characters (no 0/O/I/l), ≈ 58 bits from crypto.randomBytes. */
export const LINK_CODE_LENGTH = 10;
export const LINK_CODE_PATTERN = /^[1-9A-HJ-NP-Za-km-z]{10}$/;

/** A link to a product (its page /products/<id>) or a note (/n/<id>). */
export const createLinkSchema = z.strictObject({
  targetType: z.enum(LINK_TARGET_TYPES, { error: "distribution.links.targetType" }),
  targetId: z.uuid("distribution.links.targetId"),
});
export type CreateLinkInput = z.input<typeof createLinkSchema>;

export const listLinksQuerySchema = z.strictObject({
  /** `archived` lists the archived links instead of the live ones. */
  status: z.enum(["live", "archived"], { error: "validation.invalid" }).default("live"),
});
export type ListLinksQuery = z.input<typeof listLinksQuerySchema>;

/** How many days the link page's click chart covers. */
export const CLICK_CHART_DAYS = 14;

// ---- views ----

export const linkStatsSchema = z.object({
  /** Counted clicks: humans, one per visitor per 24 hours. */
  clicks: z.number().int(),
  uniqueVisitors: z.number().int(),
  orders: z.number().int(),
  gmvCents: z.number().int(),
  commissionCents: z.number().int(),
});
export type LinkStats = z.infer<typeof linkStatsSchema>;

export const linkTargetSchema = z.object({
  type: z.enum(LINK_TARGET_TYPES),
  id: z.uuid(),
  title: z.string(),
  /** The product's price in integer cents (CNY); null for a note. */
  priceCents: z.number().int().nullable(),
  imageUrl: z.string().nullable(),
  /** Where /d/<code> sends a visitor. */
  path: z.string(),
});
export type LinkTarget = z.infer<typeof linkTargetSchema>;

export const linkViewSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  /** The short URL to share: the public origin (PUBLIC_URL) + /d/<code>, or a path when none is set. */
  url: z.string(),
  target: linkTargetSchema,
  stats: linkStatsSchema,
  createdAt: z.iso.datetime(),
  archivedAt: z.iso.datetime().nullable(),
});
export type LinkView = z.infer<typeof linkViewSchema>;

export const linkDayPointSchema = z.object({
  /** Platform-local calendar date, YYYY-MM-DD. */
  date: z.string(),
  clicks: z.number().int(),
  uniqueVisitors: z.number().int(),
});
export type LinkDayPoint = z.infer<typeof linkDayPointSchema>;

export const linkDetailSchema = linkViewSchema.extend({
  /** Counted clicks per platform-local day, oldest first, the last 14 days including today. */
  daily: z.array(linkDayPointSchema),
  /** Clicks kept but not counted: repeats within 24 hours and bots. */
  uncountedClicks: z.number().int(),
});
export type LinkDetail = z.infer<typeof linkDetailSchema>;
