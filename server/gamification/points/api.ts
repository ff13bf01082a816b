import type { ApiOperation } from "../../http/api/define-operation";

/** The /api/v1 operations of the points area (listed in server/http/api/operations.ts through ../api.ts). */
export const pointsOperations: ApiOperation[] = [];
