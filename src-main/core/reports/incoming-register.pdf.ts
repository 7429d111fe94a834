/**
 * The incoming register printed to PDF: A4 landscape, the ten columns of ND30 appendix IV with their numbers, through
 * the shared report writer (Noto Serif, organization and date range on top, header repeated on every page, rows never
 * split across pages, "Trang x/y").
 */
import { INCOMING_REGISTER_COLUMNS, type IncomingRegisterRow } from './incoming-register.rows';
import { createReportPdf, type RegisterHeader } from './report.pdf';

export type { RegisterHeader } from './report.pdf';

/** Relative column widths: the subject gets the room, the number and dates stay narrow. */
const WIDTHS = [55, 56, 100, 78, 55, 176, 90, 58, 46, 72];

export async function renderIncomingRegisterPdf(
  rows: IncomingRegisterRow[],
  header: RegisterHeader,
  resourcesDir: string,
): Promise<Uint8Array> {
  const pdf = await createReportPdf(header, resourcesDir);
  pdf.table(
    { columns: INCOMING_REGISTER_COLUMNS, widths: WIDTHS, numberedColumns: true, emptyText: 'Không có văn bản đến nào trong khoảng thời gian này.' },
    rows,
  );
  return pdf.save();
}
