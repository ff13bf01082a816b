/** Domain events the identity context writes to the outbox. */
export const IDENTITY_EVENTS = {
  userSignedUp: "identity.user.signedUp",
  profileUpdated: "identity.profile.updated",
} as const;

export interface UserSignedUpPayload extends Record<string, unknown> {
  userId: string;
  handle: string;
  locale: string;
}

export interface ProfileUpdatedPayload extends Record<string, unknown> {
  userId: string;
  changed: string[];
}
