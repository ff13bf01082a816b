import sharp from "sharp";
import { toString as qrSvg } from "qrcode";
import type { AppContext } from "../../context";
import type { CurrentUser } from "../../identity";
import { findOwnLink } from "./list-links";
import { shareOrigin } from "./views";

/*
 * A link's QR code and share poster, drawn as SVG and rendered to PNG by sharp (librsvg) — the same
 * approach as the badge certificates — with the CJK fonts installed on the server.
 */

const FONT = "WenQuanYi Zen Hei, Noto Sans CJK SC, sans-serif";
export const POSTER_WIDTH = 750;
export const POSTER_HEIGHT = 1200;

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);

/** Splits a title into at most `lines` lines of `max` width units (CJK characters count double), with an ellipsis. */
function wrap(text: string, max: number, lines: number): string[] {
  const out: string[] = [];
  let line = "";
  let width = 0;
  for (const ch of text) {
    const w = (ch.codePointAt(0) ?? 0) < 0x100 ? 1 : 2;
    if (width + w > max) {
      out.push(line);
      if (out.length === lines) {
        out[lines - 1] = `${out[lines - 1]!.slice(0, -1)}…`;
        return out;
      }
      line = "";
      width = 0;
    }
    line += ch;
    width += w;
  }
  if (line) out.push(line);
  return out;
}

/** ¥12.90 — the poster is always Chinese, like the product page it points to. */
const yuan = (cents: number) => `¥${(cents / 100).toFixed(2)}`;

async function qrMarkup(url: string, x: number, y: number, size: number): Promise<string> {
  return (await qrSvg(url, { type: "svg", margin: 0, errorCorrectionLevel: "M", color: { dark: "#1f1f23", light: "#ffffff" } }))
    .replace(/<\?xml[^>]*>/, "")
    .replace(/<svg /, `<svg x="${x}" y="${y}" width="${size}" height="${size}" `);
}

/** The QR code of a link's short URL, 480 px square with a quiet zone, for printing or saving. */
export async function renderLinkQr(ctx: Pick<AppContext, "db" | "config">, user: CurrentUser, linkId: string, options: { origin?: string | null } = {}): Promise<Buffer> {
  const link = await findOwnLink(ctx, user, linkId);
  const url = `${shareOrigin(ctx, options.origin)}/d/${link.code}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="480" viewBox="0 0 480 480"><rect width="480" height="480" fill="#ffffff"/>${await qrMarkup(url, 40, 40, 400)}</svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 8 }).toBuffer();
}

/** The target's picture, cropped square for the poster, as a data URI (null when there is none or it can't be read). */
async function coverDataUri(ctx: Pick<AppContext, "storage">, key: string | null): Promise<string | null> {
  if (!key) return null;
  try {
    const bytes = await ctx.storage.get(key);
    if (!bytes) return null;
    const jpeg = await sharp(bytes).resize(670, 670, { fit: "cover" }).jpeg({ quality: 82 }).toBuffer();
    return `data:image/jpeg;base64,${jpeg.toString("base64")}`;
  } catch {
    return null; // a missing or unreadable image leaves a plain panel, never a broken poster
  }
}

/**
 * The share poster of one of the caller's links (750×1200): the product image or note cover, the
 * title, the price (products), who recommends it, and a QR code to the short link.
 */
export async function renderLinkPoster(
  ctx: Pick<AppContext, "db" | "config" | "storage">,
  user: CurrentUser,
  linkId: string,
  options: { origin?: string | null } = {},
): Promise<Buffer> {
  const link = await findOwnLink(ctx, user, linkId);
  const url = `${shareOrigin(ctx, options.origin)}/d/${link.code}`;
  const cover = await coverDataUri(ctx, link.imageKey);
  const titleLines = wrap(link.title || "种草好物", 30, 2);
  const price = link.priceCents !== null ? `<text x="40" y="880" font-size="48" fill="#d4213a" font-weight="bold">${yuan(link.priceCents)}</text>` : "";
  const kind = link.targetType === "product" ? "好物推荐" : "笔记分享";
  const image = cover
    ? `<image x="40" y="40" width="670" height="670" href="${cover}" preserveAspectRatio="xMidYMid slice" clip-path="url(#r)"/>`
    : `<rect x="40" y="40" width="670" height="670" rx="24" fill="#fde8eb"/><text x="375" y="400" text-anchor="middle" font-size="64" fill="#d4213a">${kind}</text>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${POSTER_WIDTH}" height="${POSTER_HEIGHT}" viewBox="0 0 ${POSTER_WIDTH} ${POSTER_HEIGHT}" font-family="${FONT}">
  <defs><clipPath id="r"><rect x="40" y="40" width="670" height="670" rx="24"/></clipPath></defs>
  <rect width="${POSTER_WIDTH}" height="${POSTER_HEIGHT}" fill="#ffffff"/>
  ${image}
  ${titleLines.map((l, i) => `<text x="40" y="${775 + i * 48}" font-size="36" fill="#1f1f23" font-weight="bold">${escapeXml(l)}</text>`).join("\n  ")}
  ${price}
  <line x1="40" x2="710" y1="920" y2="920" stroke="#ececf0" stroke-width="2"/>
  <text x="40" y="990" font-size="30" fill="#1f1f23">${escapeXml(wrap(user.displayName, 22, 1)[0] ?? "")}的${kind}</text>
  <text x="40" y="1040" font-size="24" fill="#6b6b76">长按识别二维码 · Scan to open</text>
  <text x="40" y="1140" font-size="22" fill="#9a9aa3" letter-spacing="4">SEEDBED · 种草社区</text>
  <rect x="520" y="950" width="190" height="190" rx="12" fill="#ffffff" stroke="#e6e6ea"/>
  ${await qrMarkup(url, 535, 965, 160)}
</svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 8 }).toBuffer();
}
