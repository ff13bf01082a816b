import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { runMigrations } from "../../db/migrate";
import {
  createBuiltinEngine,
  createMeilisearchEngine,
  MAX_TOTAL_HITS,
  SEARCH_INDEX_VERSION,
  type NoteDocument,
  type SearchEngine,
  type UserDocument,
} from "../../search";
import { createTestDatabase, type TestDatabase } from "../setup/database";

/**
 * One behaviour, every engine: the same suite runs against the built-in engine on PostgreSQL and on
 * PGlite always, and against Meilisearch whenever MEILI_HOST is set.
 */
interface EngineUnderTest {
  engine: SearchEngine;
  close(): Promise<void>;
}

const T0 = Date.parse("2026-11-01T00:00:00Z");
const HOUR = 3_600_000;

function note(id: number, fields: Partial<NoteDocument>): NoteDocument {
  return {
    id: uuid(id),
    title: "",
    body: "",
    topics: [],
    category: "beauty",
    authorId: uuid(900),
    authorHandle: "xiaohong",
    authorName: "小红",
    likes: 0,
    publishedAt: T0 + id * HOUR,
    ...fields,
  };
}

function uuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
}

const NOTES: NoteDocument[] = [
  note(1, { title: "这支口红颜色很好看", body: "黄皮也能驾驭，滋润不拔干。", likes: 50 }),
  note(2, { title: "秋冬面霜推荐", body: "这款面霜很保湿，干皮救星。", likes: 10 }),
  note(3, { title: "My favourite lipstick", body: "A matte lipstick that lasts all day.", likes: 5 }),
  note(4, { title: "手冲咖啡入门", body: "磨豆、闷蒸、注水，三步做出好咖啡。", category: "food", likes: 30 }),
  note(5, { title: "降噪耳机横评", body: "通勤党必看。", category: "tech", topics: ["数码好物"], likes: 80 }),
  note(6, { title: "周末露营清单", body: "帐篷、天幕和一壶咖啡。", category: "travel", likes: 1 }),
];

const USERS: UserDocument[] = [
  { id: uuid(901), handle: "coffee_lin", displayName: "林间咖啡", bio: "每天一杯手冲。", followers: 120, joinedAt: T0 },
  { id: uuid(902), handle: "lipstick_amy", displayName: "Amy 口红控", bio: "Lipstick swatches every week.", followers: 30, joinedAt: T0 + HOUR },
];

const titleOf = (id: string) => NOTES.find((n) => n.id === id)?.title;

function engineContract(name: string, create: () => Promise<EngineUnderTest>) {
  describe(name, () => {
    let subject: EngineUnderTest;
    let engine: SearchEngine;

    beforeAll(async () => {
      subject = await create();
      engine = subject.engine;
      await engine.prepare();
      await engine.upsert("notes", NOTES);
      await engine.upsert("users", USERS);
    });
    afterAll(async () => subject?.close());

    it("finds a note saying 这支口红… when searching 口红", async () => {
      const res = await engine.search("notes", { q: "口红" });
      expect(res.hits.map((h) => titleOf(h.id))).toContain("这支口红颜色很好看");
    });

    it("finds 面霜很保湿 when searching 保湿面霜 (words in another order)", async () => {
      const res = await engine.search("notes", { q: "保湿面霜" });
      expect(res.hits[0]?.id).toBe(uuid(2));
    });

    it("forgives a typo in a Latin word: lipstik finds lipstick", async () => {
      const res = await engine.search("notes", { q: "lipstik" });
      expect(res.hits.map((h) => h.id)).toContain(uuid(3));
    });

    it("treats the last word as a prefix while typing: lipst finds lipstick", async () => {
      const res = await engine.search("notes", { q: "lipst" });
      expect(res.hits.map((h) => h.id)).toContain(uuid(3));
    });

    it("marks matches as ranges into the returned text, never as markup", async () => {
      const res = await engine.search("notes", { q: "口红" });
      const hit = res.hits.find((h) => h.id === uuid(1))!;
      const title = hit.highlights.title!;
      expect(title.ranges.length).toBeGreaterThan(0);
      expect(title.ranges.map(([a, b]) => title.text.slice(a, b))).toContain("口红");
      expect(title.text).not.toContain("<");
      expect([...title.text].some((ch) => ch.charCodeAt(0) < 0x20)).toBe(false);
    });

    it("counts matches per category and narrows to one", async () => {
      const all = await engine.search("notes", { q: "咖啡" });
      expect(all.facets).toEqual({ food: 1, travel: 1 });
      expect(all.total).toBe(2);
      const food = await engine.search("notes", { q: "咖啡", facetValue: "food" });
      expect(food.hits.map((h) => h.id)).toEqual([uuid(4)]);
      expect(food.total).toBe(1);
      // Counts for the chips stay those of the whole query.
      expect(food.facets).toEqual({ food: 1, travel: 1 });
    });

    it("finds nothing in a category that doesn't exist", async () => {
      const res = await engine.search("notes", { q: "咖啡", facetValue: "no-such-category" });
      expect(res.hits).toEqual([]);
      expect(res.total).toBe(0);
    });

    it("sorts by newest and by most liked on request", async () => {
      const latest = await engine.search("notes", { q: "咖啡", sort: "latest" });
      expect(latest.hits.map((h) => h.id)).toEqual([uuid(6), uuid(4)]);
      const popular = await engine.search("notes", { q: "咖啡", sort: "popular" });
      expect(popular.hits.map((h) => h.id)).toEqual([uuid(4), uuid(6)]);
    });

    it("pages without repeating or skipping a hit", async () => {
      const many = Array.from({ length: 25 }, (_, i) => note(100 + i, { title: `露营装备 第${i + 1}篇`, category: "travel" }));
      await engine.upsert("notes", many);
      const seen: string[] = [];
      for (let offset = 0; offset < 40; offset += 10) {
        const page = await engine.search("notes", { q: "露营", offset, limit: 10 });
        seen.push(...page.hits.map((h) => h.id));
      }
      expect(seen).toHaveLength(26);
      expect(new Set(seen).size).toBe(26);
      const beyond = await engine.search("notes", { q: "露营", offset: MAX_TOTAL_HITS + 5 });
      expect(beyond.hits).toEqual([]);
      await engine.delete("notes", many.map((n) => n.id));
    });

    it("replaces a document on upsert and forgets it on delete", async () => {
      await engine.upsert("notes", [note(7, { title: "防晒霜测评" })]);
      expect((await engine.search("notes", { q: "防晒霜" })).hits.map((h) => h.id)).toEqual([uuid(7)]);
      await engine.upsert("notes", [note(7, { title: "卸妆油测评" })]);
      expect((await engine.search("notes", { q: "防晒霜" })).hits).toEqual([]);
      expect((await engine.search("notes", { q: "卸妆油" })).hits.map((h) => h.id)).toEqual([uuid(7)]);
      await engine.delete("notes", [uuid(7), uuid(7)]);
      await engine.delete("notes", [uuid(7)]); // deleting twice is fine
      expect((await engine.search("notes", { q: "卸妆油" })).hits).toEqual([]);
    });

    it("searches members by name, handle and bio", async () => {
      expect((await engine.search("users", { q: "林间" })).hits.map((h) => h.id)).toEqual([uuid(901)]);
      expect((await engine.search("users", { q: "coffee_lin" })).hits.map((h) => h.id)).toContain(uuid(901));
      expect((await engine.search("users", { q: "swatches" })).hits.map((h) => h.id)).toEqual([uuid(902)]);
      expect((await engine.search("users", { q: "口红" })).facets).toBeNull();
    });

    it("answers blank, punctuation-only and operator-laden queries without an error", async () => {
      for (const q of ["", "   ", "!!!", "'; drop table posts; --", "a & b | !c", "(口红", "lip:*", "\\", "%_", ".*+?^${}()|[]", "口红".repeat(500)]) {
        const res = await engine.search("notes", { q });
        expect(Array.isArray(res.hits)).toBe(true);
      }
    });

    it("rebuilds without leaving documents that are no longer in the source, and records the version", async () => {
      await engine.upsert("notes", [note(8, { title: "旧笔记：香水" })]);
      const keep = NOTES;
      async function* batches() {
        yield keep.slice(0, 3);
        yield keep.slice(3);
      }
      const progress: number[] = [];
      const result = await engine.reindex("notes", { total: keep.length, batches: batches() }, (done) => progress.push(done));
      expect(result.documents).toBe(keep.length);
      expect(progress.at(-1)).toBe(keep.length);
      expect((await engine.search("notes", { q: "香水" })).hits).toEqual([]);
      expect((await engine.search("notes", { q: "口红" })).hits.map((h) => h.id)).toContain(uuid(1));
      expect(await engine.indexVersion("notes")).toBe(SEARCH_INDEX_VERSION);
    });

    it("keeps the old contents when a rebuild fails half-way", async () => {
      async function* failing() {
        yield NOTES.slice(0, 1);
        throw new Error("source failed");
      }
      await expect(engine.reindex("notes", { total: NOTES.length, batches: failing() })).rejects.toThrow("source failed");
      expect((await engine.search("notes", { q: "咖啡" })).total).toBe(2);
    });
  });
}

engineContract("built-in engine on PostgreSQL", async () => {
  const db: TestDatabase = await createTestDatabase();
  return { engine: createBuiltinEngine({ db: db.handle.db }), close: () => db.close() };
});

engineContract("built-in engine on PGlite", async () => {
  const handle: DatabaseHandle = await openDatabase({ kind: "pglite", dir: "memory://" });
  await runMigrations(handle);
  return { engine: createBuiltinEngine({ db: handle.db }), close: () => handle.close() };
});

const MEILI_HOST = process.env.MEILI_HOST;
if (MEILI_HOST) {
  engineContract(`Meilisearch at ${MEILI_HOST}`, async () => {
    const db = await createTestDatabase();
    const prefix = `test_${crypto.randomBytes(4).toString("hex")}_`;
    const engine = createMeilisearchEngine({ host: MEILI_HOST, apiKey: process.env.MEILI_KEY, db: db.handle.db, prefix });
    return { engine, close: () => db.close() };
  });
} else {
  describe("Meilisearch", () => {
    it.skip("runs the same contract when MEILI_HOST is set (skipped: MEILI_HOST is not set on this machine)", () => {});
  });
}
