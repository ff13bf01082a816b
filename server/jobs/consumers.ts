import { commerceConsumers } from "../commerce/consumers";
import { learnInterests } from "../content/feeds";
import { gamificationConsumers } from "../gamification/consumers";
import { distributionConsumers } from "../distribution/consumers";
import { notificationConsumers } from "../notifications";
import { searchConsumers } from "../search";
import { creatorsConsumers } from "../creators/consumers";
import type { Consumer } from "./consumer";

/**
 * Every outbox consumer of the application, in one list so the web process (RUN_JOBS) and
 * `npm run worker` run the same set.
 *
 * To add one, a context defines it next to its domain code with `defineConsumer` (e.g. in
 * server/gamification/consumers/points-for-events.ts), exports it through the context's index.ts,
 * and appends it here:
 *
 *   import { pointsForEvents } from "../gamification";
 *   export const consumers = [pointsForEvents];
 *
 * A consumer's name is part of its deliveries' keys: never rename one that has run in production.
 */
export const consumers: readonly Consumer[] = [...notificationConsumers, learnInterests, ...searchConsumers, ...gamificationConsumers, ...distributionConsumers, ...commerceConsumers, ...creatorsConsumers];
