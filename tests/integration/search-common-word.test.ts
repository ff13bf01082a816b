import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBuiltinEngine, type NoteDocument, type SearchEngine } from "../../search";
import { createTestDatabase, type TestDatabase } from "../setup/database";

/**
 * A word hundreds of notes share (口红 on a beauty community): the built-in engine ranks the most popular
 * few hundred matches by relevance and lists the rest by popularity. Paging must still show every
 * match exactly once, and page 1 must still put the notes that say the words best first.
 */
describe("the built-in engine on a common word", () => {
  let db: TestDatabase;
  let engine: SearchEngine;
  const T0 = Date.parse("2026-11-01T00:00:00Z");
  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  const note = (n: number, fields: Partial<NoteDocument>): NoteDocument => ({
    id: id(n),
    title: "",
    body: "",
    topics: [],
    category: n % 2 ? "beauty" : "fashion",
    authorId: id(99_999),
    authorHandle: "xiaohong",
    authorName: "小红",
    likes: 0,
    publishedAt: T0 + n * 60_000,
    ...fields,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = createBuiltinEngine({ db: db.handle.db });
    await engine.prepare();
    const notes: NoteDocument[] = [];
    // 420 notes that mention 口红 in passing, with popularity spread out …
    for (let n = 1; n <= 420; n++) notes.push(note(n, { title: `今日好物分享 ${n}`, body: `化妆包里有粉底、眉笔，还有一支口红。`, likes: n }));
    // … and one popular note that is all about it.
    notes.push(note(500, { title: "口红试色：十支口红的真实对比", body: "口红口红口红，黄皮口红推荐。", likes: 1_000 }));
    await engine.upsert("notes", notes);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("shows every match exactly once across pages, through and past the ranked pool", async () => {
    const seen: string[] = [];
    let total = 0;
    for (let offset = 0; offset < 1_000; offset += 40) {
      const page = await engine.search("notes", { q: "口红", limit: 40, offset });
      total = page.total;
      if (page.hits.length === 0) break;
      seen.push(...page.hits.map((h) => h.id));
    }
    expect(total).toBe(421);
    expect(seen).toHaveLength(421);
    expect(new Set(seen).size).toBe(421);
  });

  it("puts the note about the word first and counts the facets over every match", async () => {
    const page = await engine.search("notes", { q: "口红", limit: 5 });
    expect(page.hits[0]?.id).toBe(id(500));
    expect(page.facets).toEqual({ beauty: 210, fashion: 211 });
    const narrowed = await engine.search("notes", { q: "口红", limit: 100, facetValue: "fashion" });
    expect(narrowed.total).toBe(211);
    expect(narrowed.hits.map((h) => Number(h.id.slice(-12)) % 2)).toEqual(Array(100).fill(0));
  });
});
