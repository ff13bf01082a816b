import { and, eq, inArray } from "drizzle-orm";
import type { Transaction } from "../../../db/client";
import { badges, categories, creatorApplicationEvents, creatorApplications, creatorInvitations, userRoles, type ApplicationStatus } from "../../../db/schema";
import type { AppContext } from "../../context";
import { syncDistributionRights } from "../../distribution/rights/sync-distribution-rights";
import { ensureDefaultBadges } from "../../gamification/badges/ensure-default-badges";
import { grantBadgeOnce } from "../../gamification/badges/grant-badge";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { emitEvent } from "../../jobs/emit-event";
import { recordAudit } from "../../ops";
import { AppError } from "../../shared/errors";
import { APPLICATION_DECIDED, type ApplicationDecidedPayload } from "./events";
import { REVIEW_PERMISSION } from "./list-applications";
import { decideSchema, isUuid, TRIAL_DAYS, TRIAL_NOTES, type ApplicationView, type DecideInput, type DecisionAction } from "./schemas";
import { applicationById } from "./views";

const DAY = 86_400_000;
/** The creator badge approval grants (one of the default badges, with an e-certificate). */
export const CREATOR_BADGE_SLUG = "verified-creator";

/** Where each step may start from and where it ends. */
const STEPS: Record<DecisionAction, { from: ApplicationStatus[]; to: ApplicationStatus; kind: string }> = {
  review: { from: ["submitted"], to: "in_review", kind: "review" },
  trial: { from: ["submitted", "in_review"], to: "trial", kind: "trial_started" },
  approve: { from: ["submitted", "in_review", "trial"], to: "approved", kind: "approved" },
  reject: { from: ["submitted", "in_review", "trial"], to: "rejected", kind: "rejected" },
};

/**
 * Staff move an application on: into review, into a trial task (category, notes, days — 3 in 14 by
 * default, checked automatically), approve, or reject with a reason the applicant reads (they may apply
 * again after 30 days). Nobody decides their own application (403, whatever their role). One conditional
 * UPDATE on the status makes each step happen once: approving twice, or two staff at once, is a 409 for
 * the second.
 *
 * Approval, in the same transaction: the creator role, distribution rights re-evaluated (the creator path
 * now holds), the 认证创作者 badge with its certificate, an audit row, and `creators.application.decided`,
 * whose consumer sends the notification.
 */
export async function decideCreatorApplication(
  ctx: Pick<AppContext, "db" | "clock" | "config">,
  staff: CurrentUser | null,
  applicationId: string,
  input: DecideInput,
): Promise<ApplicationView> {
  requirePermission(staff, REVIEW_PERMISSION);
  const data = parseInput(decideSchema, input);
  if (!isUuid(applicationId)) throw new AppError("NOT_FOUND", "creators.application.notFound");
  const step = STEPS[data.action];
  const reason = data.reason?.length ? data.reason : null;
  const now = ctx.clock.now();

  await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(creatorApplications).where(eq(creatorApplications.id, applicationId));
    if (!current) throw new AppError("NOT_FOUND", "creators.application.notFound");
    if (current.applicantId === staff.id) throw new AppError("FORBIDDEN", "creators.application.ownApplication");

    let trial = {};
    if (data.action === "trial") {
      const [category] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, data.trialCategoryId!));
      if (!category) throw new AppError("VALIDATION_FAILED", "validationFailed", { fields: { trialCategoryId: ["creators.application.trialCategory"] } });
      trial = {
        trialCategoryId: category.id,
        trialRequiredNotes: data.trialRequiredNotes ?? TRIAL_NOTES,
        trialStartedAt: now,
        trialDeadline: new Date(now.getTime() + (data.trialDays ?? TRIAL_DAYS) * DAY),
        trialPassedAt: null,
        trialFailedAt: null,
      };
    }
    const [row] = await tx
      .update(creatorApplications)
      .set({
        status: step.to,
        updatedAt: now,
        ...trial,
        ...(data.action === "approve" || data.action === "reject"
          ? { decidedAt: now, decidedBy: staff.id, reason, reapplyAfter: data.action === "reject" ? new Date(now.getTime() + 30 * DAY) : null }
          : {}),
      })
      .where(and(eq(creatorApplications.id, applicationId), inArray(creatorApplications.status, step.from)))
      .returning();
    if (!row) throw new AppError("CONFLICT", "creators.application.wrongStatus");
    await tx.insert(creatorApplicationEvents).values({ applicationId, actorId: staff.id, fromStatus: current.status, toStatus: step.to, kind: step.kind, note: reason, at: now });

    let certificateCode: string | null = null;
    if (data.action === "approve") certificateCode = await grantCreatorStanding(tx, row.applicantId, staff.id, now, ctx.config.platformTimeZone);

    await recordAudit(tx, {
      actorId: staff.id,
      action: `creators.application.${step.to}`,
      subjectType: "creator_application",
      subjectId: applicationId,
      before: { status: current.status },
      after: { status: step.to, reason, ...(data.action === "trial" ? { trialCategoryId: data.trialCategoryId, trialDays: data.trialDays ?? TRIAL_DAYS } : {}) },
      at: now,
    });
    if (data.action === "approve" || data.action === "reject") {
      const payload: ApplicationDecidedPayload = { applicationId, applicantId: row.applicantId, status: data.action === "approve" ? "approved" : "rejected", reason, certificateCode };
      await emitEvent(tx, { type: APPLICATION_DECIDED, payload, occurredAt: now });
    }
  });
  return (await applicationById(ctx.db, applicationId))!;
}

/** Role, rights, badge and the funnel's `approved` step; returns the badge's certificate code. */
async function grantCreatorStanding(tx: Transaction, userId: string, staffId: string, now: Date, timeZone: string): Promise<string | null> {
  await tx.insert(userRoles).values({ userId, role: "creator", grantedAt: now, grantedBy: staffId }).onConflictDoNothing();
  await syncDistributionRights(tx, userId, now, { reason: "creator.approved", timeZone });
  let [badge] = await tx.select().from(badges).where(eq(badges.slug, CREATOR_BADGE_SLUG));
  if (!badge) {
    await ensureDefaultBadges(tx, now);
    [badge] = await tx.select().from(badges).where(eq(badges.slug, CREATOR_BADGE_SLUG));
  }
  const grant = badge ? await grantBadgeOnce(tx, { badge, userId, source: null, reason: "创作者申请审核通过", grantedBy: staffId, now }) : null;
  await tx
    .update(creatorInvitations)
    .set({ status: "approved", approvedAt: now })
    .where(and(eq(creatorInvitations.userId, userId), inArray(creatorInvitations.status, ["invited", "applied"])));
  return grant?.certificateCode ?? null;
}
