/**
 * Word segmentation shared by the built-in engine's indexing and querying (and by the highlighter),
 * so a query is cut exactly as the text it should find was cut. Chinese has no spaces:
 * Intl.Segmenter's ICU dictionary splits 这款口红颜色很好看 into 这|款|口红|颜色|很好|看; Latin text splits
 * on spaces and punctuation. Only word-like segments are kept (no punctuation, no emoji).
 */

/** Intl.Segmenter's cost grows faster than linear with input length; 2 KB pieces keep it linear. */
const CHUNK_CHARS = 2048;
/** Longer "words" are noise (URLs, base64) and would bloat the index. */
const MAX_WORD_CHARS = 40;

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/** Lower-cased, width-folded (ＡＢＣ → abc, full-width digits → ASCII), so case and width never matter. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/** Cuts text into pieces of at most CHUNK_CHARS, preferring whitespace or punctuation as the cut. */
function chunks(text: string): string[] {
  if (text.length <= CHUNK_CHARS) return [text];
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK_CHARS);
    if (end < text.length) {
      const window = text.slice(start + CHUNK_CHARS / 2, end);
      const cut = Math.max(window.search(/[\s。！？，、；.!?,;][^\s。！？，、；.!?,;]*$/u), -1);
      if (cut >= 0) end = start + CHUNK_CHARS / 2 + cut + 1;
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

/** Characters a search term may hold: letters, digits and combining marks. Everything else splits. */
const NON_TERM = /[^\p{L}\p{N}\p{M}]+/gu;

/**
 * The words of `text`, normalised, in order (repeats kept: positions matter for ranking). Each word is
 * made of letters, digits and marks only, so it is safe inside a tsquery without quoting.
 */
export function segmentWords(text: string): string[] {
  const words: string[] = [];
  for (const piece of chunks(normalizeText(text))) {
    for (const s of segmenter.segment(piece)) {
      if (!s.isWordLike) continue;
      for (const part of s.segment.split(NON_TERM)) {
        if (part && part.length <= MAX_WORD_CHARS) words.push(part);
      }
    }
  }
  return words;
}

/** Whether a word is Latin-script (or digits): typo tolerance and prefix matching apply only to these. */
export function isLatinWord(word: string): boolean {
  return /^[\p{Script=Latin}\p{N}]+$/u.test(word);
}

/** Whether a word contains any Han character. */
export function hasHan(word: string): boolean {
  return /\p{Script=Han}/u.test(word);
}

/**
 * Overlapping pairs of Han characters in each run of Chinese text (口红色的 → 口红 红色 色的), in order.
 * Dictionary segmentation depends on context — 口红色 may come out as 口|红色 — so the built-in
 * engine indexes these pairs as well (at the lowest weight), and a query word is also matched as the
 * phrase of its pairs: 口红 is then found inside 口红色 whatever the segmenter did.
 */
export function hanBigrams(text: string): string[] {
  const pairs: string[] = [];
  for (const run of normalizeText(text).match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) pairs.push(chars[i]! + chars[i + 1]!);
  }
  return pairs;
}
