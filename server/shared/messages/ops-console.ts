import { defineMessages } from "./define";

/** Messages of the ops console (keys `ops.*`: metrics, curation, audit log). */
export const opsConsoleMessages = defineMessages(
  {
    "ops.metrics.date": "Use a date like 2026-11-30.",
    "ops.metrics.order": "The end date must not be before the start date.",
    "ops.metrics.tooLong": "Pick at most 366 days.",
    "ops.curation.action": "Choose pin, boost or bury.",
    "ops.curation.weight": "Pin and boost need a weight above 10000 (×1); bury a weight from 0 to 9999.",
    "ops.curation.decayDays": "Decay over 1 to 90 days.",
    "ops.curation.reason": "Keep the reason to 200 characters.",
    "ops.audit.date": "Use a date like 2026-11-30.",
    "ops.audit.actor": "A handle of at most 40 characters.",
    "ops.audit.entity": "At most 60 characters.",
  },
  {
    "ops.metrics.date": "请使用 2026-11-30 这样的日期。",
    "ops.metrics.order": "结束日期不能早于开始日期。",
    "ops.metrics.tooLong": "最多选择 366 天。",
    "ops.curation.action": "请选择置顶、加权或降权。",
    "ops.curation.weight": "置顶和加权的权重须大于 10000（×1），降权须在 0–9999 之间。",
    "ops.curation.decayDays": "衰减天数须在 1–90 天之间。",
    "ops.curation.reason": "原因最多 200 字。",
    "ops.audit.date": "请使用 2026-11-30 这样的日期。",
    "ops.audit.actor": "账号最多 40 个字符。",
    "ops.audit.entity": "最多 60 个字符。",
  },
);
