/**
 * Generates a realistic 1–2 page Vietnamese official document (ND30 layout, simplified) as a PDF, embedding
 * Noto Serif so Vietnamese renders everywhere. Used by the demo seed and reused by tests as fixtures.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { formatPlaceDate } from '../../src-shared/domain/dates';

export type OfficialPdfInput = {
  issuer: string;
  /** e.g. "1866/UBND-VX" */
  numberNotation: string;
  /** Document type line, e.g. "QUYẾT ĐỊNH"; empty for a công văn. */
  title: string;
  subject: string;
  paragraphs: string[];
  /** ISO date 'YYYY-MM-DD' of the document. */
  date: string;
  /** Place in the date line; defaults to the fictional province of the demo. */
  place?: string;
  /** Minimum number of pages (text is repeated onto a second page as an annex when asked). */
  pages?: number;
};

/** `resources/` of the repo: VANBAN_RESOURCES_DIR, else found by walking up from this file. */
export function resourcesDir(): string {
  const override = process.env.VANBAN_RESOURCES_DIR;
  if (override) return override;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'resources', 'fonts');
    if (existsSync(candidate)) return path.join(dir, 'resources');
    dir = path.dirname(dir);
  }
  throw new Error('resources/fonts not found: set VANBAN_RESOURCES_DIR to the folder holding fonts/');
}

const A4 = { w: 595.28, h: 841.89 };
const MARGIN = { left: 85, right: 57, top: 57, bottom: 57 };
const nfc = (s: string) => s.normalize('NFC');

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of nfc(text).split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function centered(page: PDFPage, text: string, font: PDFFont, size: number, cx: number, y: number): void {
  const t = nfc(text);
  page.drawText(t, { x: cx - font.widthOfTextAtSize(t, size) / 2, y, size, font, color: rgb(0, 0, 0) });
}

export async function makeOfficialPdf(input: OfficialPdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const fontBytes = await readFile(path.join(resourcesDir(), 'fonts', 'NotoSerif-Regular.ttf'));
  // Subsetting fails inside @pdf-lib/fontkit for Noto Serif (TTFSubset.encode); embed the whole font instead.
  const font = await doc.embedFont(fontBytes, { subset: false });
  doc.setTitle(nfc(`${input.numberNotation} ${input.subject}`));
  doc.setAuthor(nfc(input.issuer));
  doc.setLanguage('vi-VN');

  const width = A4.w - MARGIN.left - MARGIN.right;
  let page = doc.addPage([A4.w, A4.h]);
  const leftCx = MARGIN.left + 95;
  const rightCx = A4.w - MARGIN.right - 150;
  let y = A4.h - MARGIN.top - 12;
  const issuerLines = wrap(input.issuer.toUpperCase(), font, 11, 200);
  issuerLines.forEach((l, i) => centered(page, l, font, 11, leftCx, y - i * 14));
  centered(page, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', font, 11, rightCx, y);
  centered(page, 'Độc lập - Tự do - Hạnh phúc', font, 12, rightCx, y - 15);
  y -= Math.max(issuerLines.length, 2) * 15 + 10;
  centered(page, `Số: ${input.numberNotation}`, font, 12, leftCx, y);
  centered(page, formatPlaceDate(input.place ?? 'Sông Lam', input.date), font, 12, rightCx, y);
  y -= 40;
  if (input.title) {
    centered(page, input.title.toUpperCase(), font, 14, A4.w / 2, y);
    y -= 20;
  }
  for (const l of wrap(input.subject, font, 13, width - 80)) {
    centered(page, l, font, 13, A4.w / 2, y);
    y -= 17;
  }
  y -= 16;

  const body = [...input.paragraphs];
  const writeParagraphs = (paragraphs: string[]) => {
    for (const p of paragraphs) {
      for (const l of wrap(p, font, 13, width)) {
        if (y < MARGIN.bottom + 20) {
          page = doc.addPage([A4.w, A4.h]);
          y = A4.h - MARGIN.top - 12;
        }
        page.drawText(l, { x: MARGIN.left, y, size: 13, font });
        y -= 18;
      }
      y -= 6;
    }
  };
  writeParagraphs(body);
  const wanted = Math.max(1, input.pages ?? 1);
  while (doc.getPageCount() < wanted) {
    page = doc.addPage([A4.w, A4.h]);
    y = A4.h - MARGIN.top - 12;
    centered(page, `PHỤ LỤC ${doc.getPageCount() - 1}`, font, 13, A4.w / 2, y);
    y -= 30;
    writeParagraphs(body);
  }
  doc.getPages().forEach((p, i) => {
    if (doc.getPageCount() > 1) centered(p, String(i + 1), font, 11, A4.w / 2, MARGIN.bottom / 2);
  });
  return doc.save({ useObjectStreams: false });
}
