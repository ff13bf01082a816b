import { eq } from "drizzle-orm";
import { campaigns, challenges } from "../../../db/schema";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { parseInput } from "../../identity/parse-input";
import { requireReadyUploads } from "../../media";
import { recordAudit } from "../../ops";
import { localDate } from "../../shared/clock";
import { AppError, isAppError } from "../../shared/errors";
import { isUuid, updateCampaignSchema, type CampaignView, type UpdateCampaignInput } from "./schemas";
import { campaignViewById, findCampaign, mayManage, statusAt } from "./views";

const invalid = (field: string, message: string) => new AppError("VALIDATION_FAILED", "validationFailed", { fields: { [field]: [message] } });

/**
 * Edits a campaign's title, brief, dates or cover before it ends: staff any campaign, a creator their
 * own. Once it has started its start is history and stays; the end must stay in the future and after
 * the start. A check-in challenge campaign moves its challenge's words and days along. The row is
 * locked for the change, which is audited with the fields before and after (only those that changed).
 * Ended or cancelled: 409.
 */
export async function updateCampaign(ctx: AppContext, user: CurrentUser | null, campaignId: string, input: UpdateCampaignInput): Promise<CampaignView> {
  if (!user) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  if (!isUuid(campaignId)) throw new AppError("NOT_FOUND", "campaigns.notFound");
  const found = await findCampaign(ctx.db, campaignId);
  if (!found || (found.status === "draft" && !mayManage(user, found))) throw new AppError("NOT_FOUND", "campaigns.notFound");
  if (!mayManage(user, found)) throw new AppError("FORBIDDEN", "forbidden");
  const data = parseInput(updateCampaignSchema, input);
  // A new cover must be the editor's own ready image; the one already there stays whoever uploaded it.
  if (data.coverUploadId && data.coverUploadId !== found.coverUploadId) {
    try {
      await requireReadyUploads(ctx.db, user.id, [data.coverUploadId], { kinds: ["image"] });
    } catch (e) {
      if (isAppError(e)) throw invalid("coverUploadId", "campaigns.cover");
      throw e;
    }
  }
  const now = ctx.clock.now();
  const tz = ctx.config.platformTimeZone;

  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(campaigns).where(eq(campaigns.id, campaignId)).for("update");
    const status = statusAt(row!, now);
    if (status === "cancelled") throw new AppError("CONFLICT", "campaigns.cancelled");
    if (status === "ended") throw new AppError("CONFLICT", "campaigns.edit.ended");
    const startsAt = data.startsAt ? new Date(data.startsAt) : row!.startsAt;
    const endsAt = data.endsAt ? new Date(data.endsAt) : row!.endsAt;
    if (status === "active" && startsAt.getTime() !== row!.startsAt.getTime()) throw invalid("startsAt", "campaigns.startsAt.started");
    if (endsAt <= startsAt) throw invalid("endsAt", "campaigns.window");
    if (endsAt <= now) throw invalid("endsAt", "campaigns.endsAt.past");

    const next = {
      title: data.title ?? row!.title,
      brief: data.brief ?? row!.brief,
      coverUploadId: data.coverUploadId === undefined ? row!.coverUploadId : data.coverUploadId,
      startsAt,
      endsAt,
    };
    const fields = ["title", "brief", "coverUploadId", "startsAt", "endsAt"] as const;
    const plain = (v: string | Date | null) => (v instanceof Date ? v.toISOString() : v);
    const changed = fields.filter((f) => plain(next[f]) !== plain(row![f]));
    if (changed.length === 0) return;

    if (row!.challengeId) {
      const startsOn = localDate(startsAt, tz);
      const endsOn = localDate(endsAt, tz);
      const spanDays = Math.round((Date.parse(`${endsOn}T00:00:00Z`) - Date.parse(`${startsOn}T00:00:00Z`)) / 86_400_000) + 1;
      const [challenge] = await tx.select({ requiredDays: challenges.requiredDays }).from(challenges).where(eq(challenges.id, row!.challengeId));
      if (challenge && challenge.requiredDays > spanDays) throw invalid("endsAt", "campaigns.requiredDays.span");
      await tx.update(challenges).set({ title: next.title, description: next.brief, startsOn, endsOn, updatedAt: now }).where(eq(challenges.id, row!.challengeId));
    }
    await tx
      .update(campaigns)
      .set({ ...next, updatedAt: now })
      .where(eq(campaigns.id, campaignId));
    await recordAudit(tx, {
      actorId: user.id,
      action: "creators.campaign.updated",
      subjectType: "campaign",
      subjectId: campaignId,
      before: Object.fromEntries(changed.map((f) => [f, plain(row![f])])),
      after: Object.fromEntries(changed.map((f) => [f, plain(next[f])])),
      at: now,
    });
  });
  return (await campaignViewById(ctx.db, campaignId, now, user))!;
}
