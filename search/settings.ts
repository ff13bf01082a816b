/**
 * Index settings as code: what each index searches, filters, sorts and how it ranks. Both engines
 * read these — Meilisearch as its index settings, the built-in engine as column weights, synonym
 * expansion and typo rules — so a change here changes search everywhere.
 *
 * Bump SEARCH_INDEX_VERSION whenever a change needs every document rebuilt (a new field, a different
 * segmentation, new weights): at the next start the app sees the stored version is older and
 * rebuilds the index in the background while the old one keeps answering.
 */
export const SEARCH_INDEX_VERSION = 1;

/** Index names. Products join with the distribution context: add "products" here and a document type. */
export const INDEX_NAMES = ["notes", "users"] as const;
export type IndexName = (typeof INDEX_NAMES)[number];

/** A published note as search sees it. Times are epoch milliseconds (Meilisearch sorts numbers). */
export interface NoteDocument {
  id: string;
  title: string;
  body: string;
  topics: string[];
  /** Category slug, the facet. */
  category: string | null;
  authorId: string;
  authorHandle: string;
  authorName: string;
  likes: number;
  publishedAt: number;
}

/** A member as search sees them. Creator categories and tier join with the creators context. */
export interface UserDocument {
  id: string;
  handle: string;
  displayName: string;
  bio: string;
  followers: number;
  joinedAt: number;
}

export interface DocumentTypes {
  notes: NoteDocument;
  users: UserDocument;
}
export type AnyDocument = DocumentTypes[IndexName];

/** Relevance first (default), newest first, or most liked / followed first. */
export const SEARCH_SORTS = ["relevance", "latest", "popular"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export type Weight = "A" | "B" | "C" | "D";

export interface IndexSettings<D> {
  /** Searched fields, most important first (Meilisearch's attribute ranking order; built-in weights). */
  searchable: { field: keyof D & string; weight: Weight }[];
  /** The one field filters and facet counts use (a category), or null when the index has none yet. */
  facet: (keyof D & string) | null;
  /** The numeric fields behind "latest" and "popular". */
  sortTime: keyof D & string;
  sortCount: keyof D & string;
  /** A long field shown as a snippet around the first match instead of whole. */
  cropField: (keyof D & string) | null;
}

export const INDEX_SETTINGS: { [I in IndexName]: IndexSettings<DocumentTypes[I]> } = {
  notes: {
    searchable: [
      { field: "title", weight: "A" },
      { field: "topics", weight: "B" },
      { field: "category", weight: "B" },
      { field: "authorName", weight: "B" },
      { field: "authorHandle", weight: "B" },
      { field: "body", weight: "C" },
    ],
    facet: "category",
    sortTime: "publishedAt",
    sortCount: "likes",
    cropField: "body",
  },
  users: {
    searchable: [
      { field: "handle", weight: "A" },
      { field: "displayName", weight: "A" },
      { field: "bio", weight: "C" },
    ],
    facet: null,
    sortTime: "joinedAt",
    sortCount: "followers",
    cropField: "bio",
  },
};

/**
 * Words that find each other, both ways: a search for one also matches the others. Kept short and
 * about the verticals the community actually talks about.
 */
export const SYNONYMS: readonly (readonly string[])[] = [
  ["口红", "唇膏", "lipstick"],
  ["面霜", "乳霜", "cream"],
  ["粉底", "粉底液", "foundation"],
  ["防晒", "防晒霜", "sunscreen"],
  ["咖啡", "coffee"],
  ["耳机", "earphones", "headphones"],
  ["手机", "phone"],
  ["跑步", "running"],
  ["露营", "camping"],
  ["护肤", "skincare"],
];

/**
 * Typo tolerance for Latin words, as Meilisearch counts it: none below 5 letters, one typo from 5,
 * two from 9. Chinese words are matched exactly (a "typo" in Chinese is a different word).
 */
export const TYPO_TOLERANCE = { oneTypo: 5, twoTypos: 9 } as const;

export function allowedTypos(word: string): number {
  if (word.length >= TYPO_TOLERANCE.twoTypos) return 2;
  if (word.length >= TYPO_TOLERANCE.oneTypo) return 1;
  return 0;
}

/** Results are paged up to this depth, as Meilisearch's maxTotalHits bounds it. */
export const MAX_TOTAL_HITS = 1000;
/** Longest query the engines see; longer input is cut (the API refuses it before that). */
export const MAX_QUERY_WORDS = 12;
