// Creator applications (创作者申请): apply, the staff pipeline, trial tasks and encrypted personal data.
export { applyAsCreator } from "./apply-as-creator";
export { getMyCreatorApplication } from "./get-my-application";
export { listCreatorApplications, getCreatorApplicationForStaff, listPiiAccess, REVIEW_PERMISSION } from "./list-applications";
export { decideCreatorApplication, CREATOR_BADGE_SLUG } from "./decide-application";
export { checkTrial } from "./check-trial";
export { encryptPii, decryptPii, piiKey, piiKeyring, PiiKeyMissingError, DEFAULT_PII_KEY_ID, type PiiKeyring } from "./pii";
export { rotatePii, type RotatePiiResult } from "./rotate-pii";
export { applicationsConsumers } from "./consumers";
export { applicationsSchedules } from "./schedules";
export { applicationsOperations } from "./api";
export { APPLICATION_DECIDED, APPLICATION_TRIAL_CHECKED } from "./events";
export {
  applySchema,
  decideSchema,
  listApplicationsQuerySchema,
  applicationViewSchema,
  DECISION_ACTIONS,
  REAPPLY_DAYS,
  TRIAL_DAYS,
  TRIAL_NOTES,
  type ApplicationView,
  type ApplyInput,
  type DecideInput,
  type DecisionAction,
  type PiiView,
} from "./schemas";
