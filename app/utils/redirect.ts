/**
 * A redirect target that stays on this site: a path starting with one "/" (not "//" or "/\",
 * which browsers treat as another host). Anything else becomes `fallback`, so a crafted
 * `?redirectTo=https://evil.example` can't send a freshly logged-in user away.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Control characters (e.g. a tab inside "/\t/evil.example") are stripped by URL parsers.
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback; // eslint-disable-line no-control-regex
  return to;
}

/** `/login?redirectTo=<current page>` for a request that needs a signed-in user. */
export function loginPath(request: Request): string {
  const url = new URL(request.url);
  const here = url.pathname + url.search;
  return here === "/" ? "/login" : `/login?${new URLSearchParams({ redirectTo: here })}`;
}
