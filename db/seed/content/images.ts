import sharp from "sharp";
import type { SeededRandom } from "./random";

/**
 * Pictures for the demo, drawn locally (SVG rendered by sharp — nothing is downloaded): soft gradients
 * with a few simple shapes in each vertical's palette. A small set is rendered once and reused by many
 * notes, which keeps a first start fast; each note still gets its own upload rows and objects.
 */

export const COVER_WIDTH = 900;
export const COVER_HEIGHT = 1200;
export const AVATAR_SIZE = 480;

/** One rendition, as it will be stored: bytes, size and type. */
export interface Rendition {
  bytes: Buffer;
  width: number;
  height: number;
  mime: string;
}

/** A rendered picture: the original (JPEG, as a phone would upload it) and its named renditions. */
export interface RenderedImage {
  original: Rendition;
  variants: Record<string, Rendition>;
}

/** What renditions to make, mirroring what completing a real upload makes (see server/media). */
export interface VariantSpec {
  readonly name: string;
  readonly width: number;
  readonly square?: boolean;
}

type Palette = readonly [string, string, string];

/** Shapes that hint at a vertical without words: a lipstick, a bowl, a phone, a lamp, a hanger… */
const MOTIFS: Record<string, (rng: SeededRandom, accent: string) => string> = {
  beauty: (rng, a) => {
    const x = rng.int(260, 520);
    return `<rect x="${x}" y="520" width="130" height="330" rx="22" fill="${a}" opacity="0.85"/>
      <path d="M${x + 15} 520 L${x + 15} 430 Q${x + 65} 370 ${x + 115} 420 L${x + 115} 520 Z" fill="${a}" opacity="0.6"/>
      <circle cx="${x + 300}" cy="${rng.int(380, 520)}" r="${rng.int(90, 140)}" fill="#ffffff" opacity="0.55"/>`;
  },
  food: (rng, a) => {
    const cy = rng.int(560, 660);
    return `<ellipse cx="450" cy="${cy}" rx="300" ry="90" fill="#ffffff" opacity="0.8"/>
      <path d="M170 ${cy} Q450 ${cy + 330} 730 ${cy} Z" fill="${a}" opacity="0.8"/>
      <circle cx="${rng.int(360, 420)}" cy="${cy - 40}" r="46" fill="#ffffff" opacity="0.7"/>
      <circle cx="${rng.int(480, 540)}" cy="${cy - 55}" r="38" fill="${a}" opacity="0.5"/>`;
  },
  digital: (rng, a) => {
    const x = rng.int(240, 360);
    return `<rect x="${x}" y="330" width="300" height="560" rx="46" fill="#1f2937" opacity="0.82"/>
      <rect x="${x + 20}" y="360" width="260" height="490" rx="30" fill="${a}" opacity="0.75"/>
      <circle cx="${x + 450}" cy="${rng.int(700, 820)}" r="70" fill="#ffffff" opacity="0.6"/>`;
  },
  home: (rng, a) => {
    const x = rng.int(300, 420);
    return `<path d="M${x} 360 L${x + 180} 360 L${x + 240} 520 L${x - 60} 520 Z" fill="${a}" opacity="0.75"/>
      <rect x="${x + 80}" y="520" width="20" height="330" fill="#5d4037" opacity="0.6"/>
      <rect x="${x - 20}" y="840" width="220" height="30" rx="15" fill="#5d4037" opacity="0.45"/>
      <circle cx="${x + 90}" cy="470" r="${rng.int(130, 180)}" fill="#fff8e1" opacity="0.35"/>`;
  },
  fashion: (rng, a) => {
    const x = 450 + rng.int(-60, 60);
    return `<path d="M${x} 330 Q${x + 30} 330 ${x + 30} 360 Q${x + 30} 385 ${x} 400 L${x - 230} 560 L${x + 230} 560 Z" fill="none" stroke="#374151" stroke-width="10" opacity="0.55"/>
      <path d="M${x - 150} 560 L${x + 150} 560 L${x + 220} 900 L${x - 220} 900 Z" fill="${a}" opacity="0.78"/>`;
  },
  baby: (rng, a) => {
    const cy = rng.int(560, 640);
    return `<circle cx="330" cy="${cy - 170}" r="70" fill="${a}" opacity="0.75"/>
      <circle cx="570" cy="${cy - 170}" r="70" fill="${a}" opacity="0.75"/>
      <circle cx="450" cy="${cy}" r="210" fill="${a}" opacity="0.85"/>
      <circle cx="385" cy="${cy - 20}" r="18" fill="#374151" opacity="0.7"/>
      <circle cx="515" cy="${cy - 20}" r="18" fill="#374151" opacity="0.7"/>
      <ellipse cx="450" cy="${cy + 60}" rx="52" ry="38" fill="#ffffff" opacity="0.8"/>`;
  },
  sports: (rng, a) => {
    const y = rng.int(540, 640);
    return `<rect x="250" y="${y}" width="400" height="36" rx="18" fill="#374151" opacity="0.6"/>
      <rect x="200" y="${y - 90}" width="70" height="216" rx="20" fill="${a}" opacity="0.85"/>
      <rect x="630" y="${y - 90}" width="70" height="216" rx="20" fill="${a}" opacity="0.85"/>
      <circle cx="${rng.int(300, 600)}" cy="330" r="90" fill="#ffffff" opacity="0.5"/>`;
  },
  travel: (rng, a) => {
    const peak = rng.int(380, 520);
    return `<circle cx="${rng.int(560, 720)}" cy="330" r="110" fill="#ffffff" opacity="0.7"/>
      <path d="M0 900 L${peak} 480 L${peak + 220} 720 L${peak + 330} 600 L900 900 Z" fill="${a}" opacity="0.8"/>
      <path d="M0 900 L220 700 L420 900 Z" fill="${a}" opacity="0.5"/>`;
  },
};

/** An SVG cover for a vertical: background gradient, a soft light, drifting circles, the motif, a wave. */
export function coverSvg(rng: SeededRandom, categorySlug: string, palette: Palette, width = COVER_WIDTH, height = COVER_HEIGHT): string {
  const [from, to, accent] = palette;
  const bubbles = Array.from({ length: rng.int(3, 6) }, () => {
    const r = rng.int(30, 120);
    return `<circle cx="${rng.int(0, width)}" cy="${rng.int(0, height)}" r="${r}" fill="${rng.chance(0.5) ? "#ffffff" : accent}" opacity="${(0.12 + rng.next() * 0.25).toFixed(2)}"/>`;
  }).join("");
  const waveY = rng.int(960, 1060);
  const motif = (MOTIFS[categorySlug] ?? MOTIFS.home!)(rng, accent);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 900 1200" preserveAspectRatio="xMidYMid slice">
  <defs>
    <linearGradient id="bg" x1="${rng.next().toFixed(2)}" y1="0" x2="${rng.next().toFixed(2)}" y2="1">
      <stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/>
    </linearGradient>
    <radialGradient id="light" cx="${(0.2 + rng.next() * 0.6).toFixed(2)}" cy="0.25" r="0.7">
      <stop offset="0" stop-color="#ffffff" stop-opacity="0.65"/><stop offset="1" stop-color="#ffffff" stop-opacity="0"/>
    </radialGradient>
  </defs>
  <rect width="900" height="1200" fill="url(#bg)"/>
  <rect width="900" height="1200" fill="url(#light)"/>
  ${bubbles}
  ${motif}
  <path d="M0 ${waveY} Q225 ${waveY - rng.int(40, 90)} 450 ${waveY} T900 ${waveY} V1200 H0 Z" fill="${accent}" opacity="0.28"/>
</svg>`;
}

/** A round-faced avatar: a gradient disc with a simple face, so members are told apart at a glance. */
export function avatarSvg(rng: SeededRandom, palette: Palette): string {
  const [from, to, accent] = palette;
  const eyeY = rng.int(200, 220);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${AVATAR_SIZE}" height="${AVATAR_SIZE}" viewBox="0 0 480 480">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
  <rect width="480" height="480" fill="url(#bg)"/>
  <circle cx="240" cy="250" r="${rng.int(140, 165)}" fill="${accent}" opacity="0.85"/>
  <circle cx="${rng.int(190, 200)}" cy="${eyeY}" r="14" fill="#ffffff"/>
  <circle cx="${rng.int(280, 290)}" cy="${eyeY}" r="14" fill="#ffffff"/>
  <path d="M190 ${eyeY + 70} Q240 ${eyeY + rng.int(95, 115)} 290 ${eyeY + 70}" stroke="#ffffff" stroke-width="12" fill="none" stroke-linecap="round"/>
</svg>`;
}

/**
 * Renders an SVG to a JPEG original and WebP renditions made the way completing an upload makes them
 * (width-limited, never enlarged; square crops for avatars).
 */
export async function renderImage(svg: string, variants: readonly VariantSpec[]): Promise<RenderedImage> {
  const { data, info } = await sharp(Buffer.from(svg)).jpeg({ quality: 84 }).toBuffer({ resolveWithObject: true });
  const original: Rendition = { bytes: data, width: info.width, height: info.height, mime: "image/jpeg" };
  const out: Record<string, Rendition> = {};
  for (const spec of variants) {
    const pipeline = spec.square
      ? sharp(data).resize(spec.width, spec.width, { fit: "cover" })
      : sharp(data).resize({ width: spec.width, withoutEnlargement: true });
    const r = await pipeline.webp({ quality: 82 }).toBuffer({ resolveWithObject: true });
    out[spec.name] = { bytes: r.data, width: r.info.width, height: r.info.height, mime: "image/webp" };
  }
  return { original, variants: out };
}

/** Runs `work` over `items` with at most `limit` at a time, in order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  });
  await Promise.all(lanes);
  return results;
}
