import { desc, eq } from "drizzle-orm";
import { creatorApplications, piiAccessLog, users } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { AppError } from "../../shared/errors";
import { recordAudit } from "../../ops";
import { decryptPii, PiiKeyMissingError, piiKeyring } from "./pii";
import { isUuid, listApplicationsQuerySchema, type ApplicationView, type ListApplicationsQuery, type PiiView } from "./schemas";
import { applicationById, applicationViews } from "./views";

export const REVIEW_PERMISSION = "review:creatorApplication:any" as const;

/** The staff queue, newest first, optionally one status. No personal data in the list. */
export async function listCreatorApplications(ctx: Pick<AppContext, "db">, staff: CurrentUser | null, query: ListApplicationsQuery = {}): Promise<ApplicationView[]> {
  requirePermission(staff, REVIEW_PERMISSION);
  const q = parseInput(listApplicationsQuerySchema, query);
  return applicationViews(ctx.db, q.status ? eq(creatorApplications.status, q.status) : undefined, q.limit ?? 50);
}

/** The personal-data fields the staff view shows (named in the audit log; their values never are). */
const PII_FIELDS = ["realName", "contact", "region"] as const;

/**
 * One application for staff, with the applicant's decrypted personal data. Each view writes a
 * pii_access_log row (who, which application, when, from where) and an audit-log entry
 * (`creators.application.pii.view`, naming the fields shown, never their values) in one transaction
 * before the data is returned, so no view goes unrecorded. When the data was encrypted with a key that is
 * no longer configured, the rest of the application still opens: `pii` is null and `piiKeyMissing` names
 * the key to add back (nothing was shown, so nothing is logged).
 */
export async function getCreatorApplicationForStaff(
  ctx: Pick<AppContext, "db" | "clock" | "config">,
  staff: CurrentUser | null,
  applicationId: string,
  channel: "web" | "api",
): Promise<{ application: ApplicationView; pii: PiiView | null; piiKeyMissing: string | null }> {
  requirePermission(staff, REVIEW_PERMISSION);
  if (!isUuid(applicationId)) throw new AppError("NOT_FOUND", "creators.application.notFound");
  const [row] = await ctx.db.select().from(creatorApplications).where(eq(creatorApplications.id, applicationId));
  if (!row) throw new AppError("NOT_FOUND", "creators.application.notFound");
  const keys = piiKeyring(ctx.config);
  let pii: PiiView;
  try {
    pii = { realName: decryptPii(keys, row.realNameCipher), contact: decryptPii(keys, row.contactCipher), region: decryptPii(keys, row.regionCipher) };
  } catch (error) {
    if (!(error instanceof PiiKeyMissingError)) throw error;
    return { application: (await applicationById(ctx.db, applicationId))!, pii: null, piiKeyMissing: error.keyId };
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(piiAccessLog).values({ viewerId: staff.id, applicationId, channel, at: now });
    await recordAudit(tx, {
      actorId: staff.id,
      action: "creators.application.pii.view",
      subjectType: "creator_application",
      subjectId: applicationId,
      before: null,
      after: { fields: [...PII_FIELDS], channel },
      at: now,
    });
  });
  return { application: (await applicationById(ctx.db, applicationId))!, pii, piiKeyMissing: null };
}

/** Who saw this application's personal data and when, newest first (shown next to the data itself). */
export async function listPiiAccess(
  ctx: Pick<AppContext, "db">,
  staff: CurrentUser | null,
  applicationId: string,
  limit = 20,
): Promise<{ viewer: { handle: string; displayName: string }; channel: string; at: string }[]> {
  requirePermission(staff, REVIEW_PERMISSION);
  if (!isUuid(applicationId)) return [];
  const rows = await ctx.db
    .select({ handle: users.handle, displayName: users.displayName, channel: piiAccessLog.channel, at: piiAccessLog.at })
    .from(piiAccessLog)
    .innerJoin(users, eq(users.id, piiAccessLog.viewerId))
    .where(eq(piiAccessLog.applicationId, applicationId))
    .orderBy(desc(piiAccessLog.at), desc(piiAccessLog.id))
    .limit(limit);
  return rows.map((r) => ({ viewer: { handle: r.handle, displayName: r.displayName }, channel: r.channel, at: r.at.toISOString() }));
}
