/**
 * Outgoing drafts as clerks receive them for issuance (ND30 layout): "Số:      /QĐ-UBND" on the left, the
 * national motto and "Thử Nghiệm, ngày      tháng      năm 2026" on the right, blanks where the system fills in
 * the number and date. Made by several writers, because each lays text out differently (one text item per line,
 * one per word, other object and xref layouts). Used only by tests.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@cantoo/fontkit';
import { PDFDocument } from '@cantoo/pdf-lib';
import { FONT_DIR, ghostscriptRewrite, hasGhostscript, qpdfObjectStreams } from './signing-fixtures';

export const DRAFT_SYMBOL = 'QĐ-UBND';

/** pdf-lib, one text item per line (blanks are spaces inside the item). */
export async function draftOneItemPerLine(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(join(FONT_DIR, 'NotoSerif-Regular.ttf')), { subset: true });
  const bold = await doc.embedFont(readFileSync(join(FONT_DIR, 'NotoSerif-Bold.ttf')), { subset: true });
  const page = doc.addPage([595.28, 841.89]);
  page.drawText('ỦY BAN NHÂN DÂN', { x: 70, y: 790, size: 12, font: bold });
  page.drawText('TỈNH THỬ NGHIỆM', { x: 75, y: 776, size: 12, font: bold });
  page.drawText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { x: 290, y: 790, size: 12, font: bold });
  page.drawText('Độc lập - Tự do - Hạnh phúc', { x: 340, y: 776, size: 12, font: bold });
  page.drawText(`Số:            /${DRAFT_SYMBOL}`, { x: 75, y: 750, size: 13, font });
  page.drawText('Thử Nghiệm, ngày        tháng        năm 2026', { x: 300, y: 750, size: 13, font });
  page.drawText('QUYẾT ĐỊNH', { x: 255, y: 700, size: 14, font: bold });
  page.drawText('Về việc phê duyệt kế hoạch chuyển đổi số năm 2027', { x: 140, y: 680, size: 13, font });
  page.drawText('KT. CHỦ TỊCH', { x: 390, y: 260, size: 12, font: bold });
  page.drawText('PHÓ CHỦ TỊCH', { x: 385, y: 245, size: 12, font: bold });
  page.drawText('Nguyễn Văn Đức', { x: 385, y: 140, size: 12, font: bold });
  return doc.save({ useObjectStreams: false });
}

/** pdf-lib, one text item per word placed at its own x (as word processors export), no year in the date line. */
export async function draftOneItemPerWord(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(join(FONT_DIR, 'LiberationSerif-Regular.ttf')), { subset: true });
  const page = doc.addPage([595.28, 841.89]);
  const words = (y: number, items: Array<[string, number]>) => items.forEach(([t, x]) => page.drawText(t, { x, y, size: 13, font }));
  words(790, [['ỦY', 70], ['BAN', 90], ['NHÂN', 118], ['DÂN', 155]]);
  words(750, [['Số:', 75], [`/${DRAFT_SYMBOL}`, 140]]);
  words(750, [['Thử', 300], ['Nghiệm,', 325], ['ngày', 378], ['tháng', 435], ['năm', 495]]);
  words(700, [['QUYẾT', 255], ['ĐỊNH', 300]]);
  words(245, [['CHỦ', 400], ['TỊCH', 432]]);
  words(140, [['Nguyễn', 385], ['Văn', 433], ['Đức', 460]]);
  return doc.save({ useObjectStreams: false });
}

/** Drafts from every writer available here, by name. */
export async function draftsFromSeveralProducers(dir: string): Promise<Array<{ producer: string; pdf: Uint8Array }>> {
  const perLine = await draftOneItemPerLine();
  const perWord = await draftOneItemPerWord();
  const out = [
    { producer: 'pdf-lib, one item per line', pdf: perLine },
    { producer: 'pdf-lib, one item per word', pdf: perWord },
    { producer: 'qpdf, object streams', pdf: qpdfObjectStreams(perLine, dir, 'draft-objstm') },
  ];
  if (hasGhostscript()) out.push({ producer: 'Ghostscript pdfwrite', pdf: ghostscriptRewrite(perLine, dir, 'draft-gs') });
  return out;
}

/** Text of the first page as poppler lays it out (what a reader copies). */
export function firstPageText(pdf: Uint8Array, dir: string): string {
  const file = join(dir, `draft-text-${process.pid}-${Date.now()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
}
