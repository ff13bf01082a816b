import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCertificate, renderCertificatePng } from "~/components/badges/badges.server";
import { rethrowAsResponse } from "~/utils/feed.server";

/**
 * /certificates/:code.png — the certificate's share image, rendered on the server (SVG → PNG with
 * sharp) with a QR code to the verification page. Cached for an hour, not forever: a revocation
 * changes the picture. The ETag names the grant's state, so a revalidation is cheap.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const certificate = await getCertificate(context, params.code ?? "").catch(rethrowAsResponse);
  const etag = `"cert-${certificate.code}-${certificate.valid ? "v" : "r"}-${Date.parse(certificate.grantedAt)}"`;
  const headers = {
    "Cache-Control": "public, max-age=3600, stale-while-revalidate=86400",
    ETag: etag,
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const origin = context.config.publicUrl ?? new URL(request.url).origin;
  const png = await renderCertificatePng(certificate, `${origin}/certificates/${certificate.code}`, context.config.platformTimeZone);
  return new Response(new Uint8Array(png), { status: 200, headers: { ...headers, "Content-Type": "image/png", "Content-Length": String(png.length) } });
}
