/** The jobs module's public surface: outbox processing, consumers, schedules and dead letters. */
export { emitEvent, type DomainEvent } from "./emit-event";
export { defineConsumer, type Consumer, type ConsumerContext, type OutboxEvent } from "./consumer";
export { defineSchedule, slotAt, zonedInstant, type Every, type Schedule, type ScheduleContext } from "./schedule";
export { createJobRunner, type JobRunner, type JobRunnerOptions, type PassResult } from "./runner";
export { fanOutEvents, deliverBatch, deliverNext, countDeliveries, type DeliveryOutcome } from "./process-outbox";
export { runScheduleIfDue, type ScheduleOutcome } from "./run-schedule";
export { DEFAULT_MAX_ATTEMPTS, retryDelayMs } from "./backoff";
export { listDeadDeliveries, type DeadDelivery, type DeadDeliveryPage } from "./list-dead-deliveries";
export { retryDeadDelivery, type RetriedDelivery } from "./retry-dead-delivery";
export { retryAllDead } from "./retry-all-dead";
export { listDeadDeliveriesInput, deliveryKey, type DeliveryKey, type ListDeadDeliveriesInput } from "./schemas";
export { pruneExpired, pruneExpiredSchedule, OUTBOX_RETENTION_DAYS } from "./prune-expired";
export { consumers } from "./consumers";
export { schedules } from "./schedules";
