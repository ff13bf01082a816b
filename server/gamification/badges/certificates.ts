import { eq } from "drizzle-orm";
import sharp from "sharp";
import { toString as qrSvg } from "qrcode";
import { badgeGrants, badges } from "../../../db/schema";
import type { AppContext } from "../../context";
import { userSummaries } from "../../content/views";
import { localDate } from "../../shared/clock";
import { AppError } from "../../shared/errors";
import { badgeSummaryOf } from "./badge-rows";
import { formatCertificateCode } from "./certificate-code";
import { TIER_COLOURS, badgeIconPaths } from "./icons";
import { CERTIFICATE_CODE_PATTERN, type CertificateView } from "./schemas";

/**
 * The public verification page of a grant: who holds which badge since when, and whether it still
 * stands. The code is the only key (random, 100 bits), so anyone holding the link may verify it and
 * nobody can list certificates. An unknown or malformed code is a 404.
 */
export async function getCertificate(ctx: Pick<AppContext, "db">, code: string): Promise<CertificateView> {
  const normalised = code.trim().toUpperCase().replace(/-/g, "");
  if (!CERTIFICATE_CODE_PATTERN.test(normalised)) throw new AppError("NOT_FOUND", "badges.certificate.notFound");
  const [row] = await ctx.db
    .select({ grant: badgeGrants, badge: badges })
    .from(badgeGrants)
    .innerJoin(badges, eq(badges.id, badgeGrants.badgeId))
    .where(eq(badgeGrants.certificateCode, normalised));
  if (!row) throw new AppError("NOT_FOUND", "badges.certificate.notFound");
  const [member] = await userSummaries(ctx, [row.grant.userId]);
  if (!member) throw new AppError("NOT_FOUND", "badges.certificate.notFound");
  return {
    code: normalised,
    valid: row.grant.revokedAt === null,
    revokedAt: row.grant.revokedAt ? row.grant.revokedAt.toISOString() : null,
    grantedAt: row.grant.grantedAt.toISOString(),
    seq: row.grant.seq,
    badge: { ...badgeSummaryOf(row.badge), descriptionZh: row.badge.descriptionZh, descriptionEn: row.badge.descriptionEn, certificate: row.badge.certificate },
    member,
  };
}

export const CERTIFICATE_WIDTH = 750;
export const CERTIFICATE_HEIGHT = 1000;
const FONT = "WenQuanYi Zen Hei, Noto Sans CJK SC, sans-serif";

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);

/** Cuts a name to what fits a line (CJK characters count double). */
function fit(text: string, max: number): string {
  let width = 0;
  let out = "";
  for (const ch of text) {
    width += (ch.codePointAt(0) ?? 0) < 0x100 ? 1 : 2;
    if (width > max) return `${out}…`;
    out += ch;
  }
  return out;
}

/**
 * The share image of a certificate, as SVG: the badge medal in its tier colours, the member's name,
 * the date, the certificate number and a QR code to the verification URL. Rendered to PNG by sharp
 * (librsvg); the text uses the CJK fonts installed on the server.
 */
export async function certificateSvg(cert: CertificateView, verifyUrl: string, timeZone: string): Promise<string> {
  const colours = TIER_COLOURS[cert.badge.tier];
  const qr = (await qrSvg(verifyUrl, { type: "svg", margin: 0, errorCorrectionLevel: "M", color: { dark: "#1f1f23", light: "#ffffff" } }))
    .replace(/<\?xml[^>]*>/, "")
    .replace(/<svg /, '<svg x="525" y="765" width="150" height="150" ');
  const icon = badgeIconPaths(cert.badge.icon)
    .map((d) => `<path d="${escapeXml(d)}"/>`)
    .join("");
  const date = localDate(new Date(cert.grantedAt), timeZone);
  const [y, m, d] = date.split("-");
  const title = cert.badge.certificate ? "认证证书" : "徽章证书";
  const status = cert.valid ? "" : `<text x="375" y="700" text-anchor="middle" font-size="30" fill="#d4213a" font-weight="bold">已撤销 REVOKED</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CERTIFICATE_WIDTH}" height="${CERTIFICATE_HEIGHT}" viewBox="0 0 ${CERTIFICATE_WIDTH} ${CERTIFICATE_HEIGHT}" font-family="${FONT}">
  <rect width="750" height="1000" fill="#fffaf5"/>
  <rect x="24" y="24" width="702" height="952" rx="28" fill="none" stroke="${colours.ring}" stroke-width="4"/>
  <rect x="40" y="40" width="670" height="920" rx="20" fill="none" stroke="${colours.ring}" stroke-width="1.5" stroke-dasharray="6 6"/>
  <text x="375" y="120" text-anchor="middle" font-size="26" fill="#6b6b76" letter-spacing="6">SEEDBED · 种草社区</text>
  <text x="375" y="180" text-anchor="middle" font-size="52" fill="#1f1f23" font-weight="bold" letter-spacing="8">${title}</text>
  <circle cx="375" cy="330" r="96" fill="${colours.fill}" stroke="${colours.ring}" stroke-width="10"/>
  <g transform="translate(315 270) scale(5)" fill="none" stroke="${colours.ink}" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round">${icon}</g>
  <text x="375" y="490" text-anchor="middle" font-size="44" fill="${colours.ink}" font-weight="bold">${escapeXml(fit(cert.badge.nameZh, 20))}</text>
  <text x="375" y="535" text-anchor="middle" font-size="24" fill="#6b6b76">${escapeXml(fit(cert.badge.nameEn, 40))}</text>
  <text x="375" y="610" text-anchor="middle" font-size="30" fill="#1f1f23">授予 ${escapeXml(fit(cert.member.displayName, 24))}</text>
  <text x="375" y="650" text-anchor="middle" font-size="24" fill="#6b6b76">@${escapeXml(fit(cert.member.handle, 30))} · ${y} 年 ${Number(m)} 月 ${Number(d)} 日</text>
  ${status}
  <text x="80" y="800" font-size="22" fill="#6b6b76">证书编号 No.</text>
  <text x="80" y="838" font-size="24" fill="#1f1f23" font-family="DejaVu Sans Mono, monospace">${formatCertificateCode(cert.code)}</text>
  <text x="80" y="890" font-size="20" fill="#6b6b76">扫码验证真伪 · Scan to verify</text>
  <rect x="515" y="755" width="170" height="170" rx="12" fill="#ffffff" stroke="#e6e6ea"/>
  ${qr}
</svg>`;
}

/** The certificate as a PNG (750×1000), for the share button and the page's og:image. */
export async function renderCertificatePng(cert: CertificateView, verifyUrl: string, timeZone: string): Promise<Buffer> {
  const svg = await certificateSvg(cert, verifyUrl, timeZone);
  return sharp(Buffer.from(svg)).png({ compressionLevel: 8 }).toBuffer();
}
