/** Sổ theo dõi giải quyết văn bản đến exported to Excel: the seven numbered columns on one printable sheet. */
import { HANDLING_REGISTER_COLUMNS, type HandlingRegisterRow } from './handling-register.pdf';
import type { RegisterHeader } from './report.pdf';
import { addTableSheet, createWorkbook, workbookBytes } from './report.xlsx';

const WIDTHS = [9, 48, 28, 14, 30, 20, 20];

export async function renderHandlingRegisterXlsx(rows: HandlingRegisterRow[], header: RegisterHeader): Promise<Uint8Array> {
  const wb = createWorkbook(header);
  addTableSheet(wb, header, { name: 'Theo dõi giải quyết', columns: HANDLING_REGISTER_COLUMNS, widths: WIDTHS, numberedColumns: true }, rows);
  return workbookBytes(wb);
}
