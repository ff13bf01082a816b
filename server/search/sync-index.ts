import { z } from "zod";
import type { Transaction } from "../../db/client";
import { createSearchEngine } from "../../search";
import { CONTENT_EVENTS } from "../content/events";
import { IDENTITY_EVENTS } from "../identity/events";
import { defineConsumer } from "../jobs/consumer";
import { loadNoteDocuments, loadUserDocuments, noteIdsByAuthor } from "./documents";

const postRef = z.object({ postId: z.uuid() });
const userRef = z.object({ userId: z.uuid(), changed: z.array(z.string()).optional() });

/**
 * Keeps the notes index in step with notes. Whatever the event says, the handler reads the note as
 * it is now and writes (or deletes) its document, so events arriving late, twice or out of order all
 * end in the right state. With the built-in engine the index write is part of the delivery's
 * transaction; with Meilisearch it is an idempotent upsert by id. Either way a failure only retries
 * the delivery (with backoff) — the author's write committed long before.
 */
export const searchIndexNotes = defineConsumer({
  name: "search.indexNotes",
  events: [
    CONTENT_EVENTS.postPublished,
    CONTENT_EVENTS.postUpdated,
    CONTENT_EVENTS.postHidden,
    CONTENT_EVENTS.postRemoved,
    CONTENT_EVENTS.postRestored,
    CONTENT_EVENTS.postDeleted,
  ],
  async handle(tx, event, ctx) {
    const { postId } = postRef.parse(event.payload);
    await syncNotes(tx, ctx.config, [postId]);
  },
});

/**
 * Keeps the members index in step with sign-ups and profile edits; a new handle or name also
 * re-indexes that member's notes, which are searchable by author.
 */
export const searchIndexUsers = defineConsumer({
  name: "search.indexUsers",
  events: [IDENTITY_EVENTS.userSignedUp, IDENTITY_EVENTS.profileUpdated],
  async handle(tx, event, ctx) {
    const { userId, changed } = userRef.parse(event.payload);
    const engine = createSearchEngine(ctx.config, tx);
    const [doc] = await loadUserDocuments(tx, { ids: [userId] });
    if (doc) await engine.upsert("users", [doc]);
    else await engine.delete("users", [userId]);
    if (changed && !changed.some((f) => f === "handle" || f === "displayName")) return;
    for (let after: string | null = null; ; ) {
      const ids = await noteIdsByAuthor(tx, userId, after, 500);
      if (ids.length === 0) break;
      await syncNotes(tx, ctx.config, ids);
      after = ids[ids.length - 1]!;
    }
  },
});

async function syncNotes(tx: Transaction, config: Parameters<typeof createSearchEngine>[0], postIds: string[]) {
  const engine = createSearchEngine(config, tx);
  const docs = await loadNoteDocuments(tx, { ids: postIds });
  const found = new Set(docs.map((d) => d.id));
  await engine.upsert("notes", docs);
  await engine.delete("notes", postIds.filter((id) => !found.has(id)));
}

export const searchConsumers = [searchIndexNotes, searchIndexUsers];
