import { defineMessages } from "./define";

/** Messages of fraud flags (keys `fraud.*`). */
export const fraudMessages = defineMessages(
  {
    "fraud.flag.notFound": "No such flag.",
    "fraud.flag.resolved": "This flag has already been resolved.",
    "fraud.resolve.note": "Write a note of 1 to 500 characters on how it was resolved.",
  },
  {
    "fraud.flag.notFound": "找不到该风险标记。",
    "fraud.flag.resolved": "该风险标记已处理。",
    "fraud.resolve.note": "请填写 1–500 字的处理说明。",
  },
);
