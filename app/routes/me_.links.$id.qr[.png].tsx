import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderLinkQr, requestOrigin } from "~/components/distribution-links/links.server";
import { rethrowAsResponse } from "~/utils/feed.server";
import { requireUser } from "~/utils/session.server";

/** /me/links/:id/qr.png — the QR code of one of the member's links (another member's link is 404). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const png = await renderLinkQr(context, user, params.id ?? "", { origin: requestOrigin(request) }).catch(rethrowAsResponse);
  return new Response(new Uint8Array(png), {
    status: 200,
    headers: { "Content-Type": "image/png", "Content-Length": String(png.length), "Cache-Control": "private, max-age=3600" },
  });
}
