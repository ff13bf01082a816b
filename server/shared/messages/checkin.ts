import { defineMessages } from "./define";

/** Error and validation messages of the checkin area (keys `checkin.*`, or `gamification.checkin.*`). */
export const checkinMessages = defineMessages(
  {
    "checkin.date.invalid": "Enter a real date as YYYY-MM-DD.",
    "checkin.month.invalid": "Enter a month as YYYY-MM.",
    "checkin.requestKey.invalid": "Use 8 to 100 letters, digits or _ . : -",
    "checkin.makeup.today": "Today isn't over yet: just check in.",
    "checkin.makeup.future": "A day that hasn't come yet can't be made up.",
    "checkin.makeup.tooOld": "That day is too far back: make-up cards only fill the last few days.",
    "checkin.makeup.beforeJoined": "You hadn't joined yet on that day.",
    "checkin.makeup.checkedIn": "You already checked in on that day.",
    "checkin.makeup.monthlyLimit": "You've used every make-up this month allows.",
    "checkin.makeup.noCard": "You have no make-up card. A 7-day streak earns one, or buy one with points.",
    "checkin.makeup.notForSale": "Make-up cards aren't on sale right now.",
    "checkin.makeup.insufficientPoints": "You don't have enough points for a make-up card.",
    "checkin.settings.duplicateDays": "Each streak length may appear once.",
    "checkin.settings.unknownRule": "No point rule has this key.",
  },
  {
    "checkin.date.invalid": "请按 YYYY-MM-DD 填写一个真实的日期。",
    "checkin.month.invalid": "请按 YYYY-MM 填写月份。",
    "checkin.requestKey.invalid": "请使用 8 到 100 个字母、数字或 _ . : -",
    "checkin.makeup.today": "今天还没过完，直接签到就好。",
    "checkin.makeup.future": "还没到的日子不能补签。",
    "checkin.makeup.tooOld": "这一天太久了，补签卡只能补最近几天。",
    "checkin.makeup.beforeJoined": "那天你还没有加入社区。",
    "checkin.makeup.checkedIn": "那天已经签到过了。",
    "checkin.makeup.monthlyLimit": "本月的补签次数已经用完了。",
    "checkin.makeup.noCard": "你还没有补签卡。连续签到 7 天可得一张，也可以用积分兑换。",
    "checkin.makeup.notForSale": "补签卡暂不兑换。",
    "checkin.makeup.insufficientPoints": "积分不足，兑换不了补签卡。",
    "checkin.settings.duplicateDays": "每个连签天数只能出现一次。",
    "checkin.settings.unknownRule": "没有这个积分规则。",
  },
);
