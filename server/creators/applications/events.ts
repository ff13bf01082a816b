/** Staff decided an application (approved or rejected): the applicant is notified. */
export const APPLICATION_DECIDED = "creators.application.decided";
/** An applicant passed or failed the trial task (the automatic check): shown to staff, told to the applicant. */
export const APPLICATION_TRIAL_CHECKED = "creators.application.trialChecked";

export interface ApplicationDecidedPayload extends Record<string, unknown> {
  applicationId: string;
  applicantId: string;
  status: "approved" | "rejected";
  reason: string | null;
  certificateCode: string | null;
}
