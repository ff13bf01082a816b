import type { ApiOperation } from "../http/api/define-operation";
import { externalOperations } from "./external/api";
import { membershipOperations } from "./membership/api";
import { ordersOperations } from "./orders/api";
import { productsOperations } from "./products/api";

/** Every /api/v1 operation of commerce (listed in server/http/api/operations.ts). */
export const commerceOperations: readonly ApiOperation[] = [...productsOperations, ...ordersOperations, ...externalOperations, ...membershipOperations];
