import type { AppLoadContext } from "@remix-run/node";
import type { CurrentUser } from "../../../server/identity";
import { listUserPosts } from "../../../server/content";
import { SAMPLE_POSTS_MAX } from "../../../server/creators/applications/schemas";
import type { SampleNoteOption } from "./sample-note-picker";

export { SAMPLE_POSTS_MAX };

/** How many of the applicant's latest notes the picker looks through (one page of their profile). */
const LOOK_BACK = 50;

/**
 * The applicant's own published notes, newest first, for the sample picker: cover and title. Drafts and
 * notes under moderation are left out, as applyAsCreator would refuse them.
 */
export async function sampleNoteOptions(context: AppLoadContext, user: CurrentUser): Promise<SampleNoteOption[]> {
  const page = await listUserPosts(context, user.id, user, { limit: LOOK_BACK });
  return page.items
    .filter((p) => p.status === "published")
    .map((p) => ({ id: p.id, title: p.title, coverUrl: p.cover?.thumbUrl ?? null, publishedAt: p.publishedAt }));
}
