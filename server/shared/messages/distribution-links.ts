import { defineMessages } from "./define";

/** Error and validation messages of distribution links and attribution (keys `distribution.links.*`, `distribution.attribution.*`). */
export const distributionLinksMessages = defineMessages(
  {
    "distribution.links.noRights":
      "Sharing links needs distribution rights: be an approved creator, complete the check-in and purchase tasks, or hold a membership that includes them.",
    "distribution.links.targetType": "Choose what to share: a product or a note.",
    "distribution.links.targetId": "Choose the product or note to share.",
    "distribution.links.targetNotFound": "This product or note can't be shared: it doesn't exist, isn't on sale or isn't published.",
    "distribution.links.notFound": "No such link.",
    "distribution.links.codeCollision": "Couldn't make a new short code just now; please try again.",
    "distribution.attribution.windowDays": "The attribution window is a whole number of days from 1 to 90.",
  },
  {
    "distribution.links.noRights": "分享推广链接需要分销权限：成为认证创作者、完成签到与消费任务，或开通包含分销权益的会员。",
    "distribution.links.targetType": "请选择要分享的商品或笔记。",
    "distribution.links.targetId": "请选择要分享的商品或笔记。",
    "distribution.links.targetNotFound": "该商品或笔记无法分享：不存在、未上架或未发布。",
    "distribution.links.notFound": "没有找到这个推广链接。",
    "distribution.links.codeCollision": "暂时无法生成短链接，请重试。",
    "distribution.attribution.windowDays": "归因窗口为 1 到 90 之间的整数天数。",
  },
);
