import type { LoaderFunctionArgs } from "@remix-run/node";

const pages = new Map<number, string>();

/**
 * The benchmark baseline: a bare Remix route returning static HTML of a requested byte size, so each
 * scenario of `npm run bench` is compared with the cost of serving the same bytes through Remix.
 * Off unless BENCH_ROUTES=1.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!context.config.benchRoutes) throw new Response("Not Found", { status: 404 });
  const bytes = Math.min(Math.max(Number(new URL(request.url).searchParams.get("bytes")) || 1024, 64), 5_000_000);
  let html = pages.get(bytes);
  if (!html) {
    const head = "<!DOCTYPE html><html><head><title>baseline</title></head><body><p>";
    const tail = "</p></body></html>";
    html = head + "x".repeat(Math.max(0, bytes - head.length - tail.length)) + tail;
    pages.set(bytes, html);
  }
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}
