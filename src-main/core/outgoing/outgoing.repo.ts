/**
 * Read side of văn bản đi on the desktop: confirmed rows (outgoing_rows) and this desktop's pending outgoing.* mutations
 * (outbox), plus the small outbox/blob-queue writes every outgoing use case shares.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/contract/errors';
import type { User } from '../../../src-shared/domain/entities';
import { OUTGOING_MANAGERS, type OutgoingFileRef } from '../../../src-shared/domain/outgoing';
import type { OutgoingEntity } from '../../../src-shared/sync/changes-outgoing';
import { parseMutationArgs, type MutationArgs, type MutationName } from '../../../src-shared/sync/mutations';

export function rowsOf<T>(sqlite: Database.Database, entity: OutgoingEntity, parentId?: string): T[] {
  const list = (parentId === undefined
    ? sqlite.prepare('SELECT data FROM outgoing_rows WHERE entity = ?').pluck().all(entity)
    : sqlite.prepare('SELECT data FROM outgoing_rows WHERE entity = ? AND parent_id = ?').pluck().all(entity, parentId)) as string[];
  return list.map((d) => JSON.parse(d) as T);
}

export function rowOf<T>(sqlite: Database.Database, entity: OutgoingEntity, id: string): T | null {
  const d = sqlite.prepare('SELECT data FROM outgoing_rows WHERE entity = ? AND id = ?').pluck().get(entity, id) as string | undefined;
  return d ? (JSON.parse(d) as T) : null;
}

export type PendingMutation = {
  outboxId: number;
  name: MutationName;
  args: Record<string, unknown>;
  state: 'pending' | 'rejected';
  rejectReason: string | null;
  queuedAt: string;
};

/** This desktop's outgoing.* mutations not yet confirmed (or refused), in queue order. */
export function pendingOutgoing(sqlite: Database.Database): PendingMutation[] {
  const rows = sqlite
    .prepare("SELECT id, name, args, status, error_message AS msg, created_at AS at FROM outbox WHERE name LIKE 'outgoing.%' ORDER BY id")
    .all() as { id: number; name: MutationName; args: string; status: 'pending' | 'rejected'; msg: string | null; at: string }[];
  return rows.map((r) => ({
    outboxId: r.id, name: r.name, args: JSON.parse(r.args) as Record<string, unknown>, state: r.status, rejectReason: r.msg, queuedAt: r.at,
  }));
}

/** Appends a mutation to the outbox (call inside the use case's transaction). */
export function enqueue<N extends MutationName>(sqlite: Database.Database, userId: string, name: N, args: MutationArgs<N>, at: string): number {
  const checked = parseMutationArgs(name, args);
  const id = sqlite.prepare('SELECT next_mutation_id FROM sync_state WHERE id = 1').pluck().get() as number;
  sqlite.prepare('UPDATE sync_state SET next_mutation_id = ? WHERE id = 1').run(id + 1);
  sqlite
    .prepare("INSERT INTO outbox (id, name, args, status, user_id, created_at) VALUES (?, ?, ?, 'pending', ?, ?)")
    .run(id, name, JSON.stringify(checked), userId, at);
  return id;
}

/** Files the server must receive before the mutation that refers to them. */
export function queueUploads(sqlite: Database.Database, files: OutgoingFileRef[], at: string): void {
  const queue = sqlite.prepare('INSERT OR IGNORE INTO blob_queue (sha256, size, created_at, next_attempt_at) VALUES (?, ?, ?, ?)');
  for (const f of files) queue.run(f.sha256, f.size, at, at);
}

/** A staged (or cached) file as a reference for a draft; `want` restricts the kind of file. */
export function fileRef(sqlite: Database.Database, f: { sha256: string; name: string }, want: 'pdf' | 'docx' | 'any'): OutgoingFileRef {
  const row = sqlite.prepare('SELECT size, mime, page_count AS pageCount FROM local_blobs WHERE sha256 = ?').get(f.sha256) as
    | { size: number; mime: string; pageCount: number | null }
    | undefined;
  if (!row) throw new AppError('FILE_INVALID', `Tệp "${f.name}" chưa được nạp vào máy (có thể đã bị xóa). Vui lòng chọn lại tệp.`);
  if (want === 'pdf' && row.mime !== 'application/pdf') {
    throw new AppError('FILE_INVALID', `Tệp "${f.name}" không phải PDF. Dự thảo cần bản PDF (xuất từ Word: Tệp → Lưu thành PDF).`);
  }
  if (want === 'docx' && !/wordprocessingml|msword/.test(row.mime) && !/\.docx?$/i.test(f.name)) {
    throw new AppError('FILE_INVALID', `Tệp "${f.name}" không phải tệp Word (.docx).`);
  }
  return { sha256: f.sha256, name: f.name, size: row.size, mime: row.mime, pageCount: row.pageCount };
}

export function userName(sqlite: Database.Database, id: string | null): string | null {
  if (!id) return null;
  return (sqlite.prepare('SELECT full_name FROM users WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
}

export function unitName(sqlite: Database.Database, id: string | null): string | null {
  if (!id) return null;
  return (sqlite.prepare('SELECT name FROM units WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
}

/** Name, type and size of a file of a draft version or an issued document this replica knows (for files.read). */
export function outgoingFileMeta(sqlite: Database.Database, sha256: string): { name: string; mime: string; size: number; pageCount: number | null } | null {
  const rows = sqlite
    .prepare("SELECT data FROM outgoing_rows WHERE entity IN ('draftVersion', 'outgoingDocument') AND instr(data, ?) > 0 LIMIT 5")
    .pluck()
    .all(sha256) as string[];
  for (const raw of rows) {
    const d = JSON.parse(raw) as Record<string, unknown>;
    const refs = [d.pdf, d.docx, d.signedPdf, d.issuedPdf, ...((d.attachments ?? d.issuedAttachments ?? []) as unknown[])] as (OutgoingFileRef | null | undefined)[];
    const ref = refs.find((r) => r?.sha256 === sha256);
    if (ref) return { name: ref.name, mime: ref.mime, size: ref.size, pageCount: ref.pageCount };
  }
  return null;
}

/** Clerk (or admin) only: `what` completes the Vietnamese refusal ("cấp số và phát hành văn bản"). */
export function requireManager(user: User, what: string): User {
  if (!OUTGOING_MANAGERS.has(user.role)) throw new AppError('FORBIDDEN', `Chỉ văn thư được ${what}. Vui lòng chuyển cho văn thư.`);
  return user;
}
