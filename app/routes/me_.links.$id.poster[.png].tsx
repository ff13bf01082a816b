import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderLinkPoster, requestOrigin } from "~/components/distribution-links/links.server";
import { rethrowAsResponse } from "~/utils/feed.server";
import { requireUser } from "~/utils/session.server";

/**
 * /me/links/:id/poster.png — the share poster of one of the member's links (product image or note
 * cover, title, price, the member's name, QR). Private: it names the member and carries their link.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const png = await renderLinkPoster(context, user, params.id ?? "", { origin: requestOrigin(request) }).catch(rethrowAsResponse);
  return new Response(new Uint8Array(png), {
    status: 200,
    headers: { "Content-Type": "image/png", "Content-Length": String(png.length), "Cache-Control": "private, max-age=600" },
  });
}
