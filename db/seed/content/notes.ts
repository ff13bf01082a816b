import { fill, type SeededRandom } from "./random";
import {
  CATEGORY_VOCABULARY,
  CLOSERS,
  COMMENTS,
  DRAWBACK_SENTENCES,
  DURATIONS,
  IMPRESSION_SENTENCES,
  MENTION_SENTENCES,
  OPENERS,
  PRICE_SENTENCES,
  QUESTIONS,
  REPLIES,
  SMALL_NUMBERS,
  TIP_LEADS,
  type CategoryVocabulary,
} from "./vocabulary";

export const NOTE_TITLE_MAX = 50;
export const NOTE_BODY_MIN = 80;
export const NOTE_BODY_MAX = 600;

export interface GeneratedNote {
  categorySlug: string;
  title: string;
  /** Plain text with #话题 and @mentions, as a member would type it. */
  body: string;
  /** The product the note is about, for comments that refer to it. */
  product: string;
  audience: string;
}

export function vocabularyOf(slug: string): CategoryVocabulary {
  const found = CATEGORY_VOCABULARY.find((c) => c.slug === slug);
  if (!found) throw new Error(`No demo vocabulary for category ${slug}`);
  return found;
}

/**
 * One 种草 note about something in `categorySlug`: a title from the vertical's templates and a body of
 * an opener, impressions, price or drawback, a routine detail, a tip and a closer — then an optional
 * thank-you mention and the topics line. Lengths stay inside what the note form accepts.
 */
export function generateNote(rng: SeededRandom, categorySlug: string, mentionable: readonly string[]): GeneratedNote {
  const v = vocabularyOf(categorySlug);
  const [desc, desc2] = rng.sample(v.impressions, 2) as [string, string];
  const values = {
    p: rng.pick(v.products),
    s: rng.pick(v.scenes),
    d: rng.pick(DURATIONS),
    price: rng.pick(v.prices),
    who: rng.pick(v.audiences),
    desc,
    desc2,
    con: rng.pick(v.drawbacks),
    n: rng.pick(SMALL_NUMBERS),
  };
  let title = fill(rng.pick(v.titles), values);
  if (Array.from(title).length > NOTE_TITLE_MAX) title = Array.from(title).slice(0, NOTE_TITLE_MAX).join("");

  const sentences: string[] = [fill(rng.pick(OPENERS), values), fill(rng.pick(IMPRESSION_SENTENCES), values)];
  if (rng.chance(0.6)) sentences.push(fill(rng.pick(v.details), values));
  sentences.push(fill(rng.pick(rng.chance(0.5) ? PRICE_SENTENCES : DRAWBACK_SENTENCES), values));
  if (rng.chance(0.7)) sentences.push(`${rng.pick(TIP_LEADS)}${rng.pick(v.tips)}`);
  sentences.push(fill(rng.pick(CLOSERS), values));

  // Paragraphs of one or two sentences, the way notes are written on a phone.
  const paragraphs: string[] = [];
  for (let i = 0; i < sentences.length; ) {
    const take = rng.chance(0.4) ? 2 : 1;
    paragraphs.push(sentences.slice(i, i + take).join(""));
    i += take;
  }
  if (mentionable.length > 0 && rng.chance(0.35)) {
    paragraphs.push(fill(rng.pick(MENTION_SENTENCES), { h: rng.pick(mentionable) }));
  }
  const topics = rng.sample(v.topics, rng.int(2, 4));
  const topicLine = topics.map((t) => `#${t}`).join(" ");

  let body = [...paragraphs, topicLine].join("\n\n");
  // Trim whole paragraphs from the middle if a long combination overshoots; the topics line stays.
  while (Array.from(body).length > NOTE_BODY_MAX && paragraphs.length > 2) {
    paragraphs.splice(paragraphs.length - 2, 1);
    body = [...paragraphs, topicLine].join("\n\n");
  }
  if (Array.from(body).length < NOTE_BODY_MIN) {
    body = [...paragraphs, rng.pick(v.tips), topicLine].join("\n\n");
  }
  return { categorySlug, title, body, product: values.p, audience: values.who };
}

/** A top-level comment on a note: a reaction, or a question someone may answer. */
export function generateComment(rng: SeededRandom, note: Pick<GeneratedNote, "product" | "audience">): { body: string; isQuestion: boolean } {
  const isQuestion = rng.chance(0.3);
  const template = rng.pick(isQuestion ? QUESTIONS : COMMENTS);
  return { body: fill(template, { p: note.product, who: note.audience }), isQuestion };
}

export function generateReply(rng: SeededRandom): string {
  return rng.pick(REPLIES);
}
