import { z } from "zod";
import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { attributionSettingsInputSchema, readAttributionSettings, updateAttributionSettings } from "../attribution/attribution-settings";
import { archiveDistributionLink } from "./archive-link";
import { createDistributionLink } from "./create-link";
import { getDistributionLink, listDistributionLinks } from "./list-links";
import { createLinkSchema, linkDetailSchema, linkViewSchema, listLinksQuerySchema } from "./schemas";

const tags = ["distribution"];
const linkParams = z.object({ linkId: z.uuid("validation.uuid") });
/** Printed links use PUBLIC_URL; without it, the origin the caller reached us on. */
const originOf = (req: { protocol: string; get(name: string): string | undefined }) => `${req.protocol}://${req.get("host") ?? "localhost"}`;

/** Distribution links (分销链接) and the attribution window over /api/v1: the same domain functions the web pages call. */
export const linksOperations: ApiOperation[] = [
  defineOperation({
    operationId: "createDistributionLink",
    method: "post",
    path: "/distribution/links",
    summary: "Create (or get) the caller's share link to a product or a note",
    description:
      "Needs distribution rights (approved creator, completed tasks, or a membership that includes them): 403 otherwise. One live " +
      "link per member and target: asking again answers the same link with `created: false` (a new one has `created: true`). The link's " +
      "`url` is `/d/<code>` with a random 10-character base58 code; opening it records the click and sets the attribution cookie.",
    tags,
    auth: "user",
    body: createLinkSchema,
    response: z.object({ link: linkViewSchema, created: z.boolean() }),
    errorStatuses: [403, 404],
    handler: ({ ctx, user, body, req }) => createDistributionLink(ctx, user, body, { origin: originOf(req) }),
  }),
  defineOperation({
    operationId: "listDistributionLinks",
    method: "get",
    path: "/distribution/links",
    summary: "The caller's links, newest first, with clicks, unique visitors, orders, GMV and commission",
    description: "Only the caller's own links. `status=archived` lists archived ones. Money in integer cents (CNY).",
    tags,
    auth: "user",
    query: listLinksQuerySchema,
    response: z.object({ links: z.array(linkViewSchema) }),
    handler: async ({ ctx, user, query, req }) => ({ links: await listDistributionLinks(ctx, user, query, { origin: originOf(req) }) }),
  }),
  defineOperation({
    operationId: "getDistributionLink",
    method: "get",
    path: "/distribution/links/:linkId",
    summary: "One of the caller's links with counted clicks per day for the last 14 days",
    description: "Another member's link is 404, exactly like a link that doesn't exist.",
    tags,
    auth: "user",
    params: linkParams,
    response: z.object({ link: linkDetailSchema }),
    handler: async ({ ctx, user, params, req }) => ({ link: await getDistributionLink(ctx, user, params.linkId, { origin: originOf(req) }) }),
  }),
  defineOperation({
    operationId: "archiveDistributionLink",
    method: "post",
    path: "/distribution/links/:linkId/archive",
    summary: "Retire one of the caller's links: /d/<code> answers 404 from then on",
    description: "Stats and clicks stay. Archiving again changes nothing. A new link to the same target may then be created.",
    tags,
    auth: "user",
    params: linkParams,
    response: z.object({ link: linkViewSchema }),
    handler: async ({ ctx, user, params, req }) => ({ link: await archiveDistributionLink(ctx, user, params.linkId, { origin: originOf(req) }) }),
  }),
  defineOperation({
    operationId: "getAttributionSettings",
    method: "get",
    path: "/distribution/attribution-settings",
    summary: "The attribution window: how many days after a click an order still credits the link (staff)",
    tags,
    auth: "manage:rules:any",
    response: z.object({ windowDays: z.number().int() }),
    handler: ({ ctx }) => readAttributionSettings(ctx.db),
  }),
  defineOperation({
    operationId: "updateAttributionSettings",
    method: "put",
    path: "/distribution/attribution-settings",
    summary: "Change the attribution window (1–90 days, default 7); audited",
    tags,
    auth: "manage:rules:any",
    body: attributionSettingsInputSchema,
    response: z.object({ windowDays: z.number().int() }),
    handler: ({ ctx, user, body }) => updateAttributionSettings(ctx, user, body),
  }),
];
