// The ops context: settings, the audit log (and, with the creator issue, tags, segments and curation).
export { recordAudit, type AuditInput } from "./audit";
export { readSetting, writeSetting, writeSystemSetting } from "./settings";
export { backfillMetrics, computeDailyMetrics, getPlatformMetrics, creatorMetrics, metricsDailySchedule, type PlatformMetrics } from "./metrics";
export { getCreatorMetrics, listCreatorMetrics, CREATOR_SORTS, type CreatorMetricsPage, type CreatorSeries, type CreatorSort } from "./metrics";
export { curatePost, getPostCuration, liftCuration, listCurations, type CurationView, type PostCurationState } from "./curation";
export { listAuditLog, type AuditEntryView } from "./audit-log/list-audit-log";
export { createUserTag, evaluateRuleTags, listTagMembers, listUserTags, ruleTagsSchedule, tagUser, untagUser, type TagView } from "./tags";
export { createSegment, listSegmentNotifications, listSegments, notifySegment, segmentNotificationsSchedule, sendSegmentNotifications, type SegmentNotificationView, type SegmentView } from "./segments";
