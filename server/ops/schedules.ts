import type { Schedule } from "../jobs/schedule";
import { metricsDailySchedule } from "./metrics";
import { segmentNotificationsSchedule } from "./segments";
import { ruleTagsSchedule } from "./tags";

/** The ops console's periodic jobs: the dashboard's daily numbers, rule-made tags, segment notifications. */
export const opsSchedules: Schedule[] = [metricsDailySchedule, ruleTagsSchedule, segmentNotificationsSchedule];
