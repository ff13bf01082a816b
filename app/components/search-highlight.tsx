import type { HighlightedView } from "~/utils/search.server";

/**
 * Text with its matched ranges wrapped in <mark>. The ranges are offsets from the search engine, and
 * every piece is rendered as text: a note's own "<b>" stays visible characters, never markup.
 */
export function Highlight({ value, fallback }: { value: HighlightedView | undefined; fallback?: string }) {
  if (!value || !value.text) return <>{fallback ?? ""}</>;
  const parts: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [start, end] of value.ranges) {
    if (start < at || end > value.text.length || end <= start) continue;
    if (start > at) parts.push({ text: value.text.slice(at, start), mark: false });
    parts.push({ text: value.text.slice(start, end), mark: true });
    at = end;
  }
  if (at < value.text.length) parts.push({ text: value.text.slice(at), mark: false });
  return (
    <>
      {value.cropped && !value.text.startsWith("…") ? "…" : null}
      {parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
      {value.cropped ? "…" : null}
    </>
  );
}
