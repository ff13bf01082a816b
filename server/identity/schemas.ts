import { z } from "zod";
import { LOCALES, ROLES } from "../../db/schema";

/**
 * Inputs of the identity context, shared by web forms, the API (and its OpenAPI document) and
 * sockets. Messages are keys of server/shared/messages.ts, translated at each boundary.
 */

/** A string field whose missing and wrong-type cases read as "required" / "expected text". */
const text = () =>
  z.string({
    error: (issue) => (issue.input === undefined ? "validation.required" : undefined),
  });

export const HANDLE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{2,19}$/;

/**
 * Handles that would collide with top-level paths or pose as the platform. Only sign-up refuses them;
 * the demo seed may still create "admin".
 */
export const RESERVED_HANDLES: ReadonlySet<string> = new Set([
  "admin",
  "administrator",
  "api",
  "build",
  "d",
  "discover",
  "healthz",
  "help",
  "login",
  "logout",
  "me",
  "messages",
  "moderator",
  "official",
  "readyz",
  "root",
  "seedbed",
  "settings",
  "signup",
  "staff",
  "support",
  "system",
]);

export const handleSchema = text()
  .trim()
  .min(3, "validation.handle.format")
  .max(20, "validation.handle.format")
  .regex(HANDLE_PATTERN, "validation.handle.format");

// A check rather than a pipe, so the trimmed value is what gets checked and the OpenAPI input
// schema still says "format: email".
export const emailSchema = text().trim().max(254, "validation.email.format").check(z.email("validation.email.format"));

export const passwordSchema = text().min(8, "validation.password.length").max(128, "validation.password.length");

export const displayNameSchema = text().trim().min(1, "validation.displayName.length").max(40, "validation.displayName.length");
export const bioSchema = text().trim().max(500, "validation.bio.length");
export const localeSchema = z.enum(LOCALES, { error: "validation.locale" });
export const roleSchema = z.enum(ROLES);

export const signUpSchema = z
  .object({
    handle: handleSchema.refine((h) => !RESERVED_HANDLES.has(h.toLowerCase()), "validation.handle.reserved"),
    email: emailSchema,
    password: passwordSchema,
    displayName: displayNameSchema.optional(),
    locale: localeSchema.optional(),
  })
  .superRefine((input, ctx) => {
    // Guarded: refinements may run even when a field already failed its own schema.
    if (typeof input.password !== "string" || typeof input.handle !== "string") return;
    if (input.password.toLowerCase() === input.handle.toLowerCase()) {
      ctx.addIssue({ code: "custom", path: ["password"], message: "validation.password.sameAsHandle" });
    }
  });

export const logInSchema = z.object({
  /** A handle or an email address, matched without regard to case. */
  login: text().trim().min(1, "validation.required").max(254, "identity.login.invalid"),
  password: text().min(1, "validation.required").max(128, "identity.login.invalid"),
});

export const profileSchema = z.object({
  displayName: displayNameSchema,
  bio: bioSchema,
  locale: localeSchema,
});

/** PATCH semantics: any subset of the profile, but not nothing. */
export const profileUpdateSchema = profileSchema
  .partial()
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "validation.atLeastOneField");

export const accessTokenCreateSchema = z.object({
  name: text().trim().min(1, "validation.tokenName.length").max(60, "validation.tokenName.length"),
  /** Omitted: the token never expires (it can still be revoked). */
  expiresInDays: z
    .number({ error: "validation.expiresInDays" })
    .int("validation.expiresInDays")
    .min(1, "validation.expiresInDays")
    .max(365, "validation.expiresInDays")
    .optional(),
});

export type SignUpInput = z.infer<typeof signUpSchema>;
export type LogInInput = z.infer<typeof logInSchema>;
export type ProfileInput = z.infer<typeof profileSchema>;
export type ProfileUpdateInput = z.infer<typeof profileUpdateSchema>;
export type AccessTokenCreateInput = z.infer<typeof accessTokenCreateSchema>;

/** The signed-in user as every boundary returns it. */
export const currentUserSchema = z.object({
  id: z.uuid(),
  handle: z.string(),
  email: z.string(),
  displayName: z.string(),
  bio: z.string(),
  locale: localeSchema,
  roles: z.array(roleSchema),
  createdAt: z.iso.datetime(),
});

export const accessTokenViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The token's first characters, to tell tokens apart. */
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});

export type AccessTokenView = z.infer<typeof accessTokenViewSchema>;
