import { defineMessages } from "./define";

/** Messages of membership plans (会员; keys `membership.*`). */
export const membershipMessages = defineMessages(
  {
    "membership.plan.notFound": "This plan doesn't exist or is no longer on sale.",
    "membership.plan.name": "Give the plan a name (Chinese up to 20 characters, English up to 40).",
    "membership.plan.description": "The description is too long.",
    "membership.plan.price": "The price is a whole number of cents from 1 to 10,000,000.",
    "membership.plan.duration": "The length is a whole number of days from 1 to 3,660.",
    "membership.plan.multiplier": "The points multiplier is in basis points from 10,000 (none) to 50,000 (×5).",
    "membership.plan.monthlyPoints": "Monthly points are a whole number from 0 to 100,000.",
    "membership.plan.birthdayGift": "The birthday gift may have at most 100 characters.",
    "membership.plan.position": "The position is a whole number from 0 to 1,000.",
  },
  {
    "membership.plan.notFound": "该会员套餐不存在或已下架。",
    "membership.plan.name": "请填写套餐名称（中文最多 20 字，英文最多 40 字）。",
    "membership.plan.description": "介绍过长。",
    "membership.plan.price": "价格为 1–10,000,000 分的整数。",
    "membership.plan.duration": "时长为 1–3660 天的整数。",
    "membership.plan.multiplier": "积分倍率以万分比表示，10000（不加成）到 50000（5 倍）。",
    "membership.plan.monthlyPoints": "每月赠送积分为 0–100,000 的整数。",
    "membership.plan.birthdayGift": "生日礼描述最多 100 个字符。",
    "membership.plan.position": "排序为 0–1000 的整数。",
  },
);
