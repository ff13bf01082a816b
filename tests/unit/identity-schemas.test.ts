import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { accessTokenCreateSchema, logInSchema, signUpSchema } from "../../server/identity/schemas";
import { AppError } from "../../server/shared/errors";
import { fieldErrorsFromZod, localeFromAcceptLanguage, localizeAppError, t } from "../../server/shared/messages";

const fieldsOf = (schema: z.ZodType, input: unknown, locale: "en" | "zh-CN" = "en") => {
  const result = schema.safeParse(input);
  if (result.success) return {};
  return fieldErrorsFromZod(result.error, locale);
};

describe("sign-up rules", () => {
  it("accepts a handle of 3–20 letters, digits and underscores starting with a letter", () => {
    for (const handle of ["abc", "A_1", "x".repeat(20), "Seed_Bed_2026"]) {
      expect(fieldsOf(signUpSchema, { handle, email: "a@example.test", password: "a-long-password" }), handle).toEqual({});
    }
  });

  it("refuses malformed and reserved handles with a message a person can act on", () => {
    for (const handle of ["ab", "x".repeat(21), "1abc", "_abc", "a-b", "a.b", "小红"]) {
      expect(fieldsOf(signUpSchema, { handle, email: "a@example.test", password: "a-long-password" }).handle, handle).toEqual([
        "3–20 characters: letters, digits and underscores, starting with a letter.",
      ]);
    }
    for (const handle of ["api", "Admin", "SETTINGS", "login", "signup", "d", "healthz"]) {
      const fields = fieldsOf(signUpSchema, { handle, email: "a@example.test", password: "a-long-password" });
      expect(fields.handle?.some((m) => m === "This handle is reserved." || m.startsWith("3–20")), handle).toBe(true);
    }
  });

  it("trims the handle and email before checking them", () => {
    const parsed = signUpSchema.parse({ handle: "  Alice ", email: " alice@example.test ", password: "a-long-password" });
    expect(parsed).toMatchObject({ handle: "Alice", email: "alice@example.test" });
  });

  it("refuses a password equal to the handle in any case, or outside 8–128 characters", () => {
    expect(fieldsOf(signUpSchema, { handle: "alice_1", email: "a@example.test", password: "ALICE_1x".slice(0, 7) }).password).toContain(
      "Use 8 to 128 characters.",
    );
    expect(fieldsOf(signUpSchema, { handle: "alice_12", email: "a@example.test", password: "ALICE_12" }).password).toEqual([
      "The password must not be your handle.",
    ]);
    expect(fieldsOf(signUpSchema, { handle: "alice", email: "a@example.test", password: "p".repeat(129) }).password).toEqual([
      "Use 8 to 128 characters.",
    ]);
  });

  it("reports missing and wrongly typed fields separately, in Chinese too", () => {
    expect(fieldsOf(signUpSchema, { handle: 5 })).toEqual({
      handle: ["Expected text."],
      email: ["This field is required."],
      password: ["This field is required."],
    });
    expect(fieldsOf(signUpSchema, { handle: 5 }, "zh-CN")).toEqual({
      handle: ["类型不正确，应为 文本。"],
      email: ["此项为必填。"],
      password: ["此项为必填。"],
    });
    expect(fieldsOf(signUpSchema, "not an object")).toEqual({ _: ["Expected an object."] });
  });

  it("limits log-in and token inputs", () => {
    expect(fieldsOf(logInSchema, { login: "  ", password: "" })).toEqual({
      login: ["This field is required."],
      password: ["This field is required."],
    });
    expect(Object.keys(fieldsOf(accessTokenCreateSchema, { name: "ci", expiresInDays: 366 }))).toEqual(["expiresInDays"]);
    expect(fieldsOf(accessTokenCreateSchema, { name: "ci", expiresInDays: 30 })).toEqual({});
  });
});

describe("messages", () => {
  it("fills parameters and falls back to English, then to the key itself", () => {
    expect(t("zh-CN", "validation.tooLong", { max: 40 })).toBe("最多 40 个字符。");
    expect(t("en", "rateLimited", { seconds: 12 })).toBe("Too many attempts; try again in 12 seconds.");
    expect(t("zh-CN", "no.such.key")).toBe("no.such.key");
  });

  it("picks Chinese only when the client prefers it over English", () => {
    expect(localeFromAcceptLanguage(undefined)).toBe("en");
    expect(localeFromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,zh;q=0.5")).toBe("en");
    expect(localeFromAcceptLanguage("fr, zh-TW;q=0.7")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("de")).toBe("en");
  });

  it("translates an AppError's message and field keys, and words rate limits with the wait", () => {
    const conflict = new AppError("CONFLICT", "identity.handle.taken", { fields: { handle: ["identity.handle.taken"] } });
    expect(localizeAppError(conflict, "zh-CN")).toEqual({ code: "CONFLICT", message: "该用户名已被占用。", fields: { handle: ["该用户名已被占用。"] } });
    const limited = new AppError("RATE_LIMITED", "Too many attempts", { retryAfter: 30 });
    expect(localizeAppError(limited, "zh-CN").message).toBe("尝试次数过多，请 30 秒后再试。");
  });
});
