/**
 * Sổ theo dõi giải quyết văn bản đến (ND30 appendix IV; DOMAIN.md): the seven columns, printed to A4 landscape
 * through the shared report writer, and the same rows for the Excel export.
 */
import { createReportPdf, type RegisterHeader } from './report.pdf';

export const HANDLING_REGISTER_COLUMNS = [
  'Số đến',
  'Tên loại, số, ký hiệu, ngày tháng văn bản và cơ quan ban hành',
  'Đơn vị/người nhận',
  'Thời hạn giải quyết',
  'Tiến độ giải quyết',
  'Số, ký hiệu văn bản trả lời',
  'Ghi chú',
] as const;

export type HandlingRegisterRow = [string, string, string, string, string, string, string];

export const HANDLING_REGISTER_TITLE = 'Sổ theo dõi giải quyết văn bản đến';

const WIDTHS = [44, 210, 130, 62, 130, 86, 90];

export async function renderHandlingRegisterPdf(
  rows: HandlingRegisterRow[],
  header: RegisterHeader,
  resourcesDir: string,
): Promise<Uint8Array> {
  const pdf = await createReportPdf(header, resourcesDir);
  pdf.table(
    {
      columns: HANDLING_REGISTER_COLUMNS,
      widths: WIDTHS,
      numberedColumns: true,
      emptyText: 'Không có văn bản đến nào cần giải quyết trong khoảng thời gian này.',
    },
    rows,
  );
  return pdf.save();
}
