/**
 * Test support: real scan files made in the test, at a chosen resolution — JPEG (jpeg-js, JFIF density written),
 * PNG (pngjs, pHYs written), multi-page uncompressed TIFF (utif's IFD writer) — of a page with lines of "text"
 * (black bars), a red stamp, a grey rule. Sizes are real paper sizes at that resolution unless the test asks smaller.
 */
import { crc32 } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import UTIF from 'utif';

export type Raster = { width: number; height: number; rgba: Uint8Array };

/** A page of `widthMm` × `heightMm` at `dpi`: white paper, text lines, a red round stamp (unless `bw`). */
export function scanRaster(dpi: number, opts: { widthMm?: number; heightMm?: number; bw?: boolean; seed?: number } = {}): Raster {
  const width = Math.round(((opts.widthMm ?? 210) / 25.4) * dpi);
  const height = Math.round(((opts.heightMm ?? 297) / 25.4) * dpi);
  const rgba = new Uint8Array(width * height * 4).fill(255);
  const line = Math.max(2, Math.round(dpi / 12));
  const seed = opts.seed ?? 1;
  for (let y = Math.round(dpi * 0.8); y < height - dpi * 0.8; y += line * 3) {
    const len = width * (0.5 + (((y * seed) % 97) / 97) * 0.3);
    for (let yy = y; yy < y + line; yy++) {
      for (let x = Math.round(dpi * 0.8); x < len; x++) rgba.fill(0, (yy * width + x) * 4, (yy * width + x) * 4 + 3);
    }
  }
  if (!opts.bw) {
    const cx = width * 0.7, cy = height * 0.8, r = Math.min(dpi * 0.7, width * 0.2, height * 0.15);
    for (let y = Math.round(cy - r); y < cy + r; y++) {
      for (let x = Math.round(cx - r); x < cx + r; x++) {
        const d = Math.hypot(x - cx, y - cy);
        if (d < r && d > r * 0.85) rgba.set([220, 30, 40], (y * width + x) * 4);
      }
    }
    const ruleY = Math.min(height - 1, Math.round(dpi * 0.5));
    for (let x = 0; x < width; x++) rgba.set([128, 128, 128], (ruleY * width + x) * 4);
  }
  return { width, height, rgba };
}

/** A JPEG with its resolution in the JFIF header (`dpi: null` leaves it unset, as some scanners do). */
export function makeJpeg(r: Raster, dpi: number | null, quality = 80): Uint8Array {
  const out = new Uint8Array(jpeg.encode({ data: Buffer.from(r.rgba), width: r.width, height: r.height }, quality).data);
  // JFIF APP0 right after SOI: units at byte 13, X/Y density at 14 and 16.
  if (dpi !== null) {
    out[13] = 1;
    new DataView(out.buffer, out.byteOffset).setUint16(14, dpi);
    new DataView(out.buffer, out.byteOffset).setUint16(16, dpi);
  }
  return out;
}

/** An RGB PNG with a pHYs chunk (pixels per metre) for `dpi`. */
export function makePng(r: Raster, dpi: number): Uint8Array {
  const png = new PNG({ width: r.width, height: r.height, colorType: 2, inputHasAlpha: true });
  png.data = Buffer.from(r.rgba);
  const plain = PNG.sync.write(png, { colorType: 2, inputHasAlpha: true });
  const data = Buffer.alloc(9);
  const ppm = Math.round(dpi / 0.0254);
  data.writeUInt32BE(ppm, 0);
  data.writeUInt32BE(ppm, 4);
  data[8] = 1;
  const body = Buffer.concat([Buffer.from('pHYs', 'latin1'), data]);
  const chunk = Buffer.alloc(12 + 9);
  chunk.writeUInt32BE(9, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body), 17);
  const ihdrEnd = 8 + 12 + 13;
  return new Uint8Array(Buffer.concat([plain.subarray(0, ihdrEnd), chunk, plain.subarray(ihdrEnd)]));
}

/** A multi-page TIFF, uncompressed RGB, one page per raster, each with its own resolution. */
export function makeTiff(pages: { raster: Raster; dpi: number }[]): Uint8Array {
  const ifdsFor = (offsets: number[]) =>
    pages.map(({ raster, dpi }, i) => ({
      t256: [raster.width], t257: [raster.height], t258: [8, 8, 8], t259: [1], t262: [2], t273: [offsets[i] ?? 0],
      t277: [3], t278: [raster.height], t279: [raster.width * raster.height * 3], t282: [dpi], t283: [dpi], t284: [1],
      t296: [2],
    }));
  // The IFD block's size does not depend on the offset values (fixed tag types), so measure it once, then place pixels after it.
  const head = new Uint8Array(UTIF.encode(ifdsFor(pages.map(() => 0))));
  const offsets: number[] = [];
  let at = head.length;
  for (const p of pages) {
    offsets.push(at);
    at += p.raster.width * p.raster.height * 3;
  }
  const ifds = new Uint8Array(UTIF.encode(ifdsFor(offsets)));
  const out = new Uint8Array(at);
  out.set(ifds, 0);
  pages.forEach((p, i) => {
    const n = p.raster.width * p.raster.height;
    const base = offsets[i]!;
    for (let k = 0; k < n; k++) {
      out[base + k * 3] = p.raster.rgba[k * 4]!;
      out[base + k * 3 + 1] = p.raster.rgba[k * 4 + 1]!;
      out[base + k * 3 + 2] = p.raster.rgba[k * 4 + 2]!;
    }
  });
  return out;
}
