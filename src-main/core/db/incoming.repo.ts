/**
 * Read side of incoming documents: confirmed rows ∪ the pending overlay, as one list.
 * An overlay row whose confirmed row already arrived is hidden (the pull removes it in the same transaction anyway).
 */
import type Database from 'better-sqlite3';
import type { IncomingListItem, LocalFile } from '../../../src-shared/contract/methods';
import type { MutationFile } from '../../../src-shared/sync/mutations';
import { foldVietnamese } from '../../../src-shared/domain/text-fold';

/** Columns of one list row, for the confirmed branch (d) and the pending overlay branch (p). */
const CONFIRMED_COLUMNS = `d.id, d.register_id, d.year, d.arrival_number, d.arrival_date, d.issuer, d.number, d.notation, d.document_date,
         d.doc_type, d.subject, d.urgency, d.secrecy, d.due_date, d.page_count, d.recipients, d.note, d.status,
         d.created_by, d.created_at, d.provisional_number, d.search_text,
         0 AS provisional, 'synced' AS sync_state, NULL AS reject_reason,
         (SELECT count(*) FROM document_files f WHERE f.document_id = d.id) AS file_count`;
const PENDING_COLUMNS = `p.id, p.register_id, p.year,
         CASE WHEN o.status = 'rejected' THEN NULL ELSE p.provisional_number END,
         p.arrival_date, p.issuer, p.number, p.notation, p.document_date,
         p.doc_type, p.subject, p.urgency, p.secrecy, p.due_date, p.page_count, p.recipients, p.note, 'registered',
         p.created_by, p.created_at, p.provisional_number, p.search_text,
         1, CASE WHEN o.status = 'rejected' THEN 'rejected' ELSE 'pending' END, o.error_message,
         json_array_length(p.files)`;

/**
 * Confirmed ∪ pending, each branch pre-filtered by `confirmedWhere` / `pendingWhere` (conditions on d.* / p.*), so the
 * filters use the tables' indexes and the FTS index instead of scanning the union.
 */
function itemsCte(confirmedWhere = '', pendingWhere = ''): string {
  return `
WITH items AS (
  SELECT ${CONFIRMED_COLUMNS}
  FROM incoming_documents d ${confirmedWhere ? `WHERE ${confirmedWhere}` : ''}
  UNION ALL
  SELECT ${PENDING_COLUMNS}
  FROM pending_incoming p LEFT JOIN outbox o ON o.id = p.outbox_id
  WHERE NOT EXISTS (SELECT 1 FROM incoming_documents c WHERE c.id = p.id) ${pendingWhere ? `AND ${pendingWhere}` : ''}
)`;
}
const ITEMS_CTE = itemsCte();

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

export type IncomingQuery = {
  year?: number;
  search?: string;
  status?: string;
  registerKind?: 'incoming' | 'incomingSecret';
  docType?: string;
  urgency?: string;
  arrivalFrom?: string;
  arrivalTo?: string;
  limit: number;
  offset: number;
};

/**
 * Text the search runs over — issuer, "number/notation", subject, recipients, note — folded (no accents, đ→d, lower
 * case). Folding here and in the query is what makes `dang ky` find `đăng ký`: FTS5's unicode61 does not fold đ.
 */
export function incomingSearchText(d: {
  issuer: string; number: string | null; notation: string; subject: string; recipients?: string; note?: string;
}): string {
  const code = d.number ? `${d.number}/${d.notation}` : d.notation;
  return foldVietnamese([d.issuer, code, d.subject, d.recipients ?? '', d.note ?? ''].filter(Boolean).join(' '));
}

/**
 * The user's words as an FTS5 query: folded, split the way unicode61 splits (anything not a letter or digit), each
 * word quoted (so FTS syntax in the input is inert), all required, the last one a prefix (search while typing).
 * Returns null when nothing searchable is left.
 */
export function ftsQuery(search: string): string | null {
  const words = foldVietnamese(search).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length === 0) return null;
  return words.map((w, i) => `"${w.replace(/"/g, '""')}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

type Key = { id: string; year: number; n: number | null; created_at: string };
/** The list order: newest year first, rows without a number (rejected) on top, then highest number, then newest. */
function compareKeys(a: Key, b: Key): number {
  if (a.year !== b.year) return b.year - a.year;
  if ((a.n === null) !== (b.n === null)) return a.n === null ? -1 : 1;
  if (a.n !== b.n) return (b.n ?? 0) - (a.n ?? 0);
  return a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0;
}
/** Above this many confirmed matches the index-ordered walk is cheaper than sorting them all (measured in bench/). */
const INDEX_ORDER_ABOVE = 2000;

export function listIncoming(sqlite: Database.Database, q: IncomingQuery): { items: IncomingListItem[]; total: number } {
  // Each condition is written once for a table alias and applied to both branches with the same arguments.
  const conds: { sql: (t: 'd' | 'p') => string; args: unknown[] }[] = [];
  const add = (sql: (t: 'd' | 'p') => string, ...args: unknown[]) => conds.push({ sql, args });
  if (q.year !== undefined) add((t) => `${t}.year = ?`, q.year);
  // Pending rows are always 'registered' (their status only changes on the server).
  if (q.status !== undefined) add((t) => (t === 'd' ? 'd.status = ?' : "'registered' = ?"), q.status);
  if (q.registerKind !== undefined) add((t) => `(${t}.secrecy <> 'none') = ?`, q.registerKind === 'incomingSecret' ? 1 : 0);
  if (q.docType !== undefined) add((t) => `${t}.doc_type = ?`, q.docType);
  if (q.urgency !== undefined) add((t) => `${t}.urgency = ?`, q.urgency);
  if (q.arrivalFrom !== undefined) add((t) => `${t}.arrival_date >= ?`, q.arrivalFrom);
  if (q.arrivalTo !== undefined) add((t) => `${t}.arrival_date <= ?`, q.arrivalTo);
  const match = q.search ? ftsQuery(q.search) : null;
  if (q.search && match === null && q.search.trim()) return { items: [], total: 0 };
  if (match) {
    add((t) => (t === 'd'
      ? 'd.rowid IN (SELECT rowid FROM incoming_fts WHERE incoming_fts MATCH ?)'
      : 'p.rowid IN (SELECT rowid FROM pending_incoming_fts WHERE pending_incoming_fts MATCH ?)'), match);
  }
  const where = (t: 'd' | 'p') => conds.map((c) => c.sql(t)).join(' AND ') || '1';
  const args = conds.flatMap((c) => c.args);
  const pendingFrom = `FROM pending_incoming p LEFT JOIN outbox o ON o.id = p.outbox_id
       WHERE NOT EXISTS (SELECT 1 FROM incoming_documents c WHERE c.id = p.id) AND ${where('p')}`;
  const pendingKeys = sqlite
    .prepare(`SELECT p.id, p.year, CASE WHEN o.status = 'rejected' THEN NULL ELSE p.provisional_number END AS n, p.created_at ${pendingFrom}`)
    .all(...args) as Key[];
  const keysSql = (indexed: string, limit: string) =>
    `SELECT d.id, d.year, d.arrival_number AS n, d.created_at FROM incoming_documents d ${indexed} WHERE ${where('d')}
     ORDER BY d.year DESC, d.arrival_number DESC, d.created_at DESC ${limit}`;
  let confirmedTotal: number;
  let confirmedKeys: Key[];
  if (match && conds.length > 1) {
    // Words and filters: the matching rows must be read once anyway to apply the filters, so read their keys in one
    // pass and count them, instead of a count pass and a second pass for the page.
    confirmedKeys = sqlite.prepare(keysSql('', '')).all(...args) as Key[];
    confirmedTotal = confirmedKeys.length;
  } else {
    // Words alone: the FTS index counts its own matches without touching the table (its rows mirror it one to one).
    confirmedTotal = sqlite
      .prepare(match
        ? 'SELECT count(*) FROM incoming_fts WHERE incoming_fts MATCH ?'
        : `SELECT count(*) FROM incoming_documents d WHERE ${where('d')}`)
      .pluck()
      .get(...args) as number;
    // When many rows match, walking the (year, arrival_number) index and stopping after the page beats sorting them all.
    const indexed = confirmedTotal > INDEX_ORDER_ABOVE ? 'INDEXED BY incoming_documents_year_idx' : '';
    confirmedKeys = sqlite.prepare(keysSql(indexed, 'LIMIT ?')).all(...args, q.offset + q.limit) as Key[];
  }
  const total = confirmedTotal + pendingKeys.length;
  // Only keys are sorted; full rows (file counts, outbox state) are built for one page.
  const ids = [...pendingKeys, ...confirmedKeys]
    .sort(compareKeys)
    .slice(q.offset, q.offset + q.limit)
    .map((k) => k.id);
  if (ids.length === 0) return { items: [], total };
  const marks = ids.map(() => '?').join(', ');
  const rows = sqlite
    .prepare(
      `${itemsCte(`d.id IN (${marks})`, `p.id IN (${marks})`)} SELECT * FROM items
       ORDER BY year DESC, arrival_number IS NULL DESC, arrival_number DESC, created_at DESC`,
    )
    .all(...ids, ...ids) as ItemRow[];
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
