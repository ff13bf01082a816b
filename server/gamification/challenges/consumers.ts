import type { Consumer } from "../../jobs/consumer";
import { notifyChallengeCompleted } from "./notify-completion";

/** Outbox consumers of the challenges area (registered in server/jobs/consumers.ts through ../consumers.ts). */
export const challengesConsumers: Consumer[] = [notifyChallengeCompleted];
