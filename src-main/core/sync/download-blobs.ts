/**
 * "Keep available offline": the files of documents the user keeps are downloaded in the background through a durable
 * queue (table download_queue, so it survives restarts). A download that keeps failing is never dropped: it waits
 * longer after each failure (≤ 1 h, with jitter) and is tried again. An entry leaves the queue only when its bytes
 * are cached and checked, or when no kept document the user may see refers to it any more. Each file travels in
 * resumable Range chunks (blob-downloader.ts): a retry, even after a restart, continues where the bytes stopped.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/contract/errors';
import type { BlobStore } from '../files/blob-store';
import type { BlobDownloader } from './blob-downloader';

const MAX_WAIT_MS = 60 * 60_000;

/** Delay before attempt n+1 after n failures: 2 s, 4 s, … capped at 1 h, ±20 % jitter so desktops spread out. */
export function downloadRetryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_WAIT_MS, 1000 * 2 ** Math.min(attempts, 22));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export function setDocumentOffline(sqlite: Database.Database, documentId: string, keep: boolean): { id: string; keep: boolean } {
  const known =
    sqlite.prepare('SELECT 1 FROM incoming_documents WHERE id = ?').get(documentId) ??
    sqlite.prepare('SELECT 1 FROM pending_incoming WHERE id = ?').get(documentId);
  if (!known) throw new AppError('NOT_FOUND', 'Không tìm thấy văn bản này trong các văn bản bạn được xem.');
  if (keep) {
    sqlite.prepare('INSERT OR IGNORE INTO offline_documents (document_id, kept_at) VALUES (?, ?)').run(documentId, new Date().toISOString());
  } else {
    sqlite.prepare('DELETE FROM offline_documents WHERE document_id = ?').run(documentId);
  }
  return { id: documentId, keep };
}

/**
 * Queues the files of kept documents that are not cached yet, and forgets entries nobody needs any more
 * (returned, so their partial bytes can be dropped).
 */
export function enqueueOfflineFiles(sqlite: Database.Database, blobs: BlobStore): string[] {
  const now = new Date().toISOString();
  let unwanted: string[] = [];
  sqlite.transaction(() => {
    const wanted = sqlite
      .prepare(
        `SELECT DISTINCT f.sha256, f.size FROM document_files f JOIN offline_documents o ON o.document_id = f.document_id
         WHERE f.sha256 NOT IN (SELECT sha256 FROM local_blobs)`,
      )
      .all() as { sha256: string; size: number }[];
    const insert = sqlite.prepare(
      'INSERT OR IGNORE INTO download_queue (sha256, size, attempts, next_attempt_at, created_at) VALUES (?, ?, 0, ?, ?)',
    );
    for (const f of wanted) if (!blobs.has(f.sha256)) insert.run(f.sha256, f.size, now, now);
    unwanted = sqlite
      .prepare(
        `DELETE FROM download_queue WHERE sha256 NOT IN (
           SELECT f.sha256 FROM document_files f JOIN offline_documents o ON o.document_id = f.document_id)
         RETURNING sha256`,
      )
      .pluck()
      .all() as string[];
  })();
  return unwanted;
}

export type DownloadDeps = { sqlite: Database.Database; downloads: BlobDownloader };

/**
 * Downloads the due entries, one at a time. Failures are recorded on the entry (attempts, next attempt, reason) and
 * never abort the sync run; an unreachable server stops this round (the next sync run tries again).
 * Returns how many files arrived.
 */
export async function downloadQueuedBlobs(deps: DownloadDeps, onProgress?: (done: number, total: number) => void): Promise<number> {
  const { sqlite, downloads } = deps;
  const due = sqlite
    .prepare('SELECT sha256, size, attempts FROM download_queue WHERE next_attempt_at <= ? ORDER BY next_attempt_at, sha256')
    .all(new Date().toISOString()) as { sha256: string; size: number; attempts: number }[];
  const total = due.reduce((n, d) => n + d.size, 0);
  const checkpoint = sqlite.prepare('UPDATE download_queue SET received_bytes = ? WHERE sha256 = ?');
  let done = 0;
  let arrived = 0;
  for (const entry of due) {
    try {
      await downloads.download(entry.sha256, entry.size, {
        onBytes: (received) => onProgress?.(done + received, total),
        onCheckpoint: (received) => checkpoint.run(received, entry.sha256),
      });
      const meta = sqlite.prepare('SELECT name, mime, page_count AS pageCount FROM document_files WHERE sha256 = ? LIMIT 1').get(entry.sha256) as
        | { name: string; mime: string; pageCount: number | null }
        | undefined;
      sqlite.transaction(() => {
        sqlite
          .prepare(
            `INSERT INTO local_blobs (sha256, size, name, mime, page_count, created_at) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT(sha256) DO NOTHING`,
          )
          .run(entry.sha256, entry.size, meta?.name ?? entry.sha256, meta?.mime ?? 'application/octet-stream', meta?.pageCount ?? null,
            new Date().toISOString());
        sqlite.prepare('DELETE FROM download_queue WHERE sha256 = ?').run(entry.sha256);
      })();
      arrived++;
    } catch (err) {
      const attempts = entry.attempts + 1;
      const reason = err instanceof AppError ? `${err.code}: ${err.message}` : String(err);
      sqlite
        .prepare('UPDATE download_queue SET attempts = ?, next_attempt_at = ?, last_error = ?, received_bytes = ? WHERE sha256 = ?')
        .run(attempts, new Date(Date.now() + downloadRetryDelayMs(attempts)).toISOString(), reason, downloads.receivedBytes(entry.sha256),
          entry.sha256);
      if (err instanceof AppError && err.code === 'SERVER_UNREACHABLE') break;
    }
    done += entry.size;
    onProgress?.(done, total);
  }
  return arrived;
}
