import { and, eq, isNull, lte, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { creatorApplicationEvents, creatorApplications } from "../../../db/schema";
import { emitEvent } from "../../jobs/emit-event";
import { APPLICATION_TRIAL_CHECKED } from "./events";
import { trialNoteCount } from "./views";

/**
 * Checks the applicant's running trial, if any: enough notes published in the category by the deadline →
 * passed; the deadline gone by without them → failed. Either outcome is recorded once (the UPDATE only
 * matches a trial with no outcome yet) with a timeline step and an event, and stays in `trial` status for
 * staff to approve or reject — the check informs the decision, it does not make it.
 */
export async function checkTrial(tx: Queryable, applicantId: string, now: Date): Promise<"passed" | "failed" | "running" | null> {
  const [app] = await tx
    .select()
    .from(creatorApplications)
    .where(and(eq(creatorApplications.applicantId, applicantId), eq(creatorApplications.status, "trial"), isNull(creatorApplications.trialPassedAt), isNull(creatorApplications.trialFailedAt)))
    .for("update");
  if (!app || !app.trialDeadline || !app.trialRequiredNotes) return null;
  const published = await trialNoteCount(tx, app);
  let outcome: "passed" | "failed" | "running" = "running";
  if (published >= app.trialRequiredNotes) outcome = "passed";
  else if (now > app.trialDeadline) outcome = "failed";
  if (outcome === "running") return outcome;
  await tx
    .update(creatorApplications)
    .set(outcome === "passed" ? { trialPassedAt: now, updatedAt: now } : { trialFailedAt: now, updatedAt: now })
    .where(eq(creatorApplications.id, app.id));
  await tx.insert(creatorApplicationEvents).values({
    applicationId: app.id,
    actorId: null,
    fromStatus: "trial",
    toStatus: "trial",
    kind: `trial_${outcome}`,
    note: `${published}/${app.trialRequiredNotes}`,
    at: now,
  });
  await emitEvent(tx, { type: APPLICATION_TRIAL_CHECKED, payload: { applicationId: app.id, applicantId, outcome, published }, occurredAt: now });
  return outcome;
}

/** Applicants whose trial deadline has passed without an outcome (the schedule's list). */
export async function overdueTrialApplicants(db: Queryable, now: Date, limit = 200): Promise<string[]> {
  const rows = await db
    .select({ applicantId: creatorApplications.applicantId })
    .from(creatorApplications)
    .where(
      and(
        eq(creatorApplications.status, "trial"),
        isNull(creatorApplications.trialPassedAt),
        isNull(creatorApplications.trialFailedAt),
        lte(creatorApplications.trialDeadline, sql`${now.toISOString()}::timestamptz`),
      ),
    )
    .limit(limit);
  return rows.map((r) => r.applicantId);
}
