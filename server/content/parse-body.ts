/**
 * Turns a note's plain-text body into tokens: text, #话题 topics and @mentions. The body is never HTML;
 * the UI renders each token as text or a link, so `<script>` and `javascript:` stay inert text.
 * Pure (no I/O): mentions carry handles only; views resolve them to user ids.
 */

export type BodyToken =
  | { type: "text"; text: string }
  | { type: "topic"; name: string }
  | { type: "mention"; handle: string; userId: string | null };

export interface ParsedBody {
  tokens: BodyToken[];
  /** Distinct topic names (first spelling wins, compared case-insensitively), at most MAX_TOPICS. */
  topicNames: string[];
  /** Distinct mentioned handles as written (compared case-insensitively). */
  mentionHandles: string[];
}

export const MAX_TOPIC_LENGTH = 20;
export const MAX_TOPICS = 10;
/** More mentions than this in one note are left as text, so a note can't page a crowd. */
export const MAX_MENTIONS = 20;

// A topic name: letters of any script (CJK included), combining marks, digits, underscore.
const TOPIC_CHAR = /[\p{L}\p{M}\p{N}_]/u;
// Handles follow identity's HANDLE_PATTERN: a letter, then letters, digits, underscores (3–20 chars).
const HANDLE_RUN = /^[A-Za-z][A-Za-z0-9_]*/;
const HANDLE_OK = /^[A-Za-z][A-Za-z0-9_]{2,19}$/;
// URLs are kept whole as text so "https://x.cn/#a" or "https://x.cn/@b" make no topic or mention.
const URL_RUN = /^(?:https?:\/\/|www\.)[^\s\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+/i;
// "C#", "a@b.com", "&#123;": a marker glued to a Latin word or entity is not a topic or mention.
const GLUED_BEFORE = /[A-Za-z0-9_&.\-/]/;

const isTopicMarker = (ch: string | undefined) => ch === "#" || ch === "＃";
const isMentionMarker = (ch: string | undefined) => ch === "@" || ch === "＠";

export function parseBody(body: string): ParsedBody {
  const tokens: BodyToken[] = [];
  const topicNames: string[] = [];
  const topicKeys = new Set<string>();
  const mentionHandles: string[] = [];
  const mentionKeys = new Set<string>();
  let text = "";
  // Where the last topic ended: a marker right there starts the next topic ("#a#b"), not a glued one.
  let topicEnd = -1;

  const flush = () => {
    if (text) tokens.push({ type: "text", text });
    text = "";
  };

  // Iterate by code point so surrogate pairs (emoji) are never split.
  const chars = Array.from(body);
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i]!;
    const prev = i > 0 ? chars[i - 1] : undefined;
    const glued = prev !== undefined && GLUED_BEFORE.test(prev) && topicEnd !== i;

    if ((ch === "h" || ch === "H" || ch === "w" || ch === "W") && !glued) {
      const match = URL_RUN.exec(chars.slice(i, i + 2048).join(""));
      if (match) {
        text += match[0];
        i += Array.from(match[0]).length;
        continue;
      }
    }

    if (isTopicMarker(ch) && !glued) {
      let j = i + 1;
      while (j < chars.length && TOPIC_CHAR.test(chars[j]!)) j++;
      const name = chars.slice(i + 1, j).join("");
      const length = j - i - 1;
      const key = name.toLowerCase();
      const room = topicKeys.has(key) || topicKeys.size < MAX_TOPICS;
      if (length > 0 && length <= MAX_TOPIC_LENGTH && room) {
        flush();
        tokens.push({ type: "topic", name });
        if (!topicKeys.has(key)) {
          topicKeys.add(key);
          topicNames.push(name);
        }
        // Xiaohongshu-style "#护肤#": a closing marker right after the name belongs to the topic, unless
        // another topic starts there ("#a#b" is two topics).
        if (isTopicMarker(chars[j]) && !(j + 1 < chars.length && TOPIC_CHAR.test(chars[j + 1]!))) j++;
        i = j;
        topicEnd = j;
        continue;
      }
    }

    if (isMentionMarker(ch) && !glued) {
      const rest = chars.slice(i + 1, i + 1 + 40).join("");
      const match = HANDLE_RUN.exec(rest);
      if (match && HANDLE_OK.test(match[0])) {
        const handle = match[0];
        const key = handle.toLowerCase();
        if (mentionKeys.has(key) || mentionKeys.size < MAX_MENTIONS) {
          flush();
          tokens.push({ type: "mention", handle, userId: null });
          if (!mentionKeys.has(key)) {
            mentionKeys.add(key);
            mentionHandles.push(handle);
          }
          i += 1 + handle.length;
          continue;
        }
      }
    }

    text += ch;
    i++;
  }
  flush();
  return { tokens, topicNames, mentionHandles };
}

/** Text that contains a keyword, compared case-insensitively (Chinese keywords match as substrings). */
export function findKeyword(text: string, keywords: readonly string[]): string | null {
  const haystack = text.toLowerCase();
  for (const keyword of keywords) {
    const needle = keyword.trim().toLowerCase();
    if (needle && haystack.includes(needle)) return keyword;
  }
  return null;
}
