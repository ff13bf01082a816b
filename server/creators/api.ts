import type { ApiOperation } from "../http/api/define-operation";
import { mcnOperations } from "./mcn/api";
import { campaignsOperations } from "./campaigns/api";
import { fanGroupsOperations } from "./fan-groups/api";
import { tiersOperations } from "./tiers/api";
import { applicationsOperations } from "./applications/api";
import { recruitmentOperations } from "./recruitment/api";

/** Every /api/v1 operation of the creators context, one line per area (registered in server/http/api/operations.ts). */
export const creatorsOperations: ApiOperation[] = [
  ...applicationsOperations,
  ...recruitmentOperations,
  ...tiersOperations,
  ...mcnOperations,
  ...campaignsOperations,
  ...fanGroupsOperations,
];
