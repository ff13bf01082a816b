/**
 * The load scenarios of `npm run bench`. Each is measured against the baseline route serving the same
 * number of bytes, in the same run; a scenario with `compareTo` is also reported as a ratio to that
 * other scenario (a deep page against page 1). Later features add their scenarios here.
 */
export interface BenchFixtures {
  /** A personal access token of the seeded bench member. */
  memberToken: string;
  /** The bench member's session cookie (`name=value`), set by logging in once the server is up. */
  memberCookie: string;
  /** A popular note with a comment thread. */
  noteId: string;
  /** The member's recommended feed, continued after 999 pages of 20. */
  deepCursor: string;
  /** Notes the bench member has not liked (the likers almost never have), for a likePost that writes. */
  likeTargets: string[];
  /** Access tokens of other members, so concurrent likes come from many people, as they do in life. */
  likerTokens: string[];
  /** A product on sale with stock for any run length, for createOrder (absent in databases seeded before it). */
  productId?: string;
  /** The code of a distribution link to that product, for /d/<code> (absent in databases seeded before it). */
  linkCode?: string;
}

export interface Scenario {
  name: string;
  /** Path on the server, with its query string. */
  path: (f: BenchFixtures) => string;
  method?: "GET" | "POST";
  headers?: (f: BenchFixtures) => Record<string, string>;
  body?: (f: BenchFixtures) => string;
  /**
   * A fresh path (and headers) for every request — a different note, a different member — so a write
   * is never a no-op repeat; `path` and `headers` are then only what the probe request uses.
   */
  nextRequest?: (f: BenchFixtures) => () => { path: string; headers: Record<string, string> };
  /** Status every response must have, or the scenario is reported as broken. */
  expectStatus?: number;
  /** Another scenario's name: the report adds this one's latency and throughput as a ratio to it. */
  compareTo?: string;
  /**
   * Concurrent connections for this scenario (default BENCH_CONNECTIONS). One connection measures the
   * latency a single user sees, without the queueing ten connections on two cores add.
   */
  connections?: number;
}

const bearer = (f: BenchFixtures) => ({ authorization: `Bearer ${f.memberToken}` });

export const scenarios: Scenario[] = [
  { name: "log-in page", path: () => "/login", expectStatus: 200 },
  { name: "getMe (API, bearer token)", path: () => "/api/v1/me", headers: bearer, expectStatus: 200 },
  // A visitor's landing page: the public 推荐 ranking, rendered once per FEED_CACHE_SECONDS for every
  // visitor (server/http/visitor-page-cache.ts). The signed-in page below is personal and rendered each time.
  { name: "home feed SSR (recommended, visitor)", path: () => "/", expectStatus: 200 },
  {
    name: "home feed SSR (recommended, signed in)",
    path: () => "/?tab=recommended",
    headers: (f) => ({ cookie: f.memberCookie }),
    expectStatus: 200,
  },
  { name: "note page SSR", path: (f) => `/n/${f.noteId}`, headers: (f) => ({ cookie: f.memberCookie }), expectStatus: 200 },
  { name: "getFeed (API, recommended, page 1)", path: () => "/api/v1/feed?tab=recommended", headers: bearer, expectStatus: 200 },
  {
    name: "getFeed (API, recommended, page 1,000)",
    path: (f) => `/api/v1/feed?tab=recommended&cursor=${encodeURIComponent(f.deepCursor)}`,
    headers: bearer,
    expectStatus: 200,
    compareTo: "getFeed (API, recommended, page 1)",
  },
  {
    name: "likePost (API, many members, a different note each time)",
    method: "POST",
    path: (f) => `/api/v1/posts/${f.likeTargets[0]}/like`,
    nextRequest: (f) => {
      // Starts after the probe's note; wraps around (then repeats are no-ops) only if the run outlasts the pool.
      let i = 1;
      return () => {
        const n = i++;
        return {
          path: `/api/v1/posts/${f.likeTargets[n % f.likeTargets.length]}/like`,
          headers: { authorization: `Bearer ${f.likerTokens[n % f.likerTokens.length]}` },
        };
      };
    },
    headers: bearer,
    expectStatus: 200,
  },
  {
    // Every order takes a unit of the same product: the hot row a popular product is, with its
    // conditional stock UPDATE, the order and line inserts and the attribution lookup per request.
    name: "createOrder (API, many members, one popular product)",
    method: "POST",
    path: () => "/api/v1/orders",
    headers: (f) => ({ ...bearer(f), "content-type": "application/json" }),
    body: (f) => JSON.stringify({ productId: f.productId, quantity: 1 }),
    nextRequest: (f) => {
      let i = 0;
      return () => ({ path: "/api/v1/orders", headers: { authorization: `Bearer ${f.likerTokens[i++ % f.likerTokens.length]}`, "content-type": "application/json" } });
    },
    expectStatus: 201,
  },
  // The share link everyone clicks: each request a new visitor (no cookie), so every click is recorded,
  // counted and moves the link's counters — the most a viral link costs — against a bare Express 302.
  { name: "Express floor (302 with a cookie)", path: () => "/bench/express-floor", expectStatus: 302 },
  {
    name: "distribution redirect /d/<code> (a new visitor each time)",
    path: (f) => `/d/${f.linkCode}`,
    expectStatus: 302,
    compareTo: "Express floor (302 with a cookie)",
  },
  // Search: the naive ILIKE scan first, so the engine's scenario can be reported as a ratio to it.
  { name: "search baseline (naive ILIKE scan, 口红)", path: () => `/search/ilike-baseline?q=${encodeURIComponent("口红")}`, expectStatus: 200 },
  {
    name: "search (API, built-in engine unless MEILI_HOST, 口红)",
    path: () => `/api/v1/search?q=${encodeURIComponent("口红")}`,
    headers: bearer,
    expectStatus: 200,
    compareTo: "search baseline (naive ILIKE scan, 口红)",
  },
  {
    name: "search (API, Chinese and a Latin typo: 保湿 lipstik)",
    path: () => `/api/v1/search?q=${encodeURIComponent("保湿 lipstik")}`,
    headers: bearer,
    expectStatus: 200,
  },
  // Latency as one searcher sees it (the p95 target), one connection at a time.
  {
    name: "search latency (API, 1 connection, 口红)",
    path: () => `/api/v1/search?q=${encodeURIComponent("口红")}`,
    headers: bearer,
    expectStatus: 200,
    connections: 1,
  },
  {
    name: "search latency (API, 1 connection, 保湿 lipstik)",
    path: () => `/api/v1/search?q=${encodeURIComponent("保湿 lipstik")}`,
    headers: bearer,
    expectStatus: 200,
    connections: 1,
  },
];
