export { createSegment, listSegmentNotifications, listSegments, notifySegment, segmentMembersSql } from "./segments";
export { sendSegmentNotifications, segmentNotificationsSchedule } from "./send-segment-notifications";
export { createSegmentSchema, notifySegmentSchema, segmentNotificationViewSchema, segmentViewSchema, type CreateSegmentInput, type NotifySegmentInput, type SegmentNotificationView, type SegmentView } from "./schemas";
