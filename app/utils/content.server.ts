/**
 * The notes and moderation side of the content context as the web UI uses it (the staff pages).
 * Routes import server code only through `.server` modules so none of it can reach the browser bundle.
 */
export {
  addKeyword,
  appealDecision,
  appealSchema,
  createCategory,
  createCategorySchema,
  decideAppeal,
  decideAppealSchema,
  keywordSchema,
  listAppeals,
  listCategories,
  listKeywords,
  listModerationQueue,
  moderate,
  moderateSchema,
  removeKeyword,
  updateCategory,
  updateCategorySchema,
  type AppealView,
  type CategoryView,
  type KeywordView,
  type QueueItem,
} from "../../server/content";
export { can, type CurrentUser } from "../../server/identity";

import { json, type AppLoadContext } from "@remix-run/node";
import { can, type Permission } from "../../server/identity";
import { requireUser } from "./session.server";

/** Signed-in users holding `permission`: visitors are sent to log in, everyone else gets the 403 page. */
export async function requireStaff(request: Request, context: AppLoadContext, permission: Permission = "moderate:post:any") {
  const user = await requireUser(request, context);
  if (!can(user, permission)) throw json(null, { status: 403 });
  return user;
}
