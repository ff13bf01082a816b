import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { createDistributionLink, hasDistributionRights, listDistributionLinks, requestOrigin } from "~/components/distribution-links/links.server";
import { isAppError } from "../../server/shared/errors";
import { getUser, requireUser } from "~/utils/session.server";

/**
 * The share panel's endpoint. GET: may the member share, and their live link to this target if they
 * have one (the panel hides itself for members without rights). POST: create (or reuse) the link and go
 * to its page; without rights, to /me/links, which explains the paths to them.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  if (!user) return json({ canShare: false, link: null });
  const url = new URL(request.url);
  const targetType = url.searchParams.get("targetType");
  const targetId = url.searchParams.get("targetId");
  const canShare = await hasDistributionRights(context.db, user.id);
  if (!canShare) return json({ canShare, link: null });
  const links = await listDistributionLinks(context, user, {}, { origin: requestOrigin(request) });
  const link = links.find((l) => l.target.type === targetType && l.target.id === targetId);
  return json({ canShare, link: link ? { id: link.id, url: link.url } : null }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = await request.formData();
  try {
    const { link } = await createDistributionLink(
      context,
      user,
      { targetType: String(form.get("targetType") ?? "") as "product", targetId: String(form.get("targetId") ?? "") },
      { origin: requestOrigin(request) },
    );
    return redirect(`/me/links/${link.id}?new=1`);
  } catch (error) {
    if (isAppError(error) && error.code === "FORBIDDEN") return redirect("/me/links?denied=1");
    if (isAppError(error) && error.status < 500) throw json({ code: error.code }, { status: error.status });
    throw error;
  }
}
