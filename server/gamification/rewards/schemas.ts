import { z } from "zod";
import { REDEMPTION_STATUSES } from "../../../db/schema";

/**
 * Inputs and views of the rewards shop (兑换专区), shared by the web forms, the API (and its OpenAPI
 * document) and the demo seed. Messages are keys of server/shared/messages/rewards.ts.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Whether a path segment could be an id at all (anything else is simply not found). */
export const isUuid = (value: string) => UUID.test(value);

const text = () => z.string({ error: (issue) => (issue.input === undefined ? "validation.required" : undefined) });
const int = (message: string) => z.number({ error: message }).int(message);

export const idSchema = z.uuid("validation.uuid");

/** What staff may sell: shipped goods, or a code/coupon handed over by staff. */
export const REWARD_KINDS = ["physical", "virtual"] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];

export const MAX_PRICE = 1_000_000;
export const MAX_STOCK = 1_000_000;
/** At most this many units in one redemption. */
export const MAX_QUANTITY = 10;

/** ISO-8601 with an offset; kept a string so a parsed input parses again unchanged (domain functions re-validate). */
const instant = z.iso.datetime({ offset: true, error: "rewards.item.instant" });

const rewardFields = {
  title: text().trim().min(1, "rewards.item.title").max(40, "rewards.item.title"),
  description: text().trim().max(1000, "rewards.item.description").default(""),
  imageUploadId: idSchema.nullable().optional(),
  kind: z.enum(REWARD_KINDS, { error: "rewards.item.kind" }),
  pointsPrice: int("rewards.item.price").min(1, "rewards.item.price").max(MAX_PRICE, "rewards.item.price"),
  /** Per member, counting every redemption that was not cancelled; null or absent = no limit. */
  perUserLimit: int("rewards.item.perUserLimit").min(1, "rewards.item.perUserLimit").max(1000, "rewards.item.perUserLimit").nullable().optional(),
  minLevel: int("rewards.item.minLevel").min(1, "rewards.item.minLevel").max(9, "rewards.item.minLevel").default(1),
  startsAt: instant.nullable().optional(),
  endsAt: instant.nullable().optional(),
  active: z.boolean({ error: "validation.invalid" }).default(true),
};

const windowOk = (v: { startsAt?: string | null; endsAt?: string | null }) => !v.startsAt || !v.endsAt || Date.parse(v.endsAt) > Date.parse(v.startsAt);
const windowIssue = { message: "rewards.item.window", path: ["endsAt"] };

/** A new item; `stock` is how many units exist at the start. */
export const createRewardSchema = z
  .strictObject({
    ...rewardFields,
    stock: int("rewards.item.stock").min(0, "rewards.item.stock").max(MAX_STOCK, "rewards.item.stock"),
  })
  .refine(windowOk, windowIssue);
export type CreateRewardInput = z.input<typeof createRewardSchema>;

/**
 * A change to an item: any subset of its fields. Stock moves by a signed `stockDelta` (restock +50,
 * write off −2), applied as one conditional UPDATE so it can't lose a redemption that happens at the
 * same moment, as setting an absolute number read a second earlier would.
 */
export const updateRewardSchema = z
  .strictObject({
    title: rewardFields.title.optional(),
    description: text().trim().max(1000, "rewards.item.description").optional(),
    imageUploadId: rewardFields.imageUploadId,
    kind: rewardFields.kind.optional(),
    pointsPrice: rewardFields.pointsPrice.optional(),
    perUserLimit: rewardFields.perUserLimit,
    minLevel: int("rewards.item.minLevel").min(1, "rewards.item.minLevel").max(9, "rewards.item.minLevel").optional(),
    startsAt: rewardFields.startsAt,
    endsAt: rewardFields.endsAt,
    active: z.boolean({ error: "validation.invalid" }).optional(),
    stockDelta: int("rewards.item.stockDelta").min(-MAX_STOCK, "rewards.item.stockDelta").max(MAX_STOCK, "rewards.item.stockDelta").optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "validation.atLeastOneField", path: ["_"] })
  .refine(windowOk, windowIssue);
export type UpdateRewardInput = z.input<typeof updateRewardSchema>;

/** Where a physical item goes (mainland mobile numbers; 11 digits starting with 1). */
export const shippingSchema = z.strictObject({
  name: text().trim().min(1, "rewards.shipping.name").max(40, "rewards.shipping.name"),
  phone: text()
    .trim()
    .regex(/^(\+?86[- ]?)?1\d{10}$/, "rewards.shipping.phone"),
  address: text().trim().min(5, "rewards.shipping.address").max(200, "rewards.shipping.address"),
});
export type ShippingInput = z.infer<typeof shippingSchema>;

/** A client's retry key: the same key redeems once (scoped to the member). */
export const requestKeySchema = text().trim().min(8, "rewards.redeem.requestKey").max(100, "rewards.redeem.requestKey").regex(/^[\w.:-]+$/, "rewards.redeem.requestKey");

export const redeemRewardSchema = z.strictObject({
  quantity: int("rewards.redeem.quantity").min(1, "rewards.redeem.quantity").max(MAX_QUANTITY, "rewards.redeem.quantity").default(1),
  /** Required for physical items, refused for virtual ones. */
  shipping: shippingSchema.optional(),
  /** Same as the Idempotency-Key header, for clients (and forms) that can't set headers. */
  requestKey: requestKeySchema.optional(),
});
export type RedeemRewardInput = z.input<typeof redeemRewardSchema>;

/** What staff do with a pending redemption. */
export const updateRedemptionSchema = z.discriminatedUnion(
  "action",
  [
    z.strictObject({ action: z.literal("ship"), note: text().trim().min(1, "rewards.fulfil.tracking").max(200, "rewards.fulfil.tracking") }),
    z.strictObject({ action: z.literal("fulfil"), note: text().trim().max(500, "rewards.fulfil.note").optional() }),
    z.strictObject({ action: z.literal("cancel"), note: text().trim().min(1, "rewards.fulfil.reason").max(500, "rewards.fulfil.reason") }),
  ],
  { error: "rewards.fulfil.action" },
);
export type UpdateRedemptionInput = z.input<typeof updateRedemptionSchema>;

export const listRedemptionsQuerySchema = z.strictObject({
  status: z.enum(REDEMPTION_STATUSES, { error: "validation.invalid" }).optional(),
  limit: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1).max(100).default(50),
});

// ---- views ----

const userSummary = z.object({ id: z.uuid(), handle: z.string(), displayName: z.string(), avatarUrl: z.string().nullable() });

/** Why the signed-in member can't redeem right now; null when they can. */
export const BLOCKERS = ["inactive", "notStarted", "ended", "soldOut", "level", "limit", "points"] as const;
export type Blocker = (typeof BLOCKERS)[number];

export const rewardViewSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  kind: z.enum(REWARD_KINDS),
  imageUrl: z.string().nullable(),
  imageUploadId: z.uuid().nullable(),
  pointsPrice: z.number().int(),
  stock: z.number().int(),
  redeemedCount: z.number().int(),
  perUserLimit: z.number().int().nullable(),
  minLevel: z.number().int(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  active: z.boolean(),
  /** For the signed-in member (null for visitors). */
  viewer: z
    .object({
      points: z.number().int(),
      level: z.number().int(),
      /** Units they have redeemed (not cancelled) so far. */
      redeemed: z.number().int(),
      canRedeem: z.boolean(),
      /** The first reason they can't, in the order a member would fix them. */
      blocker: z.enum(BLOCKERS).nullable(),
      /** Points still missing for one unit (0 when they can afford it). */
      pointsShort: z.number().int(),
    })
    .nullable(),
});
export type RewardView = z.input<typeof rewardViewSchema>;

export const redemptionViewSchema = z.object({
  id: z.uuid(),
  reward: z.object({ id: z.uuid(), title: z.string(), kind: z.enum(REWARD_KINDS), imageUrl: z.string().nullable() }),
  member: userSummary,
  quantity: z.number().int(),
  points: z.number().int(),
  status: z.enum(REDEMPTION_STATUSES),
  shipping: z.record(z.string(), z.string()),
  staffNote: z.string().nullable(),
  refunded: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RedemptionView = z.input<typeof redemptionViewSchema>;
