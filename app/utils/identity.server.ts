/**
 * The identity context as the web UI uses it. Routes import server code only through `.server`
 * modules, so none of it (argon2, the database driver) can leak into the browser bundle.
 */
export {
  accessTokenCreateSchema,
  authenticateRequest,
  clearSessionCookie,
  createAccessToken,
  listAccessTokens,
  logIn,
  logInSchema,
  logOut,
  profileSchema,
  readSessionToken,
  revokeAccessToken,
  sessionCookie,
  signUp,
  signUpSchema,
  updateProfile,
  type AccessTokenCreateInput,
  type CurrentUser,
  type LogInInput,
  type ProfileInput,
  type SignUpInput,
} from "../../server/identity";

import { profileSchema } from "../../server/identity";

/**
 * The profile form's schema: an emptied bio arrives as a missing field (forms can't send ""
 * through conform's coercion), which here means "no bio" rather than "required".
 */
export const profileFormSchema = profileSchema.extend({
  bio: profileSchema.shape.bio.optional().transform((bio) => bio ?? ""),
});
