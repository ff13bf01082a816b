import { eq } from "drizzle-orm";
import { creatorApplications } from "../../../db/schema";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import type { ApplicationView } from "./schemas";
import { applicationViews } from "./views";

/** The caller's latest application (with its timeline and trial progress), or null if they never applied. */
export async function getMyCreatorApplication(ctx: Pick<AppContext, "db">, user: CurrentUser | null): Promise<ApplicationView | null> {
  requirePermission(user, "apply:creator:own");
  return (await applicationViews(ctx.db, eq(creatorApplications.applicantId, user.id), 1))[0] ?? null;
}
