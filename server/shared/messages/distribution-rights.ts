import { defineMessages } from "./define";

/** Messages of the eligibility engine (分销权限; keys `distribution.rights.*`, `distribution.eligibility.*`). */
export const distributionRightsMessages = defineMessages(
  {
    "distribution.rights.requirement.creatorRole": "Approved creator",
    "distribution.rights.requirement.checkinDays": "Check in on {need} of the last {days} days",
    "distribution.rights.requirement.purchaseCents": "{needYuan} of confirmed purchases",
    "distribution.rights.requirement.membershipPlan": "An active membership that includes distribution rights",
    "distribution.rights.requirement.staffRole": "Platform staff",
    "distribution.rights.missing.creatorRole": "Apply to become a creator",
    "distribution.rights.missing.checkinDays": "{missing} more check-in days",
    "distribution.rights.missing.purchaseCents": "{missingYuan} more of confirmed purchases",
    "distribution.rights.missing.membershipPlan": "Join a plan that includes distribution rights",
    "distribution.rights.missing.staffRole": "Staff only",
    "distribution.eligibility.checkinDays": "Check-in days are a whole number from 0 to 366.",
    "distribution.eligibility.windowDays": "The window is a whole number of days from 1 to 366.",
    "distribution.eligibility.minPurchase": "The purchase threshold is a whole number of cents from 0 to 100,000,000.",
    "distribution.eligibility.daysOverWindow": "Check-in days can't exceed the window.",
  },
  {
    "distribution.rights.requirement.creatorRole": "认证创作者",
    "distribution.rights.requirement.checkinDays": "近 {days} 天签到 {need} 天",
    "distribution.rights.requirement.purchaseCents": "已确认消费满 {needYuan}",
    "distribution.rights.requirement.membershipPlan": "开通含分销权限的会员",
    "distribution.rights.requirement.staffRole": "平台运营人员",
    "distribution.rights.missing.creatorRole": "申请成为创作者",
    "distribution.rights.missing.checkinDays": "还差 {missing} 天签到",
    "distribution.rights.missing.purchaseCents": "还差 {missingYuan} 已确认消费",
    "distribution.rights.missing.membershipPlan": "开通含分销权限的会员套餐",
    "distribution.rights.missing.staffRole": "仅限运营人员",
    "distribution.eligibility.checkinDays": "签到天数为 0–366 的整数。",
    "distribution.eligibility.windowDays": "统计窗口为 1–366 天的整数。",
    "distribution.eligibility.minPurchase": "消费门槛为 0–100,000,000 分的整数。",
    "distribution.eligibility.daysOverWindow": "签到天数不能超过统计窗口。",
  },
);
