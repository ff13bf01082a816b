import type { AppContext } from "../context";
import { emitEvent } from "../jobs/emit-event";
import { createUser } from "./create-user";
import type { CurrentUser } from "./current-user";
import { IDENTITY_EVENTS, type UserSignedUpPayload } from "./events";
import { SIGN_UP_PER_IP } from "./rate-limits";
import { signUpSchema, type SignUpInput } from "./schemas";
import { hashPassword } from "./secrets";
import { createSession, type NewSession, type RequestMeta } from "./sessions";
import { parseInput } from "./parse-input";

/**
 * Creates a member account with its credentials and a first session, and records
 * identity.user.signedUp — all in one transaction. A taken handle or email (in any case) is a
 * CONFLICT on that field, decided by the unique indexes so concurrent sign-ups can't both win.
 */
export async function signUp(
  ctx: AppContext,
  input: SignUpInput,
  meta: RequestMeta,
): Promise<{ user: CurrentUser; session: NewSession }> {
  const data = parseInput(signUpSchema, input);
  await ctx.rateLimits.consume(SIGN_UP_PER_IP, meta.ip);
  // Hashing takes ~90 ms; do it before the transaction opens so no connection waits on it.
  const passwordHash = await hashPassword(data.password);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const user = await createUser(tx, {
      handle: data.handle,
      email: data.email,
      password: { hash: passwordHash },
      displayName: data.displayName,
      locale: data.locale,
      now,
    });
    const session = await createSession(tx, { userId: user.id, now, userAgent: meta.userAgent, visitorId: meta.visitorId });
    const payload: UserSignedUpPayload = { userId: user.id, handle: user.handle, locale: user.locale };
    await emitEvent(tx, { type: IDENTITY_EVENTS.userSignedUp, payload, occurredAt: now });
    return { user, session };
  });
}
