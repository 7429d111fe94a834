/**
 * The incoming register exported to Excel (.xlsx): one sheet, organization and date range on top, the ten columns of
 * ND30 appendix IV with their numbers (1)…(10), through the shared sheet writer (wrapped text, landscape A4, header
 * rows repeated on every printed page).
 */
import type { RegisterHeader } from './incoming-register.pdf';
import { INCOMING_REGISTER_COLUMNS, type IncomingRegisterRow } from './incoming-register.rows';
import { addTableSheet, createWorkbook, workbookBytes } from './report.xlsx';

const WIDTHS = [11, 9, 24, 18, 11, 48, 22, 11, 11, 18];

export async function renderIncomingRegisterXlsx(rows: IncomingRegisterRow[], header: RegisterHeader): Promise<Uint8Array> {
  const wb = createWorkbook(header);
  addTableSheet(wb, header, { name: 'Sổ văn bản đến', columns: INCOMING_REGISTER_COLUMNS, widths: WIDTHS, numberedColumns: true }, rows);
  return workbookBytes(wb);
}
