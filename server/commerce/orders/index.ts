// Orders of the built-in shop and external stores: what other areas and contexts may use (see ../index.ts).
export { createOrder, PENDING_ORDER_MINUTES, type CreateOrderOptions } from "./create-order";
export { payOrder } from "./pay-order";
export { refundOrder, applyRefundIn, type RefundResult } from "./refund-order";
export { confirmDueOrders } from "./confirm-orders";
export { expirePendingOrders } from "./expire-orders";
export { getOrder, listAllOrders, listMyOrders, type OrderPage } from "./list-orders";
export { readHoldingSettings, updateHoldingSettings } from "./holding-settings";
export { splitRefund, confirmableAtOf } from "./rules";
export {
  DEFAULT_HOLDING_SETTINGS,
  HOLDING_SETTINGS_KEY,
  MAX_QUANTITY,
  createOrderSchema,
  holdingSettingsSchema,
  orderViewSchema,
  refundOrderSchema,
  type CreateOrderInput,
  type HoldingSettings,
  type OrderView,
  type RefundOrderInput,
} from "./schemas";
