/**
 * Simplified Chinese: the default language and the source of the UI key set. Every other
 * language must translate every key here (see ./en.ts), so a missing string is a type error.
 * `{name}` placeholders are filled by `t(key, { name })`.
 */
import { feedZh } from "./areas/feed";
import { mediaZh } from "./areas/media";
import { moderationZh } from "./areas/moderation";
import { notificationsZh } from "./areas/notifications";
import { searchZh } from "./areas/search";
import { pointsZh } from "./areas/points";
import { checkinZh } from "./areas/checkin";
import { challengesZh } from "./areas/challenges";
import { badgesZh } from "./areas/badges";
import { rewardsZh } from "./areas/rewards";
import { commerceZh } from "./areas/commerce";
import { distributionRightsZh } from "./areas/distribution-rights";
import { distributionLinksZh } from "./areas/distribution-links";
import { distributionEarningsZh } from "./areas/distribution-earnings";
import { creatorsApplicationsZh } from "./areas/creators-applications";
import { creatorsMcnZh } from "./areas/creators-mcn";
import { opsConsoleZh } from "./areas/ops-console";
import { campaignsZh } from "./areas/campaigns";

export const zhCN = {
  ...feedZh,
  ...moderationZh,
  ...notificationsZh,
  ...searchZh,
  ...mediaZh,
  ...pointsZh,
  ...checkinZh,
  ...challengesZh,
  ...badgesZh,
  ...rewardsZh,
  ...commerceZh,
  ...distributionRightsZh,
  ...distributionLinksZh,
  ...distributionEarningsZh,
  ...creatorsApplicationsZh,
  ...creatorsMcnZh,
  ...opsConsoleZh,
  ...campaignsZh,
  "app.name": "Seedbed",
  "app.tagline": "发现好物，分享真实体验",
  "app.skipToContent": "跳到主要内容",

  "nav.label": "主导航",
  "nav.home": "首页",
  "nav.discover": "发现",
  "nav.checkin": "打卡",
  "nav.messages": "消息",
  "nav.me": "我",
  "nav.publish": "发布",

  "auth.login": "登录",
  "auth.signup": "注册",
  "auth.logout": "退出登录",

  "lang.label": "语言",
  "lang.switchTo": "切换到 {language}",
  "lang.zh-CN": "简体中文",
  "lang.en": "English",
  "lang.short.zh-CN": "中文",
  "lang.short.en": "EN",
  "lang.saved": "语言已切换",

  "home.title": "首页",
  "home.heading": "为你推荐",
  "home.empty.title": "这里还空空的",
  "home.empty.body": "关注感兴趣的人，或者发布第一篇种草笔记，首页就会热闹起来。",
  "home.empty.discover": "去发现",
  "home.empty.publish": "写一篇笔记",
  "home.welcome": "你好，{name}",

  "discover.title": "发现",
  "discover.heading": "发现好物",
  "discover.empty.title": "精选内容正在路上",
  "discover.empty.body": "种草推荐、爆款精选和分享赚钱的内容很快就会出现在这里。",

  "checkin.title": "打卡",
  "checkin.heading": "每日签到与打卡挑战",
  "checkin.empty.title": "签到即将开放",
  "checkin.empty.body": "每天签到可以赚积分，连续签到 7 天还有额外奖励。",

  "messages.title": "消息",
  "messages.heading": "消息",
  "messages.empty.title": "暂时没有新消息",
  "messages.empty.body": "点赞、评论、关注和徽章提醒都会出现在这里。",
  "messages.loggedOut": "登录后即可查看互动消息。",

  "publish.title": "发布笔记",
  "publish.empty.title": "笔记编辑器即将上线",
  "publish.empty.body": "很快你就可以上传图片、写下真实体验，分享给社区。",

  "me.title": "我",
  "me.roles": "身份",
  "me.settings": "设置",
  "me.profileSettings": "个人资料",
  "me.profileSettings.hint": "昵称、简介和语言",
  "me.tokens": "访问令牌",
  "me.tokens.hint": "用于 API 和第三方集成",
  "me.noBio": "还没有写简介。",
  "me.joined": "{date} 加入",
  "me.loggedOut.title": "欢迎来到 Seedbed",
  "me.loggedOut.body": "登录后可以发布笔记、每日签到、赚积分，还能成为创作者。",
  "me.loggedOut.haveAccount": "已有账号？",

  "role.member": "会员",
  "role.creator": "创作者",
  "role.mcn_admin": "MCN 管理员",
  "role.staff": "运营",
  "role.admin": "管理员",

  "signup.title": "注册",
  "signup.heading": "创建你的账号",
  "signup.subheading": "加入社区，开始种草与分享。",
  "signup.submit": "注册",
  "signup.haveAccount": "已经有账号了？",

  "login.title": "登录",
  "login.heading": "欢迎回来",
  "login.subheading": "用用户名或邮箱登录。",
  "login.submit": "登录",
  "login.noAccount": "还没有账号？",

  "field.handle": "用户名",
  "field.handle.hint": "3–20 位字母、数字或下划线，以字母开头，会出现在你的主页地址里。",
  "field.email": "邮箱",
  "field.password": "密码",
  "field.password.hint": "至少 8 位。",
  "field.login": "用户名或邮箱",
  "field.displayName": "昵称",
  "field.bio": "简介",
  "field.locale": "界面语言",
  "field.tokenName": "令牌名称",
  "field.tokenName.hint": "写下用途，方便以后辨认，例如“小程序同步”。",
  "field.expiresInDays": "有效期",

  "form.submitting": "提交中…",
  "form.errorSummary": "请检查标出的内容。",

  "settings.title": "设置",
  "settings.nav": "设置导航",
  "settings.profile.title": "个人资料",
  "settings.profile.submit": "保存",
  "settings.profile.saved": "资料已保存",
  "settings.tokens.title": "访问令牌",
  "settings.tokens.intro": "个人访问令牌让 App、小程序和脚本代表你调用 API。令牌只显示一次，请妥善保存。",
  "settings.tokens.create": "生成新令牌",
  "settings.tokens.createSubmit": "生成令牌",
  "settings.tokens.created": "新令牌已生成。它只显示这一次，请现在复制保存。",
  "settings.tokens.copy": "复制",
  "settings.tokens.copied": "已复制",
  "settings.tokens.list": "已有令牌",
  "settings.tokens.empty": "还没有令牌。",
  "settings.tokens.prefix": "前缀",
  "settings.tokens.createdAt": "创建于",
  "settings.tokens.lastUsed": "最近使用",
  "settings.tokens.neverUsed": "从未使用",
  "settings.tokens.expires": "过期时间",
  "settings.tokens.noExpiry": "永不过期",
  "settings.tokens.expiry.never": "永不过期",
  "settings.tokens.expiry.days": "{days} 天",
  "settings.tokens.status.revoked": "已撤销",
  "settings.tokens.status.expired": "已过期",
  "settings.tokens.status.active": "有效",
  "settings.tokens.revoke": "撤销",
  "settings.tokens.revokeConfirm": "撤销后使用它的应用会立即失效。确定撤销“{name}”吗？",
  "settings.tokens.revokeYes": "确定撤销",
  "settings.tokens.revoked": "令牌已撤销",

  "error.notFound.title": "页面走丢了",
  "error.notFound.body": "你要找的页面不存在，或者已经被移走了。",
  "error.generic.title": "出了点问题",
  "error.generic.body": "我们已经记录了这个问题，请稍后再试。",
  "error.forbidden.title": "没有权限",
  "error.forbidden.body": "你没有访问这个页面的权限。",
  "error.backHome": "回到首页",
  "error.requestId": "请求编号：{id}",
} as const;
