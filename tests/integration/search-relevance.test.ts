import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBuiltinEngine, type NoteDocument, type SearchEngine } from "../../search";
import { RELEVANCE_CASES, RELEVANCE_NOTES } from "../fixtures/search-relevance";
import { createTestDatabase, type TestDatabase } from "../setup/database";

/**
 * Relevance of the built-in engine on committed judgements (tests/fixtures/search-relevance.ts):
 * for each Chinese or English query, the notes a person would expect appear in the first five.
 */
describe("search relevance (built-in engine)", () => {
  let db: TestDatabase;
  let engine: SearchEngine;
  const idOf = new Map<string, string>();
  const keyOf = new Map<string, string>();

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = createBuiltinEngine({ db: db.handle.db });
    const docs: NoteDocument[] = RELEVANCE_NOTES.map((n, i) => {
      const id = `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`;
      idOf.set(n.key, id);
      keyOf.set(id, n.key);
      return {
        id,
        title: n.title,
        body: n.body,
        topics: n.topics ?? [],
        category: n.category,
        authorId: "00000000-0000-4000-8000-000000009999",
        authorHandle: "member",
        authorName: "社区成员",
        likes: i,
        publishedAt: Date.parse("2026-11-01T00:00:00Z") + i * 60_000,
      };
    });
    await engine.upsert("notes", docs);
  });
  afterAll(async () => db?.close());

  it("covers at least 30 queries in both languages", () => {
    expect(RELEVANCE_CASES.length).toBeGreaterThanOrEqual(30);
    expect(RELEVANCE_CASES.some((c) => /[a-z]/i.test(c.q))).toBe(true);
    expect(RELEVANCE_CASES.some((c) => /\p{Script=Han}/u.test(c.q))).toBe(true);
  });

  it.each(RELEVANCE_CASES.map((c) => [c.q, c] as const))("%s finds what a person expects in the top five", async (_q, c) => {
    const res = await engine.search("notes", { q: c.q, limit: 5 });
    const top = res.hits.map((h) => keyOf.get(h.id));
    for (const key of c.expect) expect(top, `${c.q} → ${top.join(", ")}`).toContain(key);
    for (const key of c.notExpect ?? []) expect(top).not.toContain(key);
  });
});
