/**
 * The jobs module as the web UI uses it (dead letters on the ops page). Routes import server code
 * only through `.server` modules so none of it can reach the browser bundle.
 */
export { listDeadDeliveries, type DeadDelivery } from "../../server/jobs/list-dead-deliveries";
export { retryDeadDelivery } from "../../server/jobs/retry-dead-delivery";
export { retryAllDead } from "../../server/jobs/retry-all-dead";
export { deliveryKey } from "../../server/jobs/schemas";
export { can } from "../../server/identity";
