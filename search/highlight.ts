import type { Highlighted } from "./engine";
import { hasHan, normalizeText } from "./segment";

/** Characters of a snippet cut around the first match of a long field. */
export const CROP_CHARS = 80;

/**
 * Finds where `terms` occur in `text` and returns the text (or a snippet around the first match when
 * `crop` is set and the text is long) with the matching ranges. Chinese terms match anywhere; Latin
 * terms match at the start of a word (so "lip" marks "Lipstick" but not "tulip"). Matching is on the
 * normalised text; NFKC keeps lengths for CJK and ASCII, and a character whose normalised form has a
 * different length simply isn't marked, never mis-marked.
 */
export function highlight(text: string, terms: readonly string[], crop: boolean): Highlighted {
  const lower = text.toLowerCase();
  const folded = normalizeText(text);
  const haystack = folded.length === text.length ? folded : lower;
  let ranges: [number, number][] = [];
  for (const term of new Set(terms)) {
    if (!term) continue;
    let from = 0;
    while (from <= haystack.length - term.length) {
      const at = haystack.indexOf(term, from);
      if (at < 0) break;
      const wordStart = at === 0 || hasHan(term) || !/[\p{L}\p{N}]/u.test(haystack[at - 1]!);
      if (wordStart) ranges.push([at, at + term.length]);
      from = at + term.length;
    }
  }
  ranges = mergeRanges(ranges);
  if (!crop || text.length <= CROP_CHARS) return { text, ranges, cropped: false };

  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(CROP_CHARS / 4));
  const end = Math.min(text.length, start + CROP_CHARS);
  start = Math.max(0, end - CROP_CHARS);
  return {
    text: text.slice(start, end),
    ranges: ranges.filter(([a, b]) => a >= start && b <= end).map(([a, b]) => [a - start, b - start]),
    cropped: start > 0 || end < text.length,
  };
}

/** Sorted, non-overlapping ranges. */
export function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * Turns text an engine marked with `pre`/`post` control characters into structured highlights. Used
 * for Meilisearch's `_formatted` fields: the markers are characters that cannot occur in our
 * documents, so a document can never forge a highlight or inject markup.
 */
export function parseMarked(marked: string, pre: string, post: string, cropMarker: string): Highlighted {
  let text = "";
  const ranges: [number, number][] = [];
  let open: number | null = null;
  for (const ch of marked) {
    if (ch === pre) open = text.length;
    else if (ch === post) {
      if (open !== null && text.length > open) ranges.push([open, text.length]);
      open = null;
    } else text += ch;
  }
  const cropped = text.startsWith(cropMarker) || text.endsWith(cropMarker);
  if (cropped && text.startsWith(cropMarker)) {
    const n = cropMarker.length;
    text = text.slice(n);
    for (const r of ranges) {
      r[0] -= n;
      r[1] -= n;
    }
  }
  if (cropped && text.endsWith(cropMarker)) text = text.slice(0, text.length - cropMarker.length);
  return { text, ranges: ranges.filter(([a, b]) => a >= 0 && b <= text.length), cropped };
}

/** Damerau–Levenshtein distance (optimal string alignment), stopping early once above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = v;
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}
