import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeJpeg, makePng, makeTiff, scanRaster } from '../testing/scan-fixtures';
import { imagesToPdf, jpegDpi, pngDpi } from './image-to-pdf';

const dir = mkdtempSync(join(tmpdir(), 'vanban-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type ImageRow = { page: number; width: number; height: number; color: string; bpc: number; enc: string; xppi: number; yppi: number };
/** poppler's independent reading of the PDF: every embedded image with its pixels, encoding and effective resolution. */
function pdfImages(pdf: Uint8Array): ImageRow[] {
  const file = join(dir, `p${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const out = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
  return out.split('\n').slice(2).filter(Boolean).map((l) => {
    const c = l.trim().split(/\s+/);
    return { page: +c[0]!, width: +c[3]!, height: +c[4]!, color: c[5]!, bpc: +c[7]!, enc: c[8]!, xppi: +c[12]!, yppi: +c[13]! };
  });
}
function pageSizesMm(pdf: Uint8Array): [number, number][] {
  const file = join(dir, `s${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', '999', file], { encoding: 'utf8' });
  return [...out.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [
    Math.round((Number(m[1]) / 72) * 25.4), Math.round((Number(m[2]) / 72) * 25.4),
  ]);
}

describe('scans to PDF at their own resolution', () => {
  it('embeds a 300-dpi JPEG as it is (no recompression), on a page the size of the paper', async () => {
    const jpg = makeJpeg(scanRaster(300, { widthMm: 105, heightMm: 148 }), 300);
    expect(jpegDpi(jpg)).toEqual({ x: 300, y: 300 });
    const { pdf, pageCount } = await imagesToPdf([{ bytes: jpg, mime: 'image/jpeg' }]);
    expect(pageCount).toBe(1);
    expect(Buffer.from(pdf).indexOf(Buffer.from(jpg))).toBeGreaterThan(0);
    expect(pdfImages(pdf)).toMatchObject([{ enc: 'jpeg', width: 1240, height: 1748, xppi: 300, yppi: 300, color: 'rgb' }]);
    expect(pageSizesMm(pdf)).toEqual([[105, 148]]);
  });

  it('takes 200 dpi for a JPEG that records no resolution, and honours a PNG pHYs', async () => {
    const raster = scanRaster(200, { widthMm: 105, heightMm: 148 });
    const bare = makeJpeg(raster, null);
    expect(jpegDpi(bare)).toBeNull();
    const png = makePng(scanRaster(300, { widthMm: 90, heightMm: 50 }), 300);
    expect(pngDpi(png)?.x).toBeCloseTo(300, 0);
    const { pdf, pageCount } = await imagesToPdf([{ bytes: bare, mime: 'image/jpeg' }, { bytes: png, mime: 'image/png' }]);
    expect(pageCount).toBe(2);
    const imgs = pdfImages(pdf);
    expect(imgs.map((i) => [i.page, i.xppi, i.enc])).toEqual([[1, 200, 'jpeg'], [2, 300, 'image']]);
    expect(pageSizesMm(pdf)).toEqual([[105, 148], [90, 50]]);
  });

  it('turns a 3-page TIFF into 3 pages, each at its own resolution, black-and-white pages as 1-bit', async () => {
    const tiff = makeTiff([
      { raster: scanRaster(200, { widthMm: 80, heightMm: 60 }), dpi: 200 },
      { raster: scanRaster(300, { widthMm: 80, heightMm: 60 }), dpi: 300 },
      { raster: scanRaster(300, { widthMm: 80, heightMm: 60, bw: true }), dpi: 300 },
    ]);
    const { pdf, pageCount } = await imagesToPdf([{ bytes: tiff, mime: 'image/tiff' }]);
    expect(pageCount).toBe(3);
    expect(pdfImages(pdf).map((i) => [i.page, i.width, i.xppi, i.color, i.bpc])).toEqual([
      [1, 630, 200, 'rgb', 8],
      [2, 945, 300, 'rgb', 8],
      [3, 945, 300, 'gray', 1],
    ]);
    expect(pageSizesMm(pdf)).toEqual([[80, 60], [80, 60], [80, 60]]);
  });

  it('refuses truncated or damaged scans with a message that says to scan again', async () => {
    const raster = scanRaster(200, { widthMm: 50, heightMm: 40 });
    const jpg = makeJpeg(raster, 200);
    const png = makePng(raster, 200);
    const tiff = makeTiff([{ raster, dpi: 200 }, { raster, dpi: 200 }]);
    const cases: [Uint8Array, string][] = [
      [jpg.subarray(0, Math.floor(jpg.length * 0.6)), 'image/jpeg'],
      [png.subarray(0, Math.floor(png.length * 0.6)), 'image/png'],
      [tiff.subarray(0, Math.floor(tiff.length * 0.7)), 'image/tiff'],
      [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(200, 7)]), 'image/jpeg'],
      [Buffer.from('49492a0008000000ffff', 'hex'), 'image/tiff'],
    ];
    for (const [bytes, mime] of cases) {
      await expect(imagesToPdf([{ bytes, mime, name: 'trang-2' }]), mime).rejects.toMatchObject({
        code: 'FILE_INVALID', message: expect.stringMatching(/bị hỏng hoặc chưa ghi xong.*quét lại/),
      });
    }
  });
});
