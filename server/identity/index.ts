/**
 * The identity context's public surface: accounts, sessions, access tokens, roles and permissions.
 * Other contexts and the web/API/socket boundaries import only from here.
 */
export type { CurrentUser } from "./current-user";
export { findCurrentUser } from "./current-user";
export { SESSION_COOKIE_NAME, sessionCookie, clearSessionCookie, readSessionToken } from "./sessions";
export type { RequestMeta, NewSession } from "./sessions";
export { signUp } from "./sign-up";
export { logIn } from "./log-in";
export { logOut } from "./log-out";
export { authenticate, authenticateRequest, ACCESS_TOKEN_PREFIX } from "./authenticate";
export type { Authentication, Credentials } from "./authenticate";
export { updateProfile } from "./update-profile";
export { createAccessToken, listAccessTokens, revokeAccessToken } from "./access-tokens";
export { can, requirePermission, ROLE_PERMISSIONS } from "./permissions";
export type { Permission, PermissionSubject } from "./permissions";
export { createUser } from "./create-user";
export { hashPassword } from "./secrets";
export type { CreateUserOptions } from "./create-user";
export { IDENTITY_EVENTS } from "./events";
export type { UserSignedUpPayload, ProfileUpdatedPayload } from "./events";
export {
  signUpSchema,
  logInSchema,
  profileSchema,
  profileUpdateSchema,
  accessTokenCreateSchema,
  currentUserSchema,
  accessTokenViewSchema,
  handleSchema,
  HANDLE_PATTERN,
  RESERVED_HANDLES,
} from "./schemas";
export type {
  SignUpInput,
  LogInInput,
  ProfileInput,
  ProfileUpdateInput,
  AccessTokenCreateInput,
  AccessTokenView,
} from "./schemas";
