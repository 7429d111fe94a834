/**
 * The incoming register printed to PDF: A4 landscape, the ten columns of ND30 appendix IV, Vietnamese text in the
 * embedded Noto Serif (subset), the organization and the date range on top, the column header repeated on every page,
 * "Trang x/y" at the bottom. Cells wrap; a row never splits across pages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@cantoo/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { formatDateVi } from '../../../src-shared/domain/dates';
import { INCOMING_REGISTER_COLUMNS, type IncomingRegisterRow } from './incoming-register.rows';

export type RegisterHeader = { organizationName: string; title: string; from: string; to: string; printedAt: Date };

const PAGE = { w: 841.89, h: 595.28 };
const MARGIN = { left: 28, right: 28, top: 30, bottom: 34 };
/** Relative column widths: the subject gets the room, the number and dates stay narrow. */
const WIDTHS = [55, 56, 100, 78, 55, 176, 90, 58, 46, 72];
const SIZE = 8.5;
const HEADER_SIZE = 8.5;
const PAD = 3;
const nfc = (s: string) => s.normalize('NFC');

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const para of nfc(text).split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= width) {
        line = next;
        continue;
      }
      if (line) lines.push(line);
      // A single word wider than the cell (a long symbol): cut it by characters.
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines.length ? lines : [''];
}

export async function renderIncomingRegisterPdf(
  rows: IncomingRegisterRow[],
  header: RegisterHeader,
  resourcesDir: string,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(join(resourcesDir, 'fonts', 'NotoSerif-Regular.ttf')), { subset: true });
  const bold = await doc.embedFont(readFileSync(join(resourcesDir, 'fonts', 'NotoSerif-Bold.ttf')), { subset: true });
  doc.setTitle(nfc(`${header.title} ${formatDateVi(header.from)} - ${formatDateVi(header.to)}`), { showInWindowTitleBar: true });
  doc.setLanguage('vi-VN');
  doc.setProducer('VanBan Desk');
  doc.setCreationDate(header.printedAt);

  const usable = PAGE.w - MARGIN.left - MARGIN.right;
  const total = WIDTHS.reduce((a, b) => a + b, 0);
  const widths = WIDTHS.map((w) => (w / total) * usable);
  const lineH = SIZE * 1.3;
  const pages: PDFPage[] = [];
  let page!: PDFPage;
  let y = 0;

  const drawRow = (cells: readonly string[], f: PDFFont, size: number, fill?: boolean) => {
    const wrapped = cells.map((c, i) => wrap(c, f, size, widths[i]! - 2 * PAD));
    const h = Math.max(...wrapped.map((l) => l.length)) * size * 1.3 + 2 * PAD;
    let x = MARGIN.left;
    wrapped.forEach((lines, i) => {
      const w = widths[i]!;
      page.drawRectangle({
        x, y: y - h, width: w, height: h, borderColor: rgb(0, 0, 0), borderWidth: 0.5,
        ...(fill ? { color: rgb(0.92, 0.92, 0.92) } : {}),
      });
      lines.forEach((line, k) => {
        const tw = f.widthOfTextAtSize(line, size);
        const tx = fill ? x + (w - tw) / 2 : x + PAD;
        page.drawText(line, { x: tx, y: y - PAD - size - k * size * 1.3 + 2, size, font: f });
      });
      x += w;
    });
    y -= h;
  };
  const rowHeight = (cells: readonly string[]) =>
    Math.max(...cells.map((c, i) => wrap(c, font, SIZE, widths[i]! - 2 * PAD).length)) * lineH + 2 * PAD;

  const newPage = () => {
    page = doc.addPage([PAGE.w, PAGE.h]);
    pages.push(page);
    y = PAGE.h - MARGIN.top;
    if (pages.length === 1) {
      page.drawText(nfc(header.organizationName.toUpperCase()), { x: MARGIN.left, y, size: 10, font: bold });
      y -= 26;
      const title = nfc(header.title.toUpperCase());
      page.drawText(title, { x: (PAGE.w - bold.widthOfTextAtSize(title, 14)) / 2, y, size: 14, font: bold });
      y -= 18;
      const range = nfc(`Từ ngày ${formatDateVi(header.from)} đến ngày ${formatDateVi(header.to)}`);
      page.drawText(range, { x: (PAGE.w - font.widthOfTextAtSize(range, 10)) / 2, y, size: 10, font });
      y -= 16;
    }
    drawRow(INCOMING_REGISTER_COLUMNS, bold, HEADER_SIZE, true);
    drawRow(INCOMING_REGISTER_COLUMNS.map((_, i) => `(${i + 1})`), font, HEADER_SIZE, true);
  };

  newPage();
  if (rows.length === 0) {
    const none = nfc('Không có văn bản đến nào trong khoảng thời gian này.');
    page.drawText(none, { x: MARGIN.left, y: y - 16, size: 10, font });
  }
  for (const row of rows) {
    if (y - rowHeight(row) < MARGIN.bottom) newPage();
    drawRow(row.map(nfc), font, SIZE);
  }
  pages.forEach((p, i) => {
    const label = `Trang ${i + 1}/${pages.length}`;
    p.drawText(label, { x: PAGE.w - MARGIN.right - font.widthOfTextAtSize(label, 8), y: 16, size: 8, font });
  });
  return doc.save();
}
