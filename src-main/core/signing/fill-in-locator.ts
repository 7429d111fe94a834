/**
 * Finds where a draft left the number and the issue date blank (ND30: "Số:      /QĐ-UBND" and
 * "Hà Nội, ngày    tháng    năm 20…"), so the clerk's seal can write them there (pades.service `fillIn`).
 * Text positions come from pdfjs (the same reader as the viewer). Character positions inside a text item are
 * interpolated by character count: exact enough to drop a number into a blank a few characters wide.
 */
// DESIGN.md stack table: pdfjs' legacy build is the PDF reader in Node. Used here for text positions only (no DOM,
// no rendering), so the zone rule that keeps pdfjs in the renderer is lifted for this one import.
// eslint-disable-next-line no-restricted-imports
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { AppError } from '../../../src-shared/contract/errors';
import type { IssuanceFillIn } from '../../../src-shared/contract/methods-signing';
import type { FillInText } from './appearance';

type Glyph = { ch: string; x0: number; x1: number };
/** `at[i]` is the glyph under text index i (a space standing for a gap between items maps to the next glyph). */
type Line = { pageIndex: number; y: number; size: number; glyphs: Glyph[]; text: string; at: number[] };

const pad2 = (n: number) => String(n).padStart(2, '0');

/** ND30: leading zero for days below 10 and for months 1 and 2 ("ngày 05 tháng 01 năm 2020", "tháng 11"). */
export function nd30DateParts(isoDate: string): { day: string; month: string; year: string } {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return { day: pad2(d), month: m <= 2 ? pad2(m) : String(m), year: String(y) };
}

export function nd30DateLine(isoDate: string, place?: string): string {
  const { day, month, year } = nd30DateParts(isoDate);
  return `${place ? `${place}, ` : ''}ngày ${day} tháng ${month} năm ${year}`;
}

async function readLines(pdf: Uint8Array, maxPages: number): Promise<{ lines: Line[]; pageWidth: number[] }> {
  const task = getDocument({ data: pdf.slice(), useSystemFonts: false, verbosity: 0 });
  const doc = await task.promise;
  const lines: Line[] = [];
  const pageWidth: number[] = [];
  try {
    for (let p = 1; p <= Math.min(doc.numPages, maxPages); p++) {
      const page = await doc.getPage(p);
      pageWidth.push(page.view[2]! - page.view[0]!);
      const content = await page.getTextContent();
      const byLine: Line[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str) continue;
        const [, , , d, x, y] = item.transform as number[];
        const str = item.str.normalize('NFC');
        const size = Math.abs(d ?? 12) || 12;
        let line = byLine.find((l) => Math.abs(l.y - y!) < size * 0.3);
        if (!line) byLine.push((line = { pageIndex: p - 1, y: y!, size, glyphs: [], text: '', at: [] }));
        const w = item.width / str.length;
        [...str].forEach((ch, i) => line.glyphs.push({ ch, x0: x! + i * w, x1: x! + (i + 1) * w }));
      }
      for (const line of byLine) {
        line.glyphs.sort((a, b) => a.x0 - b.x0);
        // A gap wider than a space between items stands for blanks: keep it visible to the patterns below.
        line.glyphs.forEach((g, i) => {
          if (i > 0 && g.x0 - line.glyphs[i - 1]!.x1 > line.size * 0.2) {
            line.text += ' ';
            line.at.push(i);
          }
          line.text += g.ch;
          line.at.push(i);
        });
        lines.push(line);
      }
    }
  } finally {
    await task.destroy();
  }
  return { lines, pageWidth };
}

function glyphAt(line: Line, textIndex: number): Glyph {
  return line.glyphs[line.at[Math.min(Math.max(textIndex, 0), line.at.length - 1)]!]!;
}

/** Text centred in the blank between two x positions (or starting after `from` with one space when no end). */
function inBlank(line: Line, text: string, from: number, to: number | null, size: number): FillInText {
  const approxWidth = text.length * size * 0.5;
  const x = to === null ? from + size * 0.3 : Math.max(from + size * 0.15, (from + to) / 2 - approxWidth / 2);
  return { text, pageIndex: line.pageIndex, x, y: line.y, fontSize: size };
}

/**
 * Positions of the number and the date the clerk's seal writes in. Refuses (INVALID_INPUT) when the draft has no
 * "Số:" line on its first page: the clerk must then fix the draft rather than get a number in a random place.
 */
export async function locateFillIn(pdf: Uint8Array, fillIn: IssuanceFillIn): Promise<FillInText[]> {
  let read: Awaited<ReturnType<typeof readLines>>;
  try {
    read = await readLines(pdf, 1);
  } catch {
    throw new AppError('PDF_CORRUPT');
  }
  const { lines, pageWidth } = read;
  const out: FillInText[] = [];

  const numberLine = lines.find((l) => /(^|\s)Số\s*:/.test(l.text));
  if (!numberLine) {
    throw new AppError(
      'INVALID_INPUT',
      'Không tìm thấy dòng "Số:" trên trang đầu của văn bản nên không điền được số. Hãy kiểm tra lại tệp dự thảo (để trống số sau "Số:") rồi đóng dấu lại.',
    );
  }
  const size = numberLine.size;
  const colon = numberLine.text.search(/Số\s*:/) + numberLine.text.match(/Số\s*:/)![0].length - 1;
  const afterColon = glyphAt(numberLine, colon).x1;
  const rest = numberLine.text.slice(colon + 1);
  const slash = rest.search(/\S/) >= 0 && rest.trimStart().startsWith('/') ? colon + 1 + rest.indexOf('/') : -1;
  const [numberPart] = fillIn.numberAndSymbol.split('/');
  // The symbol is printed already ("Số:      /QĐ-UBND"): only the number goes into the blank before "/".
  if (slash >= 0) out.push(inBlank(numberLine, numberPart!, afterColon, glyphAt(numberLine, slash).x0, size));
  else out.push(inBlank(numberLine, fillIn.numberAndSymbol, afterColon, null, size));

  const { day, month, year } = nd30DateParts(fillIn.issueDate);
  const dateLine = lines.find((l) => /ngày.*tháng.*năm/.test(l.text));
  if (dateLine) {
    const t = dateLine.text;
    const iDay = t.indexOf('ngày') + 3;
    const iMonth = t.indexOf('tháng', iDay);
    const iYear = t.indexOf('năm', iMonth);
    const s = dateLine.size;
    out.push(inBlank(dateLine, day, glyphAt(dateLine, iDay).x1, glyphAt(dateLine, iMonth).x0, s));
    out.push(inBlank(dateLine, month, glyphAt(dateLine, iMonth + 4).x1, glyphAt(dateLine, iYear).x0, s));
    if (!/năm\s*\d{4}/.test(t.slice(iYear))) out.push(inBlank(dateLine, year, glyphAt(dateLine, iYear + 2).x1, null, s));
    const before = t.slice(0, t.indexOf('ngày'));
    if (fillIn.place && !/\p{L}/u.test(before)) {
      // "…, ngày": the place was left blank too; write it to end just before the comma.
      const comma = before.lastIndexOf(',');
      const end = comma >= 0 ? glyphAt(dateLine, comma).x0 : glyphAt(dateLine, t.indexOf('ngày')).x0 - s * 0.3;
      out.push({ text: fillIn.place, pageIndex: dateLine.pageIndex, x: end - fillIn.place.length * s * 0.5, y: dateLine.y, fontSize: s });
    }
  } else {
    // No date line in the draft: ND30 puts it in the right column on the line of "Số:".
    const text = nd30DateLine(fillIn.issueDate, fillIn.place);
    const center = (pageWidth[0] ?? 595) * 0.7;
    out.push({ text, pageIndex: 0, x: center - (text.length * size * 0.45) / 2, y: numberLine.y, fontSize: size });
  }
  return out;
}
