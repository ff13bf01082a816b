/** The ops console as the web UI uses it; routes import server code only through `.server` modules. */
export { getCreatorMetrics, listCreatorMetrics, type CreatorMetricsPage, type CreatorSeries } from "../../../server/ops";
export { getPlatformMetrics, curatePost, liftCuration, listCurations, listAuditLog, type PlatformMetrics, type CurationView, type AuditEntryView } from "../../../server/ops";
export {
  createSegment,
  createUserTag,
  listSegmentNotifications,
  listSegments,
  listTagMembers,
  listUserTags,
  notifySegment,
  tagUser,
  untagUser,
  type SegmentNotificationView,
  type SegmentView,
  type TagView,
} from "../../../server/ops";
export { formFailure, type FormFailure } from "~/components/rewards/form-errors.server";
export { requireStaff } from "~/utils/content.server";
