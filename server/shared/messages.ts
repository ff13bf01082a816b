import type { z } from "zod";
import type { AppError, FieldErrors } from "./errors";
import { badgesMessages } from "./messages/badges";
import { challengesMessages } from "./messages/challenges";
import { checkinMessages } from "./messages/checkin";
import { ledgerMessages } from "./messages/ledger";
import { pointsMessages } from "./messages/points";
import { rewardsMessages } from "./messages/rewards";
import { distributionEarningsMessages } from "./messages/distribution-earnings";
import { distributionRightsMessages } from "./messages/distribution-rights";
import { membershipMessages } from "./messages/membership";
import { fraudMessages } from "./messages/fraud";
import { opsConsoleMessages } from "./messages/ops-console";
import { commerceMessages } from "./messages/commerce";
import { distributionLinksMessages } from "./messages/distribution-links";
import { creatorsCampaignsMessages } from "./messages/creators-campaigns";
import { creatorsApplicationsMessages } from "./messages/creators-applications";
import { creatorsMcnMessages } from "./messages/creators-mcn";
import { mediaMessages } from "./messages/media";

/** Areas that keep their messages in their own file under ./messages (one file per area). */
const areas = [ledgerMessages, pointsMessages, checkinMessages, challengesMessages, badgesMessages, rewardsMessages, distributionRightsMessages, membershipMessages, fraudMessages, opsConsoleMessages, commerceMessages, distributionLinksMessages, distributionEarningsMessages, creatorsApplicationsMessages, creatorsMcnMessages, creatorsCampaignsMessages, mediaMessages] as const;

/**
 * User-facing error and validation messages in both UI languages. Zod schemas and AppErrors carry
 * these keys instead of prose, so one schema serves web forms, the API and sockets, and each boundary
 * translates into the reader's language. `{name}` placeholders are filled from params.
 */
export type MessageLocale = "zh-CN" | "en";

const coreEn = {
  "validation.required": "This field is required.",
  "validation.invalidType": "Expected {expected}.",
  "validation.invalid": "This value is not valid.",
  "validation.tooShort": "Must be at least {min} characters.",
  "validation.tooLong": "Must be at most {max} characters.",
  "validation.tooSmall": "Must be at least {min}.",
  "validation.tooBig": "Must be at most {max}.",
  "validation.integer": "Must be a whole number.",
  "validation.oneOf": "Must be one of: {options}.",
  "validation.unknownField": "Unknown field.",
  "validation.atLeastOneField": "Change at least one field.",
  "validation.handle.format": "3–20 characters: letters, digits and underscores, starting with a letter.",
  "validation.handle.reserved": "This handle is reserved.",
  "validation.email.format": "Enter a valid email address.",
  "validation.password.length": "Use 8 to 128 characters.",
  "validation.password.sameAsHandle": "The password must not be your handle.",
  "validation.displayName.length": "Use 1 to 40 characters.",
  "validation.bio.length": "At most 500 characters.",
  "validation.locale": "Choose 简体中文 or English.",
  "validation.tokenName.length": "Use 1 to 60 characters.",
  "validation.expiresInDays": "Between 1 and 365 days.",
  "validation.uuid": "Must be a valid id.",
  validationFailed: "Some fields need attention.",
  "identity.handle.taken": "This handle is already taken.",
  "identity.email.taken": "An account with this email already exists.",
  "identity.login.invalid": "The handle/email or password is incorrect.",
  "identity.account.suspended": "This account is suspended.",
  "identity.token.notFound": "No such access token.",
  "content.title.length": "Give the note a title of 1 to 50 characters.",
  "content.body.length": "The text may have at most 2,000 characters.",
  "content.category.required": "Choose a category.",
  "content.category.unknown": "Choose one of the listed categories.",
  "content.category.slug": "2–30 lowercase letters, digits and hyphens, starting with a letter.",
  "content.category.slugTaken": "A category with this slug already exists.",
  "content.category.name": "Use 1 to 20 characters.",
  "content.media.count": "Add 1 to 9 images or one video.",
  "content.post.locked": "This note is under review and can't be edited now.",
  "content.report.reason": "Choose a reason.",
  "content.report.detail": "At most 500 characters.",
  "content.moderation.reason": "Give a reason of 1 to 500 characters.",
  "content.moderation.notApplicable": "This action doesn't apply to the item as it is now.",
  "content.appeal.body": "Explain in 1 to 1,000 characters.",
  "content.appeal.exists": "This decision has already been appealed.",
  "content.appeal.notAllowed": "This decision can't be appealed.",
  "content.appeal.decided": "This appeal has already been decided.",
  "content.keyword.length": "Use 1 to 50 characters.",
  "content.keyword.exists": "This keyword is already on the list.",
  unauthenticated: "Please log in first.",
  forbidden: "You are not allowed to do this.",
  notFound: "Not found.",
  conflict: "This conflicts with existing data.",
  rateLimited: "Too many attempts; try again in {seconds} seconds.",
  csrfFailed: "Cross-site request refused.",
  payloadTooLarge: "The request body is too large.",
  unsupportedMediaType: "Send the body as application/json.",
  malformedJson: "The request body is not valid JSON.",
  internal: "Something went wrong.",
} as const;

// Distributes over the areas, so every area's keys count (keyof a union would keep only shared ones).
type KeysOf<T> = T extends unknown ? keyof T : never;
type AreaKeys = KeysOf<(typeof areas)[number]["en"]>;
export type MessageKey = keyof typeof coreEn | AreaKeys;

const en: Record<MessageKey, string> = Object.assign({}, coreEn, ...areas.map((a) => a.en));

const coreZhCN: Record<keyof typeof coreEn, string> = {
  "validation.required": "此项为必填。",
  "validation.invalidType": "类型不正确，应为 {expected}。",
  "validation.invalid": "内容无效。",
  "validation.tooShort": "至少 {min} 个字符。",
  "validation.tooLong": "最多 {max} 个字符。",
  "validation.tooSmall": "不能小于 {min}。",
  "validation.tooBig": "不能大于 {max}。",
  "validation.integer": "必须是整数。",
  "validation.oneOf": "只能是以下之一：{options}。",
  "validation.unknownField": "未知字段。",
  "validation.atLeastOneField": "请至少修改一项。",
  "validation.handle.format": "3–20 个字符，仅限字母、数字和下划线，且以字母开头。",
  "validation.handle.reserved": "该用户名为系统保留。",
  "validation.email.format": "请输入有效的邮箱地址。",
  "validation.password.length": "密码长度为 8–128 个字符。",
  "validation.password.sameAsHandle": "密码不能与用户名相同。",
  "validation.displayName.length": "昵称长度为 1–40 个字符。",
  "validation.bio.length": "简介最多 500 个字符。",
  "validation.locale": "请选择简体中文或 English。",
  "validation.tokenName.length": "名称长度为 1–60 个字符。",
  "validation.expiresInDays": "有效期为 1–365 天。",
  "validation.uuid": "ID 格式不正确。",
  validationFailed: "部分内容需要修改。",
  "identity.handle.taken": "该用户名已被占用。",
  "identity.email.taken": "该邮箱已注册。",
  "identity.login.invalid": "用户名/邮箱或密码错误。",
  "identity.account.suspended": "该账号已被停用。",
  "identity.token.notFound": "找不到该访问令牌。",
  "content.title.length": "标题需为 1–50 个字符。",
  "content.body.length": "正文最多 2000 个字符。",
  "content.category.required": "请选择分类。",
  "content.category.unknown": "请从列表中选择分类。",
  "content.category.slug": "2–30 个小写字母、数字或连字符，以字母开头。",
  "content.category.slugTaken": "该标识已被其他分类使用。",
  "content.category.name": "名称为 1–20 个字符。",
  "content.media.count": "请添加 1–9 张图片或 1 个视频。",
  "content.post.locked": "该笔记正在处理中，暂时无法编辑。",
  "content.report.reason": "请选择举报原因。",
  "content.report.detail": "补充说明最多 500 个字符。",
  "content.moderation.reason": "请填写 1–500 个字符的处理原因。",
  "content.moderation.notApplicable": "该内容当前状态不支持此操作。",
  "content.appeal.body": "申诉说明为 1–1000 个字符。",
  "content.appeal.exists": "该处理结果已申诉过。",
  "content.appeal.notAllowed": "该处理结果不可申诉。",
  "content.appeal.decided": "该申诉已处理。",
  "content.keyword.length": "关键词为 1–50 个字符。",
  "content.keyword.exists": "该关键词已在列表中。",
  unauthenticated: "请先登录。",
  forbidden: "你没有权限执行此操作。",
  notFound: "页面不存在。",
  conflict: "与现有数据冲突。",
  rateLimited: "尝试次数过多，请 {seconds} 秒后再试。",
  csrfFailed: "已拒绝跨站请求。",
  payloadTooLarge: "请求内容过大。",
  unsupportedMediaType: "请以 application/json 格式发送请求内容。",
  malformedJson: "请求内容不是有效的 JSON。",
  internal: "出了点问题，请稍后再试。",
};

const zhCN: Record<MessageKey, string> = Object.assign({}, coreZhCN, ...areas.map((a) => a.zhCN));

const catalogues: Record<MessageLocale, Record<string, string>> = { en, "zh-CN": zhCN };

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/**
 * Translates a message key. Unknown keys come back unchanged, so an English sentence passed where a
 * key was expected still reads sensibly instead of failing.
 */
export function t(locale: MessageLocale, key: string, params?: Record<string, string | number>): string {
  const template = catalogues[locale]?.[key] ?? catalogues.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The language an API client asked for: zh if Accept-Language prefers any Chinese over English, else en. */
export function localeFromAcceptLanguage(header: string | null | undefined): MessageLocale {
  if (!header) return "en";
  let best: { locale: MessageLocale; q: number } | undefined;
  for (const part of header.split(",")) {
    const [tag = "", ...attrs] = part.trim().toLowerCase().split(";");
    const qAttr = attrs.map((a) => a.trim()).find((a) => a.startsWith("q="));
    const q = qAttr ? Number(qAttr.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const locale: MessageLocale | undefined = tag.startsWith("zh") ? "zh-CN" : tag.startsWith("en") ? "en" : undefined;
    if (locale && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? "en";
}

const TYPE_NAMES: Record<string, { en: string; zh: string }> = {
  string: { en: "text", zh: "文本" },
  number: { en: "a number", zh: "数字" },
  int: { en: "a whole number", zh: "整数" },
  boolean: { en: "true or false", zh: "布尔值" },
  object: { en: "an object", zh: "对象" },
  array: { en: "a list", zh: "列表" },
};

/** The message of one zod issue: its own key if the schema gave one, else a generic message by issue code. */
function issueMessage(issue: z.core.$ZodIssue, locale: MessageLocale): string {
  const params: Record<string, string | number> = {};
  const raw = issue as unknown as Record<string, unknown>;
  if (typeof raw.minimum === "number" || typeof raw.minimum === "bigint") params.min = Number(raw.minimum);
  if (typeof raw.maximum === "number" || typeof raw.maximum === "bigint") params.max = Number(raw.maximum);
  if (isMessageKey(issue.message)) return t(locale, issue.message, params);

  switch (issue.code) {
    case "invalid_type": {
      if (raw.input === undefined && issue.message.includes("received undefined")) return t(locale, "validation.required");
      const name = TYPE_NAMES[String(raw.expected)];
      return t(locale, "validation.invalidType", {
        expected: name ? (locale === "en" ? name.en : name.zh) : String(raw.expected),
      });
    }
    case "too_small":
      return raw.origin === "string" ? t(locale, "validation.tooShort", params) : t(locale, "validation.tooSmall", params);
    case "too_big":
      return raw.origin === "string" ? t(locale, "validation.tooLong", params) : t(locale, "validation.tooBig", params);
    case "invalid_value":
      return t(locale, "validation.oneOf", { options: ((raw.values as unknown[]) ?? []).map(String).join(", ") });
    case "unrecognized_keys":
      return t(locale, "validation.unknownField");
    default:
      return t(locale, "validation.invalid");
  }
}

/**
 * Field name → translated messages, the `fields` of DESIGN.md §5. Nested paths join with dots;
 * an issue about the whole input (e.g. a body that is not an object) lands under "_".
 * Unrecognized keys are reported under each unknown key's own name.
 */
export function fieldErrorsFromZod(error: z.ZodError, locale: MessageLocale): FieldErrors {
  const fields: FieldErrors = {};
  const add = (field: string, message: string) => {
    const list = (fields[field] ??= []);
    if (!list.includes(message)) list.push(message);
  };
  for (const issue of error.issues) {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add(base ? `${base}.${key}` : key, issueMessage(issue, locale));
      continue;
    }
    add(base || "_", issueMessage(issue, locale));
  }
  return fields;
}

/** An AppError's user-facing message and field messages in the reader's language. */
export function localizeAppError(
  error: AppError,
  locale: MessageLocale,
): { code: string; message: string; fields?: FieldErrors } {
  const message =
    error.code === "RATE_LIMITED"
      ? t(locale, "rateLimited", { seconds: error.retryAfter ?? 60 })
      : isMessageKey(error.message)
        ? t(locale, error.message)
        : error.code === "INTERNAL"
          ? t(locale, "internal")
          : error.message;
  // A domain function's own re-validation keeps the ZodError, so its fields get full messages too.
  const cause = error.cause as { issues?: unknown } | undefined;
  if (error.code === "VALIDATION_FAILED" && cause && Array.isArray(cause.issues)) {
    return { code: error.code, message, fields: fieldErrorsFromZod(cause as z.ZodError, locale) };
  }
  if (!error.fields) return { code: error.code, message };
  const fields: FieldErrors = {};
  for (const [field, messages] of Object.entries(error.fields)) fields[field] = messages.map((m) => t(locale, m));
  return { code: error.code, message, fields };
}
