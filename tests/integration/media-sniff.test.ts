import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { sniffType } from "../../server/media";
import { mp4Bytes, pngBytes, sidewaysJpegBytes, webmBytes } from "../fixtures/media/generate";

/** A minimal ftyp box with a major brand and compatible brands, padded like a real file's start. */
function ftyp(major: string, ...compatible: string[]): Buffer {
  const box = Buffer.alloc(16 + compatible.length * 4);
  box.writeUInt32BE(box.length, 0);
  box.write(`ftyp${major}`, 4, "latin1");
  compatible.forEach((b, i) => box.write(b, 16 + i * 4, "latin1"));
  return Buffer.concat([box, Buffer.alloc(32)]);
}

describe("recognising a file by its bytes, whatever its name says", () => {
  it("knows the image formats the app accepts", async () => {
    expect(sniffType(await pngBytes(4, 4))).toEqual({ mime: "image/png", class: "image" });
    expect(sniffType(await sidewaysJpegBytes(4, 4))).toEqual({ mime: "image/jpeg", class: "image" });
    const webp = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } }).webp().toBuffer();
    expect(sniffType(webp)).toEqual({ mime: "image/webp", class: "image" });
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } }).gif().toBuffer();
    expect(sniffType(gif)).toEqual({ mime: "image/gif", class: "image" });
    const avif = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } }).avif().toBuffer();
    expect(sniffType(avif)).toEqual({ mime: "image/avif", class: "image" });
  });

  it("tells videos from still images that share the ISO container", () => {
    expect(sniffType(mp4Bytes())).toEqual({ mime: "video/mp4", class: "video" });
    expect(sniffType(ftyp("qt  ", "qt  "))).toEqual({ mime: "video/quicktime", class: "video" });
    expect(sniffType(ftyp("mp42", "isom", "mp42"))).toEqual({ mime: "video/mp4", class: "video" });
    expect(sniffType(ftyp("heic", "mif1", "heic"))).toEqual({ mime: "image/heic", class: "image" });
    expect(sniffType(ftyp("mif1", "avif", "mif1", "miaf"))).toEqual({ mime: "image/avif", class: "image" });
    expect(sniffType(webmBytes())).toEqual({ mime: "video/webm", class: "video" });
  });

  it("recognises nothing in text, HTML, PDFs, Matroska that is not WebM, or a few stray bytes", () => {
    expect(sniffType(Buffer.from("just some text, nothing to see"))).toBeNull();
    expect(sniffType(Buffer.from("<!doctype html><script>alert(1)</script>"))).toBeNull();
    expect(sniffType(Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj"))).toBeNull();
    const mkv = webmBytes();
    mkv.write("mkvx", 16, "latin1");
    expect(sniffType(mkv)).toBeNull();
    expect(sniffType(ftyp("abcd", "efgh"))).toBeNull();
    expect(sniffType(Buffer.from([0xff, 0xd8]))).toBeNull();
  });
});
