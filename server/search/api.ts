import { defineOperation } from "../http/api/define-operation";
import { searchInputSchema, searchResultSchema } from "./schemas";
import { search } from "./search";

/** search: notes and members (products join with the distribution context). */
export const searchOperations = [
  defineOperation({
    operationId: "search",
    method: "get",
    path: "/search",
    summary: "Search notes or members, Chinese and English, with typo tolerance for Latin words",
    description:
      "`type` is notes (default) or users. Notes can be narrowed to a category slug (an unknown one finds " +
      "nothing); `categories` holds match counts per category for the query. Highlights are offset ranges " +
      "into the returned text, never markup. Page with `nextCursor` (as `cursor`) or `page`; at most 1,000 " +
      "results are reachable. A blank or over-long `q` is 422.",
    tags: ["search"],
    auth: "public",
    query: searchInputSchema,
    response: searchResultSchema,
    handler: ({ ctx, user, query }) => search(ctx, query, user),
  }),
];
