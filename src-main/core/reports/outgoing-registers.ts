/**
 * The outgoing register (sổ đăng ký văn bản đi, ND30 appendix IV, 10 columns) and the postal dispatch register
 * (sổ chuyển giao văn bản qua bưu chính) for a date range, from the replica, as PDF or .xlsx through the shared
 * report writers (report.pdf.ts, report.xlsx.ts).
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/contract/errors';
import { formatDateVi } from '../../../src-shared/domain/dates';
import { docTypeByCode } from '../../../src-shared/domain/doc-types';
import type { Organization } from '../../../src-shared/domain/entities';
import { formatNumberNotation } from '../../../src-shared/domain/notation';
import { OUTGOING_STATUS_LABELS, type OutgoingDocument, type OutgoingRecipient, type PostalEntry } from '../../../src-shared/domain/outgoing';
import { rowOf, rowsOf } from '../outgoing/outgoing.repo';
import { createReportPdf, type RegisterHeader } from './report.pdf';
import { addTableSheet, createWorkbook, workbookBytes } from './report.xlsx';

export const OUTGOING_REGISTER_COLUMNS = [
  'Số, ký hiệu văn bản', 'Ngày tháng văn bản', 'Tên loại và trích yếu nội dung văn bản', 'Người ký', 'Nơi nhận văn bản',
  'Đơn vị, người nhận bản lưu', 'Số lượng bản', 'Ngày chuyển', 'Ký nhận', 'Ghi chú',
] as const;
export const POSTAL_REGISTER_COLUMNS = ['Ngày chuyển', 'Số, ký hiệu văn bản', 'Nơi nhận văn bản', 'Số lượng bì', 'Ký nhận', 'Ghi chú'] as const;

const nn = (d: OutgoingDocument) => formatNumberNotation(d.numberText, d.notation);

export function outgoingRegisterRows(sqlite: Database.Database, from: string, to: string): string[][] {
  return rowsOf<OutgoingDocument>(sqlite, 'outgoingDocument')
    .filter((d) => d.issuedDate >= from && d.issuedDate <= to)
    .sort((a, b) => a.year - b.year || a.number - b.number)
    .map((d) => {
      const recipients = rowsOf<OutgoingRecipient>(sqlite, 'outgoingRecipient', d.id).map((r) => r.name);
      const typeName = docTypeByCode(d.docType)?.name ?? '';
      const note = [d.note, d.status === 'issued' ? '' : `${OUTGOING_STATUS_LABELS[d.status]}${d.revokeReason ? `: ${d.revokeReason}` : ''}`]
        .filter(Boolean)
        .join('; ');
      return [
        nn(d), formatDateVi(d.issuedDate), `${typeName ? `${typeName} ` : ''}${d.subject}`, d.signerName,
        recipients.length ? recipients.join('; ') : d.recipientsText, d.keptBy, String(d.issuedAmount),
        d.dispatchedAt ? formatDateVi(d.dispatchedAt.slice(0, 10)) : '', '', note,
      ];
    });
}

export function postalRegisterRows(sqlite: Database.Database, from: string, to: string): string[][] {
  return rowsOf<PostalEntry>(sqlite, 'postalEntry')
    .filter((e) => e.date >= from && e.date <= to)
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((e) => {
      const d = rowOf<OutgoingDocument>(sqlite, 'outgoingDocument', e.outgoingId);
      return [formatDateVi(e.date), d ? nn(d) : '', e.recipientName, String(e.envelopes), e.receipt, e.note];
    });
}

type Kind = 'outgoing' | 'postal';
const SPEC: Record<Kind, { title: string; file: string; columns: readonly string[]; pdfWidths: number[]; xlsxWidths: number[]; empty: string }> = {
  outgoing: {
    title: 'Sổ đăng ký văn bản đi', file: 'So-van-ban-di', columns: OUTGOING_REGISTER_COLUMNS,
    pdfWidths: [72, 56, 170, 80, 100, 80, 42, 56, 46, 70], xlsxWidths: [16, 12, 46, 20, 28, 20, 9, 12, 11, 20],
    empty: 'Không có văn bản đi nào trong khoảng thời gian này.',
  },
  postal: {
    title: 'Sổ chuyển giao văn bản đi qua bưu chính', file: 'So-chuyen-giao-buu-chinh', columns: POSTAL_REGISTER_COLUMNS,
    pdfWidths: [70, 110, 250, 60, 110, 150], xlsxWidths: [12, 18, 40, 10, 18, 28],
    empty: 'Không có văn bản chuyển qua bưu chính trong khoảng thời gian này.',
  },
};

export async function exportOutgoingRegister(
  sqlite: Database.Database,
  kind: Kind,
  p: { from: string; to: string; format: 'pdf' | 'xlsx' },
  ctx: { organization: Organization; resourcesDir: string; now: Date },
): Promise<{ fileName: string; mime: string; contentBase64: string }> {
  if (p.from > p.to) throw new AppError('INVALID_INPUT', 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc. Vui lòng chọn lại khoảng thời gian.');
  const spec = SPEC[kind];
  const rows = kind === 'outgoing' ? outgoingRegisterRows(sqlite, p.from, p.to) : postalRegisterRows(sqlite, p.from, p.to);
  const header: RegisterHeader = { organizationName: ctx.organization.name, title: spec.title, from: p.from, to: p.to, printedAt: ctx.now };
  const base = `${spec.file}_${p.from}_${p.to}`;
  if (p.format === 'pdf') {
    const pdf = await createReportPdf(header, ctx.resourcesDir);
    pdf.table({ columns: spec.columns, widths: spec.pdfWidths, numberedColumns: true, emptyText: spec.empty }, rows);
    return { fileName: `${base}.pdf`, mime: 'application/pdf', contentBase64: Buffer.from(await pdf.save()).toString('base64') };
  }
  const wb = createWorkbook(header);
  addTableSheet(wb, header, { name: spec.title.slice(0, 31), columns: spec.columns, widths: spec.xlsxWidths, numberedColumns: true }, rows);
  return {
    fileName: `${base}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    contentBase64: Buffer.from(await workbookBytes(wb)).toString('base64'),
  };
}
