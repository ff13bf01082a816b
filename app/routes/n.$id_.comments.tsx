import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { listComments, listReplies, rethrowAsResponse } from "~/utils/feed.server";
import { getUser } from "~/utils/session.server";

/**
 * The next page of a note's comments (`?cursor=`) or of one comment's replies (`?parent=&cursor=`),
 * fetched by the note page's "more comments" and "展开 N 条回复" buttons. A fan-only note's comments
 * answer 403 to a reader outside the fan group (listComments and listReplies refuse them), as the
 * note page shows that reader the join call instead of the comments.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const url = new URL(request.url);
  const cursor = url.searchParams.get("cursor") ?? undefined;
  const parent = url.searchParams.get("parent");
  const page = await (parent
    ? listReplies(context, parent, user, { cursor, limit: 20 })
    : listComments(context, params.id ?? "", user, { cursor, limit: 20 })
  ).catch(rethrowAsResponse);
  return json({ page });
}
