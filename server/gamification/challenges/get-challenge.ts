import { and, asc, eq } from "drizzle-orm";
import { challengeCheckins } from "../../../db/schema";
import type { AppContext } from "../../context";
import { userSummaries } from "../../content";
import { AppError } from "../../shared/errors";
import type { ChallengeDetail } from "./schemas";
import { challengeSummaries, findChallenge, publicSummary, todayOf } from "./views";

/** One challenge as its page shows it: anyone may read it; a participant also sees their days. */
export async function getChallenge(ctx: AppContext, id: string, viewer: { id: string } | null): Promise<ChallengeDetail> {
  const row = await findChallenge(ctx.db, id);
  if (!row) throw new AppError("NOT_FOUND", "challenges.notFound");
  const today = todayOf(ctx);
  const [summary] = await challengeSummaries(ctx.db, [row.id], viewer?.id ?? null, today);
  const [createdBy] = await userSummaries(ctx, [row.createdBy]);
  const myDates =
    viewer && summary!.me
      ? (
          await ctx.db
            .select({ localDate: challengeCheckins.localDate })
            .from(challengeCheckins)
            .where(and(eq(challengeCheckins.challengeId, row.id), eq(challengeCheckins.userId, viewer.id)))
            .orderBy(asc(challengeCheckins.localDate))
        ).map((r) => r.localDate)
      : [];
  return { ...publicSummary(summary!), rules: row.rules, createdBy: createdBy ?? null, myDates };
}
