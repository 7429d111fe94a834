/**
 * The incoming register exported to Excel (.xlsx, exceljs): one sheet, organization and date range on top, the ten
 * columns of ND30 appendix IV with their numbers (1)…(10), wrapped text, landscape A4 print setup with the header rows
 * repeated on every printed page.
 */
import ExcelJS from 'exceljs';
import { formatDateVi } from '../../../src-shared/domain/dates';
import type { RegisterHeader } from './incoming-register.pdf';
import { INCOMING_REGISTER_COLUMNS, type IncomingRegisterRow } from './incoming-register.rows';

const WIDTHS = [11, 9, 24, 18, 11, 48, 22, 11, 11, 18];

export async function renderIncomingRegisterXlsx(rows: IncomingRegisterRow[], header: RegisterHeader): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'VanBan Desk';
  wb.created = header.printedAt;
  const ws = wb.addWorksheet('Sổ văn bản đến', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:5' },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  const last = INCOMING_REGISTER_COLUMNS.length;
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
  const head = ws.getRow(4);
  head.values = [...INCOMING_REGISTER_COLUMNS];
  const nums = ws.getRow(5);
  nums.values = INCOMING_REGISTER_COLUMNS.map((_, i) => `(${i + 1})`);
  for (const r of [head, nums]) {
    r.eachCell((c) => {
      c.font = { bold: r === head };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = box;
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
    });
  }
  for (const row of rows) {
    const r = ws.addRow(row);
    for (let i = 1; i <= last; i++) {
      const c = r.getCell(i);
      c.alignment = { vertical: 'top', wrapText: true };
      c.border = box;
    }
  }
  ws.views = [{ state: 'frozen', ySplit: 5 }];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
