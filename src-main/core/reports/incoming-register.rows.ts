/**
 * The rows of the incoming register (sổ đăng ký văn bản đến, ND30 appendix IV) for an arrival-date range: the ten
 * columns as the clerk reads them, from confirmed documents and the ones still waiting for the server (marked "số tạm").
 */
import type Database from 'better-sqlite3';
import { formatDateVi } from '../../../src-shared/domain/dates';
import { docTypeByCode } from '../../../src-shared/domain/doc-types';
import { formatNumberNotation } from '../../../src-shared/domain/notation';

export const INCOMING_REGISTER_COLUMNS = [
  'Ngày đến', 'Số đến', 'Tác giả', 'Số, ký hiệu', 'Ngày tháng', 'Tên loại và trích yếu nội dung',
  'Đơn vị hoặc người nhận', 'Ngày chuyển', 'Ký nhận', 'Ghi chú',
] as const;

export type IncomingRegisterRow = [string, string, string, string, string, string, string, string, string, string];

export type IncomingRegisterQuery = { from: string; to: string; registerKind: 'incoming' | 'incomingSecret' };

export function incomingRegisterRows(sqlite: Database.Database, q: IncomingRegisterQuery): IncomingRegisterRow[] {
  const secret = q.registerKind === 'incomingSecret' ? 1 : 0;
  const rows = sqlite
    .prepare(
      `SELECT arrival_date, arrival_number AS n, 0 AS provisional, issuer, number, notation, document_date, doc_type, subject,
              recipients, note
         FROM incoming_documents WHERE arrival_date BETWEEN ? AND ? AND (secrecy <> 'none') = ?
       UNION ALL
       SELECT p.arrival_date, p.provisional_number, 1, p.issuer, p.number, p.notation, p.document_date, p.doc_type, p.subject,
              p.recipients, p.note
         FROM pending_incoming p LEFT JOIN outbox o ON o.id = p.outbox_id
        WHERE p.arrival_date BETWEEN ? AND ? AND (p.secrecy <> 'none') = ? AND coalesce(o.status, 'pending') = 'pending'
          AND NOT EXISTS (SELECT 1 FROM incoming_documents c WHERE c.id = p.id)
       ORDER BY 1, 2`,
    )
    .all(q.from, q.to, secret, q.from, q.to, secret) as {
      arrival_date: string; n: number; provisional: number; issuer: string; number: string | null; notation: string;
      document_date: string; doc_type: string; subject: string; recipients: string; note: string;
    }[];
  return rows.map((r) => {
    const typeName = docTypeByCode(r.doc_type)?.name ?? '';
    return [
      formatDateVi(r.arrival_date),
      r.provisional ? `${r.n} (số tạm)` : String(r.n),
      r.issuer,
      formatNumberNotation(r.number, r.notation),
      formatDateVi(r.document_date),
      // Column 6 is "type name and subject"; a clerk who already typed the type into the subject gets it once.
      r.doc_type === 'CV' || r.subject.toLocaleLowerCase('vi').startsWith(typeName.toLocaleLowerCase('vi')) ? r.subject : `${typeName} ${r.subject}`,
      r.recipients,
      '',
      '',
      r.note,
    ];
  });
}
