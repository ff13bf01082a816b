import type { RightsPath } from "../../../db/schema";

/** Emitted whenever a member's distribution rights change path (granted, moved, revoked). */
export const RIGHTS_CHANGED = "distribution.rights.changed";

export interface RightsChangedPayload extends Record<string, unknown> {
  userId: string;
  /** The path before and after; null means no rights. */
  fromPath: RightsPath | null;
  toPath: RightsPath | null;
  /** What made the engine look again: the event type, `schedule`, `read` or `staff`. */
  reason: string;
  at: string;
}
