/**
 * Scans (JPEG, PNG, multi-page TIFF) become ONE PDF at the scan's own resolution: each page is exactly as large as the
 * paper that was scanned (pixels / dpi × 72 pt), so printing at 100% gives the original size (ND30: digitized paper is
 * PDF, at least 200 dpi, 100% scale). JPEG bytes are embedded as they are (DCTDecode, no recompression); PNG through
 * pdf-lib (lossless); TIFF pages are decoded and embedded losslessly (1-bit when the page is black and white).
 * Damaged or truncated images are refused with a message that says what to do.
 */
import {
  PDFDocument,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  type PDFPage,
} from '@cantoo/pdf-lib';
import UTIF, { type Ifd } from 'utif';
import { AppError } from '../../../src-shared/contract/errors';

export type ScanImage = { bytes: Uint8Array; mime: string; name?: string };
export type Dpi = { x: number; y: number };

/** Scanners that do not record a resolution almost always scan documents at 200 dpi (the ND30 minimum). */
export const DEFAULT_SCAN_DPI = 200;
/** A decoded page above this many pixels would exhaust memory (A0 at 600 dpi is ~ 650 Mpx); A3 at 600 dpi is 70 Mpx. */
const MAX_PIXELS_PER_PAGE = 120_000_000;

const damaged = (what: string, name?: string) =>
  new AppError(
    'FILE_INVALID',
    `Tệp ảnh ${what}${name ? ` "${name}"` : ''} bị hỏng hoặc chưa ghi xong (thiếu dữ liệu). Vui lòng quét lại trang này hoặc chép lại tệp.`,
  );
const tooLarge = () =>
  new AppError('FILE_TOO_LARGE', 'Ảnh quét quá lớn để chuyển thành PDF. Vui lòng quét ở 200–300 dpi hoặc tách thành nhiều tệp.');

const sane = (dpi: number) => Number.isFinite(dpi) && dpi >= 30 && dpi <= 4800;
function dpiOr(x: number, y: number, factor = 1): Dpi | null {
  const dx = x * factor;
  const dy = y * factor;
  return sane(dx) && sane(dy) ? { x: dx, y: dy } : null;
}

/** JPEG resolution from JFIF (APP0) or EXIF (APP1); also checks the file is complete (SOF present, ends with EOI). */
export function jpegDpi(bytes: Uint8Array): Dpi | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let jfif: Dpi | null = null;
  let exif: Dpi | null = null;
  let sof = false;
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) throw damaged('JPEG');
    const marker = bytes[pos + 1]!;
    if (marker === 0xff) { pos += 1; continue; }
    if (marker === 0xd9) break;
    const len = view.getUint16(pos + 2);
    if (pos + 2 + len > bytes.length) throw damaged('JPEG');
    const seg = pos + 4;
    if (marker === 0xe0 && len >= 14 && String.fromCharCode(...bytes.subarray(seg, seg + 5)) === 'JFIF\0') {
      const units = bytes[seg + 7];
      const x = view.getUint16(seg + 8);
      const y = view.getUint16(seg + 10);
      jfif = units === 1 ? dpiOr(x, y) : units === 2 ? dpiOr(x, y, 2.54) : null;
    } else if (marker === 0xe1 && len >= 16 && String.fromCharCode(...bytes.subarray(seg, seg + 6)) === 'Exif\0\0') {
      exif = exifDpi(bytes.subarray(seg + 6, pos + 2 + len));
    } else if ((marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)) {
      sof = true;
    }
    if (marker === 0xda) {
      // Entropy-coded data follows; a complete file ends with EOI (some scanners pad a few bytes after it).
      const tail = Buffer.from(bytes.subarray(Math.max(pos, bytes.length - 64)));
      if (!sof || tail.lastIndexOf(Buffer.from([0xff, 0xd9])) < 0) throw damaged('JPEG');
      return jfif ?? exif;
    }
    pos += 2 + len;
  }
  throw damaged('JPEG');
}

function exifDpi(tiff: Uint8Array): Dpi | null {
  if (tiff.length < 8) return null;
  const le = tiff[0] === 0x49;
  const v = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const u16 = (o: number) => v.getUint16(o, le);
  const u32 = (o: number) => v.getUint32(o, le);
  try {
    const ifd = u32(4);
    const n = u16(ifd);
    let x = 0, y = 0, unit = 2;
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + i * 12;
      const tag = u16(e);
      if (tag === 0x011a || tag === 0x011b) {
        const off = u32(e + 8);
        const val = u32(off) / (u32(off + 4) || 1);
        if (tag === 0x011a) x = val; else y = val;
      } else if (tag === 0x0128) unit = u16(e + 8);
    }
    return unit === 2 ? dpiOr(x, y) : unit === 3 ? dpiOr(x, y, 2.54) : null;
  } catch {
    return null;
  }
}

/** PNG resolution from pHYs (pixels per metre); also checks the file is complete (ends with IEND). */
export function pngDpi(bytes: Uint8Array): Dpi | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  let dpi: Dpi | null = null;
  while (pos + 12 <= bytes.length) {
    const len = v.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (pos + 12 + len > bytes.length) break;
    if (type === 'pHYs' && len === 9 && bytes[pos + 16] === 1) dpi = dpiOr(v.getUint32(pos + 8), v.getUint32(pos + 12), 0.0254);
    if (type === 'IEND') return dpi;
    pos += 12 + len;
  }
  throw damaged('PNG');
}

function tiffDpi(ifd: Ifd): Dpi | null {
  const x = Number(ifd.t282?.[0] ?? 0);
  const y = Number(ifd.t283?.[0] ?? x);
  const unit = Number(ifd.t296?.[0] ?? 2);
  return unit === 2 ? dpiOr(x, y) : unit === 3 ? dpiOr(x, y, 2.54) : null;
}

function placeImage(page: PDFPage, ref: Parameters<PDFPage['node']['newXObject']>[1], w: number, h: number): void {
  const name = page.node.newXObject('Im', ref);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(w, 0, 0, h, 0, 0), drawObject(name), popGraphicsState());
}

const pointsOf = (px: number, dpi: number) => (px / dpi) * 72;

/** Pixels of one decoded TIFF page, in the smallest lossless PDF form: 1-bit, 8-bit gray or RGB. */
function tiffPixels(rgba: Uint8Array, w: number, h: number): { data: Uint8Array; colorSpace: 'DeviceGray' | 'DeviceRGB'; bits: 1 | 8 } {
  const n = w * h;
  let gray = true;
  let bilevel = true;
  for (let i = 0; i < n && gray; i++) {
    const r = rgba[i * 4]!;
    if (r !== rgba[i * 4 + 1] || r !== rgba[i * 4 + 2]) gray = false;
    else if (r !== 0 && r !== 255) bilevel = false;
  }
  if (gray && bilevel) {
    const rowBytes = Math.ceil(w / 8);
    const out = new Uint8Array(rowBytes * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) if (rgba[(y * w + x) * 4]) out[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
    return { data: out, colorSpace: 'DeviceGray', bits: 1 };
  }
  if (gray) {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = rgba[i * 4]!;
    return { data: out, colorSpace: 'DeviceGray', bits: 8 };
  }
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    out[i * 3] = rgba[i * 4]!;
    out[i * 3 + 1] = rgba[i * 4 + 1]!;
    out[i * 3 + 2] = rgba[i * 4 + 2]!;
  }
  return { data: out, colorSpace: 'DeviceRGB', bits: 8 };
}

function decodeTiff(bytes: Uint8Array, name?: string): Ifd[] {
  let ifds: Ifd[];
  try {
    ifds = UTIF.decode(bytes);
  } catch {
    throw damaged('TIFF', name);
  }
  // Only real pages (sub-IFDs such as thumbnails are not pages); every strip/tile must lie inside the file.
  const pages = ifds.filter((ifd) => ifd.t256 && ifd.t257 && Number(ifd.t254?.[0] ?? 0) !== 1);
  if (pages.length === 0) throw damaged('TIFF', name);
  for (const ifd of pages) {
    const offsets = (ifd.t273 ?? ifd.t324 ?? []) as number[];
    const counts = (ifd.t279 ?? ifd.t325 ?? []) as number[];
    if (offsets.length === 0 || offsets.some((o, i) => o + (counts[i] ?? 0) > bytes.length)) throw damaged('TIFF', name);
    if (Number(ifd.t256![0]) * Number(ifd.t257![0]) > MAX_PIXELS_PER_PAGE) throw tooLarge();
  }
  return pages;
}

/** Appends the pages of one image file; returns how many pages it added. */
async function addImage(doc: PDFDocument, img: ScanImage): Promise<number> {
  switch (img.mime) {
    case 'image/jpeg': {
      const dpi = jpegDpi(img.bytes) ?? { x: DEFAULT_SCAN_DPI, y: DEFAULT_SCAN_DPI };
      let embedded;
      try {
        embedded = await doc.embedJpg(img.bytes);
      } catch {
        throw damaged('JPEG', img.name);
      }
      if (embedded.width * embedded.height > MAX_PIXELS_PER_PAGE) throw tooLarge();
      const w = pointsOf(embedded.width, dpi.x);
      const h = pointsOf(embedded.height, dpi.y);
      doc.addPage([w, h]).drawImage(embedded, { x: 0, y: 0, width: w, height: h });
      return 1;
    }
    case 'image/png': {
      const dpi = pngDpi(img.bytes) ?? { x: DEFAULT_SCAN_DPI, y: DEFAULT_SCAN_DPI };
      let embedded;
      try {
        embedded = await doc.embedPng(img.bytes);
      } catch {
        throw damaged('PNG', img.name);
      }
      const w = pointsOf(embedded.width, dpi.x);
      const h = pointsOf(embedded.height, dpi.y);
      doc.addPage([w, h]).drawImage(embedded, { x: 0, y: 0, width: w, height: h });
      return 1;
    }
    case 'image/tiff': {
      const pages = decodeTiff(img.bytes, img.name);
      for (const ifd of pages) {
        let rgba: Uint8Array;
        try {
          UTIF.decodeImage(img.bytes, ifd);
          rgba = UTIF.toRGBA8(ifd);
        } catch {
          throw damaged('TIFF', img.name);
        }
        const pw = ifd.width ?? 0;
        const ph = ifd.height ?? 0;
        if (!pw || !ph || rgba.length < pw * ph * 4) throw damaged('TIFF', img.name);
        const px = tiffPixels(rgba, pw, ph);
        const dpi = tiffDpi(ifd) ?? { x: DEFAULT_SCAN_DPI, y: DEFAULT_SCAN_DPI };
        const stream = doc.context.flateStream(px.data, {
          Type: 'XObject', Subtype: 'Image', Width: pw, Height: ph, ColorSpace: px.colorSpace, BitsPerComponent: px.bits,
        });
        const w = pointsOf(pw, dpi.x);
        const h = pointsOf(ph, dpi.y);
        placeImage(doc.addPage([w, h]), doc.context.register(stream), w, h);
        // Let the decoded page go before the next one: a 300-dpi colour A4 page is ~35 MB of RGBA.
        delete ifd.data;
      }
      return pages.length;
    }
    default:
      throw new AppError('FILE_INVALID', 'Chỉ chuyển được ảnh quét JPEG, PNG hoặc TIFF thành PDF.');
  }
}

export const SCAN_MIMES = new Set(['image/jpeg', 'image/png', 'image/tiff']);

/** One PDF from scans in the given order (each TIFF page becomes a page). */
export async function imagesToPdf(images: ScanImage[], now = new Date()): Promise<{ pdf: Uint8Array; pageCount: number }> {
  if (images.length === 0) throw new AppError('INVALID_INPUT', 'Chưa có ảnh quét nào để tạo PDF.');
  const doc = await PDFDocument.create();
  doc.setProducer('VanBan Desk');
  doc.setCreator('VanBan Desk (ảnh quét)');
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  let pageCount = 0;
  for (const img of images) pageCount += await addImage(doc, img);
  return { pdf: await doc.save(), pageCount };
}
