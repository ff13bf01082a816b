import { z } from "zod";
import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { applyAsCreator } from "./apply-as-creator";
import { decideCreatorApplication } from "./decide-application";
import { getMyCreatorApplication } from "./get-my-application";
import { getCreatorApplicationForStaff, listCreatorApplications } from "./list-applications";
import { applicationViewSchema, applySchema, decideSchema, idSchema, listApplicationsQuerySchema, piiViewSchema } from "./schemas";

const tags = ["creators"];
const params = z.object({ applicationId: idSchema });
const applicationResponse = z.object({ application: applicationViewSchema });

/** Creator applications over /api/v1: members apply and follow theirs; staff review (PII views are logged). */
export const applicationsOperations: ApiOperation[] = [
  defineOperation({
    operationId: "applyAsCreator",
    method: "post",
    path: "/creator-applications",
    summary: "Apply to become a creator",
    description:
      "One open application per member (409 otherwise); after a rejection, again only once `reapplyAfter` has passed (409). Real name, " +
      "contact and region are encrypted at rest and shown to staff only. `categories` are category slugs; `samplePostIds` the caller's own published notes.",
    tags,
    auth: "apply:creator:own",
    body: applySchema,
    response: applicationResponse,
    successStatus: 201,
    errorStatuses: [409],
    handler: async ({ ctx, user, body }) => ({ application: await applyAsCreator(ctx, user, body) }),
  }),
  defineOperation({
    operationId: "getMyCreatorApplication",
    method: "get",
    path: "/me/creator-application",
    summary: "The caller's latest application, its timeline and trial progress (null if none)",
    tags,
    auth: "apply:creator:own",
    response: z.object({ application: applicationViewSchema.nullable() }),
    handler: async ({ ctx, user }) => ({ application: await getMyCreatorApplication(ctx, user) }),
  }),
  defineOperation({
    operationId: "listCreatorApplications",
    method: "get",
    path: "/creator-applications",
    summary: "The staff queue of applications, newest first (no personal data)",
    tags,
    auth: "review:creatorApplication:any",
    query: listApplicationsQuerySchema,
    response: z.object({ applications: z.array(applicationViewSchema) }),
    handler: async ({ ctx, user, query }) => ({ applications: await listCreatorApplications(ctx, user, query) }),
  }),
  defineOperation({
    operationId: "getCreatorApplication",
    method: "get",
    path: "/creator-applications/:applicationId",
    summary: "One application with the applicant's personal data, for staff; every view is recorded in the PII access log and the audit log",
    tags,
    auth: "review:creatorApplication:any",
    params,
    description:
      "`pii` is null when the applicant's personal data was encrypted with a key that is no longer configured; `piiKeyMissing` then " +
      "names that key (add it back to PII_KEYS). Such a request shows nothing and logs nothing.",
    response: applicationResponse.extend({
      pii: piiViewSchema.nullable(),
      piiKeyMissing: z.string().nullable().describe("The id of the missing key when `pii` is null, else null."),
    }),
    handler: ({ ctx, user, params: p }) => getCreatorApplicationForStaff(ctx, user, p.applicationId, "api"),
  }),
  defineOperation({
    operationId: "decideCreatorApplication",
    method: "post",
    path: "/creator-applications/:applicationId/decision",
    summary: "Review, start a trial task, approve or reject (with a reason) an application",
    description:
      "Each step once: an application that has moved on answers 409. Nobody decides their own application (403). Approval grants the " +
      "creator role, distribution rights and the 认证创作者 badge with its certificate, and notifies the applicant.",
    tags,
    auth: "review:creatorApplication:any",
    params,
    body: decideSchema,
    response: applicationResponse,
    errorStatuses: [409],
    handler: async ({ ctx, user, params: p, body }) => ({ application: await decideCreatorApplication(ctx, user, p.applicationId, body) }),
  }),
];
