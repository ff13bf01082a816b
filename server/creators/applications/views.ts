import { and, asc, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { categories, creatorApplicationEvents, creatorApplications, posts, users, type CreatorApplication } from "../../../db/schema";
import type { ApplicationView } from "./schemas";

/** Published, undeleted notes of the applicant in the trial's category between its start and deadline. */
export async function trialNoteCount(db: Queryable, app: Pick<CreatorApplication, "applicantId" | "trialCategoryId" | "trialStartedAt" | "trialDeadline">): Promise<number> {
  if (!app.trialCategoryId || !app.trialStartedAt || !app.trialDeadline) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(posts)
    .where(
      and(
        eq(posts.authorId, app.applicantId),
        eq(posts.categoryId, app.trialCategoryId),
        eq(posts.status, "published"),
        isNull(posts.deletedAt),
        gte(posts.publishedAt, app.trialStartedAt),
        lte(posts.publishedAt, app.trialDeadline),
      ),
    );
  return Number(row?.n ?? 0);
}

/** Applications as the pages and the API show them (never the personal data), newest first. */
export async function applicationViews(db: Queryable, where: SQL | undefined, limit = 50): Promise<ApplicationView[]> {
  const rows = await db
    .select({ a: creatorApplications, handle: users.handle, displayName: users.displayName })
    .from(creatorApplications)
    .innerJoin(users, eq(users.id, creatorApplications.applicantId))
    .where(where)
    .orderBy(desc(creatorApplications.createdAt), asc(creatorApplications.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.a.id);
  const events = await db.select().from(creatorApplicationEvents).where(inArray(creatorApplicationEvents.applicationId, ids)).orderBy(asc(creatorApplicationEvents.at), asc(creatorApplicationEvents.id));
  const categoryIds = [...new Set(rows.map((r) => r.a.trialCategoryId).filter((v): v is string => v !== null))];
  const cats = categoryIds.length ? await db.select().from(categories).where(inArray(categories.id, categoryIds)) : [];
  const views: ApplicationView[] = [];
  for (const { a, handle, displayName } of rows) {
    let trial: ApplicationView["trial"] = null;
    if (a.trialStartedAt && a.trialDeadline && a.trialRequiredNotes) {
      const cat = cats.find((c) => c.id === a.trialCategoryId);
      trial = {
        category: cat ? { id: cat.id, slug: cat.slug, nameZh: cat.nameZh, nameEn: cat.nameEn } : null,
        requiredNotes: a.trialRequiredNotes,
        publishedNotes: await trialNoteCount(db, a),
        startedAt: a.trialStartedAt.toISOString(),
        deadline: a.trialDeadline.toISOString(),
        outcome: a.trialPassedAt ? "passed" : a.trialFailedAt ? "failed" : "running",
      };
    }
    views.push({
      id: a.id,
      applicant: { id: a.applicantId, handle, displayName },
      status: a.status,
      categories: a.categories,
      talents: a.talents,
      platformAccounts: a.platformAccounts,
      sampleNotes: a.sampleNotes,
      samplePostIds: a.samplePostIds,
      trial,
      reason: a.reason,
      decidedAt: a.decidedAt?.toISOString() ?? null,
      reapplyAfter: a.reapplyAfter?.toISOString() ?? null,
      createdAt: a.createdAt.toISOString(),
      events: events
        .filter((e) => e.applicationId === a.id)
        .map((e) => ({ kind: e.kind, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note, at: e.at.toISOString() })),
    });
  }
  return views;
}

export async function applicationById(db: Queryable, id: string): Promise<ApplicationView | null> {
  return (await applicationViews(db, eq(creatorApplications.id, id), 1))[0] ?? null;
}
