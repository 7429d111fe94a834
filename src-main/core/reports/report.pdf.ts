/**
 * Shared PDF writer for printed registers and reports: A4 (landscape by default), Vietnamese text in the embedded
 * Noto Serif (subset), the organization, a title and the period on the first page, ruled tables whose header rows
 * repeat on every page and whose rows never split, simple horizontal bar charts, and "Trang x/y" on every page.
 * The incoming register, the handling tracking register and the handling report all print through it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@cantoo/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from '@cantoo/pdf-lib';
import { formatDateVi } from '../../../src-shared/domain/dates';

export type RegisterHeader = { organizationName: string; title: string; from: string; to: string; printedAt: Date };

export type TableSpec = {
  columns: readonly string[];
  /** Relative widths, one per column. */
  widths: readonly number[];
  /** Adds the "(1) (2) …" row under the headings, as ND30 registers print them. */
  numberedColumns?: boolean;
  /** Columns whose cells are right-aligned (numbers, rates). */
  alignRight?: readonly number[];
  emptyText: string;
};

export type BarChartSpec = {
  title: string;
  /** One bar group per item; each value is drawn in its series' colour. */
  items: { label: string; values: number[] }[];
  series: { name: string; color: 'green' | 'red' | 'blue' | 'orange' }[];
  /** Values are percentages (axis 0–100 %). */
  percent?: boolean;
};

const PORTRAIT = { w: 595.28, h: 841.89 };
const MARGIN = { left: 28, right: 28, top: 30, bottom: 34 };
const SIZE = 8.5;
const PAD = 3;
const COLORS: Record<BarChartSpec['series'][number]['color'], RGB> = {
  green: rgb(0.22, 0.55, 0.24),
  red: rgb(0.8, 0.12, 0.13),
  blue: rgb(0.11, 0.31, 0.57),
  orange: rgb(0.85, 0.5, 0.05),
};
export const nfc = (s: string) => s.normalize('NFC');

export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
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

export type ReportPdf = {
  /** A bold section heading; starts a new page when less than `keepWith` points remain below it. */
  heading(text: string, keepWith?: number): void;
  paragraph(text: string): void;
  table(spec: TableSpec, rows: readonly (readonly string[])[]): void;
  barChart(spec: BarChartSpec): void;
  save(): Promise<Uint8Array>;
};

export async function createReportPdf(
  header: RegisterHeader,
  resourcesDir: string,
  opts: { landscape?: boolean } = {},
): Promise<ReportPdf> {
  const PAGE = opts.landscape === false ? PORTRAIT : { w: PORTRAIT.h, h: PORTRAIT.w };
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(join(resourcesDir, 'fonts', 'NotoSerif-Regular.ttf')), { subset: true });
  const bold = await doc.embedFont(readFileSync(join(resourcesDir, 'fonts', 'NotoSerif-Bold.ttf')), { subset: true });
  doc.setTitle(nfc(`${header.title} ${formatDateVi(header.from)} - ${formatDateVi(header.to)}`), { showInWindowTitleBar: true });
  doc.setLanguage('vi-VN');
  doc.setProducer('VanBan Desk');
  doc.setCreationDate(header.printedAt);

  const usable = PAGE.w - MARGIN.left - MARGIN.right;
  const pages: PDFPage[] = [];
  let page!: PDFPage;
  let y = 0;
  /** Header rows of the table being drawn, repeated when it continues on a new page. */
  let repeat: (() => void) | null = null;

  const centered = (text: string, f: PDFFont, size: number) => {
    const t = nfc(text);
    page.drawText(t, { x: (PAGE.w - f.widthOfTextAtSize(t, size)) / 2, y, size, font: f });
  };
  const newPage = () => {
    page = doc.addPage([PAGE.w, PAGE.h]);
    pages.push(page);
    y = PAGE.h - MARGIN.top;
    if (pages.length === 1) {
      page.drawText(nfc(header.organizationName.toUpperCase()), { x: MARGIN.left, y, size: 10, font: bold });
      y -= 26;
      centered(header.title.toUpperCase(), bold, 14);
      y -= 18;
      centered(`Từ ngày ${formatDateVi(header.from)} đến ngày ${formatDateVi(header.to)}`, font, 10);
      y -= 16;
    }
    repeat?.();
  };
  const ensure = (h: number) => {
    if (y - h < MARGIN.bottom) newPage();
  };

  const cellsHeight = (cells: readonly string[], widths: number[], f: PDFFont) =>
    Math.max(...cells.map((c, i) => wrapText(c, f, SIZE, widths[i]! - 2 * PAD).length)) * SIZE * 1.3 + 2 * PAD;
  const drawCells = (cells: readonly string[], widths: number[], f: PDFFont, head: boolean, right: readonly number[]) => {
    const wrapped = cells.map((c, i) => wrapText(c, f, SIZE, widths[i]! - 2 * PAD));
    const h = Math.max(...wrapped.map((l) => l.length)) * SIZE * 1.3 + 2 * PAD;
    let x = MARGIN.left;
    wrapped.forEach((lines, i) => {
      const w = widths[i]!;
      page.drawRectangle({
        x, y: y - h, width: w, height: h, borderColor: rgb(0, 0, 0), borderWidth: 0.5,
        ...(head ? { color: rgb(0.92, 0.92, 0.92) } : {}),
      });
      lines.forEach((line, k) => {
        const tw = f.widthOfTextAtSize(line, SIZE);
        const tx = head ? x + (w - tw) / 2 : right.includes(i) ? x + w - PAD - tw : x + PAD;
        page.drawText(line, { x: tx, y: y - PAD - SIZE - k * SIZE * 1.3 + 2, size: SIZE, font: f });
      });
      x += w;
    });
    y -= h;
  };

  newPage();
  return {
    heading(text, keepWith = 60) {
      repeat = null;
      ensure(22 + keepWith);
      y -= 8;
      page.drawText(nfc(text), { x: MARGIN.left, y: y - 11, size: 11, font: bold });
      y -= 18;
    },
    paragraph(text) {
      repeat = null;
      const lines = wrapText(text, font, 10, usable);
      ensure(lines.length * 13 + 4);
      for (const line of lines) {
        page.drawText(line, { x: MARGIN.left, y: y - 10, size: 10, font });
        y -= 13;
      }
      y -= 4;
    },
    table(spec, rows) {
      const total = spec.widths.reduce((a, b) => a + b, 0);
      const widths = spec.widths.map((w) => (w / total) * usable);
      const right = spec.alignRight ?? [];
      const head = () => {
        drawCells(spec.columns, widths, bold, true, right);
        if (spec.numberedColumns) drawCells(spec.columns.map((_, i) => `(${i + 1})`), widths, font, true, right);
      };
      ensure(cellsHeight(spec.columns, widths, bold) * 2 + 20);
      head();
      repeat = head;
      if (rows.length === 0) {
        repeat = null;
        ensure(20);
        page.drawText(nfc(spec.emptyText), { x: MARGIN.left, y: y - 16, size: 10, font });
        y -= 24;
        return;
      }
      for (const row of rows) {
        ensure(cellsHeight(row, widths, font));
        drawCells(row.map(nfc), widths, font, false, right);
      }
      repeat = null;
      y -= 10;
    },
    barChart(spec) {
      repeat = null;
      const barH = 9;
      const groupH = spec.series.length * barH + 6;
      const labelW = 170;
      const plotW = Math.min(usable - labelW - 50, 420);
      const max = spec.percent ? 100 : Math.max(1, ...spec.items.flatMap((i) => i.values));
      ensure(18 + Math.min(spec.items.length, 6) * groupH + 24);
      page.drawText(nfc(spec.title), { x: MARGIN.left, y: y - 10, size: 10, font: bold });
      // Legend beside the title: the colour says which series a bar belongs to.
      let lx = MARGIN.left + bold.widthOfTextAtSize(nfc(spec.title), 10) + 16;
      for (const s of spec.series) {
        page.drawRectangle({ x: lx, y: y - 9, width: 8, height: 8, color: COLORS[s.color] });
        page.drawText(nfc(s.name), { x: lx + 11, y: y - 9, size: 8, font });
        lx += font.widthOfTextAtSize(nfc(s.name), 8) + 24;
      }
      y -= 18;
      if (spec.items.length === 0) {
        page.drawText(nfc('Không có số liệu trong khoảng thời gian này.'), { x: MARGIN.left, y: y - 10, size: 9, font });
        y -= 20;
        return;
      }
      for (const item of spec.items) {
        ensure(groupH);
        const label = wrapText(item.label, font, 8, labelW - 6)[0] ?? '';
        page.drawText(label, { x: MARGIN.left, y: y - 9, size: 8, font });
        item.values.forEach((v, k) => {
          const by = y - (k + 1) * barH;
          const w = (Math.max(0, v) / max) * plotW;
          page.drawRectangle({ x: MARGIN.left + labelW, y: by + 1, width: Math.max(w, 0.5), height: barH - 2, color: COLORS[spec.series[k]!.color] });
          const text = spec.percent ? `${formatPercent(v)}` : String(v);
          page.drawText(text, { x: MARGIN.left + labelW + w + 4, y: by + 2, size: 7, font });
        });
        page.drawLine({ start: { x: MARGIN.left + labelW, y }, end: { x: MARGIN.left + labelW, y: y - groupH + 4 }, thickness: 0.5, color: rgb(0.4, 0.4, 0.4) });
        y -= groupH;
      }
      y -= 10;
    },
    async save() {
      pages.forEach((p, i) => {
        const label = `Trang ${i + 1}/${pages.length}`;
        p.drawText(label, { x: PAGE.w - MARGIN.right - font.widthOfTextAtSize(label, 8), y: 16, size: 8, font });
      });
      return doc.save();
    },
  };
}

/** 87,5 % — Vietnamese decimal comma, one decimal at most. */
export function formatPercent(v: number): string {
  return `${v.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`;
}
