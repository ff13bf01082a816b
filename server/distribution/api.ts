import type { ApiOperation } from "../http/api/define-operation";
import { earningsOperations } from "./earnings/api";
import { fraudOperations } from "./fraud/api";
import { payoutsOperations } from "./payouts/api";
import { rightsOperations } from "./rights/api";

/**
 * Every /api/v1 operation of distribution, one line per area (registered in server/http/api/operations.ts;
 * the links area registers its own list there directly).
 */
export const distributionOperations: readonly ApiOperation[] = [...rightsOperations, ...fraudOperations, ...earningsOperations, ...payoutsOperations];
