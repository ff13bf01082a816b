/**
 * The load scenarios of `npm run bench`. Each is measured against the baseline route serving the same
 * number of bytes, in the same run. Later features add their scenarios here.
 */
export interface BenchFixtures {
  /** A personal access token of the seeded bench member. */
  memberToken: string;
}

export interface Scenario {
  name: string;
  /** Path on the server, with its query string. */
  path: string;
  method?: "GET" | "POST";
  headers?: (f: BenchFixtures) => Record<string, string>;
  body?: (f: BenchFixtures) => string;
  /** Status every response must have, or the scenario is reported as broken. */
  expectStatus?: number;
}

export const scenarios: Scenario[] = [
  { name: "log-in page", path: "/login", expectStatus: 200 },
  {
    name: "getMe (API, bearer token)",
    path: "/api/v1/me",
    headers: (f) => ({ authorization: `Bearer ${f.memberToken}` }),
    expectStatus: 200,
  },
];
