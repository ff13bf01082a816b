import { commerceOperations } from "../../commerce/api";
import { contentOperations } from "../../content/api";
import { linksOperations } from "../../distribution/links/api";
import { engagementOperations } from "../../content/engagement/api";
import { feedsOperations } from "../../content/feeds/api";
import { identityOperations } from "../../identity/api";
import { gamificationOperations } from "../../gamification/api";
import { distributionOperations } from "../../distribution/api";
import { jobsOperations } from "../../jobs/api";
import { mediaOperations } from "../../media/api";
import { notificationsOperations } from "../../notifications/api";
import { searchOperations } from "../../search/api";
import { opsConsoleOperations } from "../../ops/api";
import { creatorsOperations } from "../../creators/api";
import type { ApiOperation } from "./define-operation";

/**
 * Every /api/v1 operation. Each context exports its list from server/<context>/api.ts and adds one
 * line here; the router and the OpenAPI document both read this list.
 */
export const apiOperations: readonly ApiOperation[] = [
  ...identityOperations,
  ...jobsOperations,
  ...contentOperations,
  ...engagementOperations,
  ...feedsOperations,
  ...mediaOperations,
  ...notificationsOperations,
  ...searchOperations,
  ...gamificationOperations,
  ...commerceOperations,
  ...distributionOperations,
  ...linksOperations,
  ...opsConsoleOperations,
  ...creatorsOperations,
];
