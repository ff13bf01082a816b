import { z } from "zod";
import type { ApiOperation } from "../../http/api/define-operation";
import { defineOperation } from "../../http/api/define-operation";
import { getCertificate } from "./certificates";
import { BADGE_STAFF_PERMISSION, createBadge, updateBadge } from "./manage-badges";
import { getBadge, listBadges, listUserBadges } from "./read-badges";
import {
  badgeDetailSchema,
  badgeListSchema,
  badgeViewSchema,
  certificateSchema,
  createBadgeSchema,
  grantBadgeSchema,
  grantViewSchema,
  revokeBadgeSchema,
  updateBadgeSchema,
  userBadgeListSchema,
} from "./schemas";
import { grantBadgeByStaff, revokeBadge } from "./staff-grants";

const tags = ["badges"];
const id = z.uuid("validation.uuid");
const text = () => z.string({ error: (issue) => (issue.input === undefined ? "validation.required" : undefined) });

/** The /api/v1 operations of the badges area (listed in server/http/api/operations.ts through ../api.ts). */
export const badgesOperations: ApiOperation[] = [
  defineOperation({
    operationId: "listBadges",
    method: "get",
    path: "/badges",
    summary: "Every enabled badge with its tier and holder count; signed in, also the caller's progress",
    description: "`progress` is null for visitors. For counter and streak badges it has `current`, `target` and `remaining` (e.g. 3 more likes).",
    tags,
    auth: "public",
    response: badgeListSchema,
    handler: async ({ ctx, user }) => ({ items: await listBadges(ctx, user) }),
  }),
  defineOperation({
    operationId: "getBadge",
    method: "get",
    path: "/badges/:slug",
    summary: "One badge: its definition, the caller's progress and its holders, newest first",
    tags,
    auth: "public",
    params: z.object({ slug: text().min(1).max(40) }),
    query: z.strictObject({
      cursor: text().max(1000, "validation.invalid").optional(),
      limit: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1).max(60).optional(),
    }),
    response: badgeDetailSchema,
    handler: ({ ctx, user, params, query }) => getBadge(ctx, params.slug, user, query),
  }),
  defineOperation({
    operationId: "listUserBadges",
    method: "get",
    path: "/users/:userId/badges",
    summary: "A member's badges (grants not revoked), newest first",
    tags,
    auth: "public",
    params: z.object({ userId: id }),
    response: userBadgeListSchema,
    handler: async ({ ctx, params }) => ({ items: await listUserBadges(ctx, params.userId) }),
  }),
  defineOperation({
    operationId: "getCertificate",
    method: "get",
    path: "/certificates/:code",
    summary: "Verify a badge certificate by its code: who, which badge, when, and whether it still stands",
    tags,
    auth: "public",
    params: z.object({ code: text().min(1).max(40) }),
    response: certificateSchema,
    handler: ({ ctx, params }) => getCertificate(ctx, params.code),
  }),
  defineOperation({
    operationId: "createBadge",
    method: "post",
    path: "/badges",
    summary: "Staff: add a badge definition (audited)",
    tags,
    auth: BADGE_STAFF_PERMISSION,
    body: createBadgeSchema,
    response: badgeViewSchema,
    successStatus: 201,
    errorStatuses: [409],
    handler: ({ ctx, user, body }) => createBadge(ctx, user, body),
  }),
  defineOperation({
    operationId: "updateBadge",
    method: "patch",
    path: "/badges/:badgeId",
    summary: "Staff: edit a badge definition, enable or disable it (audited)",
    tags,
    auth: BADGE_STAFF_PERMISSION,
    params: z.object({ badgeId: id }),
    body: updateBadgeSchema,
    response: badgeViewSchema,
    handler: ({ ctx, user, params, body }) => updateBadge(ctx, user, params.badgeId, body),
  }),
  defineOperation({
    operationId: "grantBadge",
    method: "post",
    path: "/badges/:badgeId/grants",
    summary: "Staff: grant a badge to a member by handle, with a reason (audited)",
    tags,
    auth: BADGE_STAFF_PERMISSION,
    params: z.object({ badgeId: id }),
    body: grantBadgeSchema,
    response: grantViewSchema,
    successStatus: 201,
    errorStatuses: [409],
    handler: ({ ctx, user, params, body }) => grantBadgeByStaff(ctx, user, params.badgeId, body),
  }),
  defineOperation({
    operationId: "revokeBadge",
    method: "post",
    path: "/badge-grants/:grantId/revoke",
    summary: "Staff: revoke a grant, with a reason (audited); its certificate then reads revoked",
    tags,
    auth: BADGE_STAFF_PERMISSION,
    params: z.object({ grantId: id }),
    body: revokeBadgeSchema,
    response: grantViewSchema,
    errorStatuses: [409],
    handler: ({ ctx, user, params, body }) => revokeBadge(ctx, user, params.grantId, body),
  }),
];
