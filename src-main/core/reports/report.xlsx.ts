/**
 * Shared Excel (.xlsx, exceljs) writer for registers and reports: a sheet with the organization, the title and the
 * period on top, ruled column headings (optionally numbered (1)…(n) as ND30 registers print them), wrapped cells,
 * A4 print setup with the heading rows repeated on every printed page and frozen on screen.
 */
import ExcelJS from 'exceljs';
import { formatDateVi } from '../../../src-shared/domain/dates';
import type { RegisterHeader } from './report.pdf';

export type SheetSpec = {
  name: string;
  columns: readonly string[];
  /** Column widths in characters. */
  widths: readonly number[];
  numberedColumns?: boolean;
  landscape?: boolean;
};

/** Rows of the header block above the table: organization, title, period. The table headings follow on row 4. */
const HEADING_ROW = 4;

export function createWorkbook(header: RegisterHeader): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'VanBan Desk';
  wb.created = header.printedAt;
  return wb;
}

export function addTableSheet(
  wb: ExcelJS.Workbook,
  header: RegisterHeader,
  spec: SheetSpec,
  rows: readonly (readonly (string | number)[])[],
): ExcelJS.Worksheet {
  const headRows = spec.numberedColumns ? 2 : 1;
  const lastHead = HEADING_ROW + headRows - 1;
  const ws = wb.addWorksheet(spec.name, {
    pageSetup: {
      paperSize: 9,
      orientation: spec.landscape === false ? 'portrait' : 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADING_ROW}:${lastHead}`,
    },
  });
  ws.columns = spec.widths.map((width) => ({ width }));
  const last = spec.columns.length;
  ws.getCell(1, 1).value = header.organizationName.toUpperCase();
  ws.getCell(1, 1).font = { bold: true };
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(2, 1).value = header.title.toUpperCase();
  ws.getCell(2, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(3, 1, 3, last);
  ws.getCell(3, 1).value = `Từ ngày ${formatDateVi(header.from)} đến ngày ${formatDateVi(header.to)}`;
  ws.getCell(3, 1).alignment = { horizontal: 'center' };
  const border = { style: 'thin' as const };
  const box = { top: border, left: border, bottom: border, right: border };
  const head = ws.getRow(HEADING_ROW);
  head.values = [...spec.columns];
  const heads = [head];
  if (spec.numberedColumns) {
    const nums = ws.getRow(HEADING_ROW + 1);
    nums.values = spec.columns.map((_, i) => `(${i + 1})`);
    heads.push(nums);
  }
  for (const r of heads) {
    r.eachCell((c) => {
      c.font = { bold: r === head };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = box;
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
    });
  }
  for (const row of rows) {
    const r = ws.addRow([...row]);
    for (let i = 1; i <= last; i++) {
      const c = r.getCell(i);
      c.alignment = { vertical: 'top', wrapText: true };
      c.border = box;
    }
  }
  ws.views = [{ state: 'frozen', ySplit: lastHead }];
  return ws;
}

export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
