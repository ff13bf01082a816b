import type { AppLoadContext } from "@remix-run/node";
import { brandDisclosures, lockedPostIds } from "../../../server/creators";
import type { CurrentUser } from "../../../server/identity";

/** Whether the reader may not see a fan-only note, and the brand of a brand campaign it is entered in. */
export async function noteCampaignState(context: AppLoadContext, postId: string, viewer: CurrentUser | null): Promise<{ locked: boolean; disclosure: string | null }> {
  const [locked, brands] = await Promise.all([lockedPostIds(context.db, [postId], viewer?.id), brandDisclosures(context.db, [postId])]);
  return { locked: locked.has(postId), disclosure: brands.get(postId) ?? null };
}
