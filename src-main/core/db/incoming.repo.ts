/**
 * Read side of incoming documents: confirmed rows ∪ the pending overlay, as one list.
 * An overlay row whose confirmed row already arrived is hidden (the pull removes it in the same transaction anyway).
 */
import type Database from 'better-sqlite3';
import type { IncomingListItem, LocalFile } from '../../../src-shared/contract/methods';
import type { MutationFile } from '../../../src-shared/sync/mutations';
import { foldVietnamese } from '../../../src-shared/domain/text-fold';

const ITEMS_CTE = `
WITH items AS (
  SELECT d.id, d.register_id, d.year, d.arrival_number, d.arrival_date, d.issuer, d.number, d.notation, d.document_date,
         d.doc_type, d.subject, d.urgency, d.secrecy, d.due_date, d.page_count, d.recipients, d.note, d.status,
         d.created_by, d.created_at, d.provisional_number, d.search_text,
         0 AS provisional, 'synced' AS sync_state, NULL AS reject_reason,
         (SELECT count(*) FROM document_files f WHERE f.document_id = d.id) AS file_count
  FROM incoming_documents d
  UNION ALL
  SELECT p.id, p.register_id, p.year,
         CASE WHEN o.status = 'rejected' THEN NULL ELSE p.provisional_number END,
         p.arrival_date, p.issuer, p.number, p.notation, p.document_date,
         p.doc_type, p.subject, p.urgency, p.secrecy, p.due_date, p.page_count, p.recipients, p.note, 'registered',
         p.created_by, p.created_at, p.provisional_number, p.search_text,
         1, CASE WHEN o.status = 'rejected' THEN 'rejected' ELSE 'pending' END, o.error_message,
         json_array_length(p.files)
  FROM pending_incoming p LEFT JOIN outbox o ON o.id = p.outbox_id
  WHERE p.id NOT IN (SELECT id FROM incoming_documents)
)`;

type ItemRow = {
  id: string; register_id: string | null; year: number; arrival_number: number | null; arrival_date: string; issuer: string;
  number: string | null; notation: string; document_date: string; doc_type: string; subject: string; urgency: string;
  secrecy: string; due_date: string | null; page_count: number | null; recipients: string; note: string; status: string;
  created_by: string; created_at: string; provisional_number: number | null; provisional: number; sync_state: string;
  reject_reason: string | null; file_count: number;
};

function toItem(r: ItemRow): IncomingListItem {
  return {
    id: r.id, registerId: r.register_id, year: r.year, arrivalNumber: r.arrival_number, arrivalDate: r.arrival_date,
    issuer: r.issuer, number: r.number, notation: r.notation, documentDate: r.document_date,
    docType: r.doc_type as IncomingListItem['docType'], subject: r.subject,
    urgency: r.urgency as IncomingListItem['urgency'], secrecy: r.secrecy as IncomingListItem['secrecy'],
    dueDate: r.due_date, pageCount: r.page_count, recipients: r.recipients, note: r.note,
    status: r.status as IncomingListItem['status'], createdBy: r.created_by, createdAt: r.created_at,
    provisionalNumber: r.provisional_number, provisional: r.provisional === 1,
    syncState: r.sync_state as IncomingListItem['syncState'], rejectReason: r.reject_reason, fileCount: r.file_count,
  };
}

export type IncomingQuery = { year?: number; search?: string; status?: string; limit: number; offset: number };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Text the list search runs over: issuer, "number/notation", subject — folded (no accents, đ→d, lower case). */
export function incomingSearchText(d: { issuer: string; number: string | null; notation: string; subject: string }): string {
  const code = d.number ? `${d.number}/${d.notation}` : d.notation;
  return foldVietnamese(`${d.issuer} ${code} ${d.subject}`);
}

export function listIncoming(sqlite: Database.Database, q: IncomingQuery): { items: IncomingListItem[]; total: number } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.year !== undefined) {
    where.push('year = ?');
    args.push(q.year);
  }
  if (q.status !== undefined) {
    where.push('status = ?');
    args.push(q.status);
  }
  const words = foldVietnamese(q.search ?? '').split(/\s+/).filter(Boolean);
  for (const w of words) {
    where.push("search_text LIKE ? ESCAPE '\\'");
    args.push(`%${escapeLike(w)}%`);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = sqlite.prepare(`${ITEMS_CTE} SELECT count(*) FROM items ${filter}`).pluck().get(...args) as number;
  const rows = sqlite
    .prepare(
      `${ITEMS_CTE} SELECT * FROM items ${filter}
       ORDER BY year DESC, arrival_number IS NULL DESC, arrival_number DESC, created_at DESC LIMIT ? OFFSET ?`,
    )
    .all(...args, q.limit, q.offset) as ItemRow[];
  return { items: rows.map(toItem), total };
}

export function getIncomingItem(sqlite: Database.Database, id: string): IncomingListItem | null {
  const row = sqlite.prepare(`${ITEMS_CTE} SELECT * FROM items WHERE id = ?`).get(id) as ItemRow | undefined;
  return row ? toItem(row) : null;
}

/** Same number + notation + issuer among documents issued in `year` (confirmed and pending, rejected ones excluded). */
export function findDuplicates(
  sqlite: Database.Database,
  d: { issuer: string; number: string | null; notation: string; year: number },
): IncomingListItem[] {
  if (!d.number) return [];
  const rows = sqlite
    .prepare(
      `${ITEMS_CTE} SELECT * FROM items
       WHERE number IS NOT NULL AND ltrim(number, '0') = ltrim(?, '0') AND substr(document_date, 1, 4) = ?
         AND sync_state <> 'rejected'`,
    )
    .all(d.number, String(d.year)) as ItemRow[];
  const norm = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();
  const code = (s: string) => s.replace(/\s+/g, '').toUpperCase();
  return rows.filter((r) => norm(r.issuer) === norm(d.issuer) && code(r.notation) === code(d.notation)).map(toItem);
}

export function filesOfIncoming(sqlite: Database.Database, id: string): LocalFile[] {
  const confirmed = sqlite
    .prepare('SELECT id, document_id, sha256, name, size, mime, role, page_count FROM document_files WHERE document_id = ? ORDER BY role DESC, name')
    .all(id) as { id: string; document_id: string; sha256: string; name: string; size: number; mime: string; role: string; page_count: number | null }[];
  let files = confirmed.map((f) => ({
    id: f.id, documentId: f.document_id, sha256: f.sha256, name: f.name, size: f.size, mime: f.mime,
    role: f.role as LocalFile['role'], pageCount: f.page_count,
  }));
  if (files.length === 0) {
    const pending = sqlite.prepare('SELECT files FROM pending_incoming WHERE id = ?').pluck().get(id) as string | undefined;
    if (pending) {
      files = (JSON.parse(pending) as MutationFile[]).map((f) => ({
        id: f.fileId, documentId: id, sha256: f.sha256, name: f.name, size: f.size, mime: f.mime, role: f.role, pageCount: f.pageCount,
      }));
    }
  }
  const local = sqlite.prepare('SELECT 1 FROM local_blobs WHERE sha256 = ?').pluck();
  const queued = sqlite.prepare('SELECT 1 FROM blob_queue WHERE sha256 = ?').pluck();
  return files.map((f) => ({ ...f, availableLocally: local.get(f.sha256) !== undefined, uploadPending: queued.get(f.sha256) !== undefined }));
}
