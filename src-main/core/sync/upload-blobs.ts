/**
 * The durable file queue: uploads in UPLOAD_CHUNK_BYTES chunks, resuming from the server's offset (HEAD).
 * A file that fails is retried later with a growing delay, never dropped; it leaves the queue only when the
 * server says it holds the whole, checked file.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/contract/errors';
import { UPLOAD_CHUNK_BYTES } from '../../../src-shared/sync/protocol';
import type { BlobStore } from '../files/blob-store';
import type { ServerApi } from './server-api';

type QueueRow = { sha256: string; size: number; uploaded_offset: number; attempts: number };

export type UploadProgress = (done: number, total: number) => void;

/** Errors that mean "the server is not there": stop the whole run and let the engine back off. */
export const isTransportError = (err: unknown) =>
  err instanceof AppError && (err.code === 'SERVER_UNREACHABLE' || err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_EXPIRED');

export async function uploadQueuedBlobs(
  deps: { sqlite: Database.Database; api: ServerApi; blobs: BlobStore; now?: () => Date },
  onProgress: UploadProgress,
): Promise<void> {
  const { sqlite, api, blobs } = deps;
  const now = deps.now ?? (() => new Date());
  const due = sqlite
    .prepare('SELECT sha256, size, uploaded_offset, attempts FROM blob_queue WHERE next_attempt_at <= ? ORDER BY created_at, sha256')
    .all(now().toISOString()) as QueueRow[];
  const total = due.reduce((s, r) => s + r.size, 0);
  let done = due.reduce((s, r) => s + r.uploaded_offset, 0);
  for (const row of due) {
    try {
      const status = await api.blobStatus(row.sha256);
      let offset = status.complete ? row.size : status.offset;
      done += offset - row.uploaded_offset;
      onProgress(done, total);
      if (!status.complete && offset < row.size) {
        const bytes = blobs.read(row.sha256);
        while (offset < row.size) {
          const chunk = bytes.subarray(offset, Math.min(offset + UPLOAD_CHUNK_BYTES, row.size));
          const next = await api.uploadChunk(row.sha256, offset, row.size, chunk);
          const reached = next === 'complete' ? row.size : next;
          // 409 with an offset behind ours, or a stuck server: do not loop forever, retry this file later.
          if (reached === offset) throw new AppError('CONFLICT', `upload made no progress at ${offset}`);
          done += reached - offset;
          offset = reached;
          sqlite.prepare('UPDATE blob_queue SET uploaded_offset = ? WHERE sha256 = ?').run(offset, row.sha256);
          onProgress(done, total);
        }
      }
      sqlite.prepare('DELETE FROM blob_queue WHERE sha256 = ?').run(row.sha256);
    } catch (err) {
      if (isTransportError(err)) throw err;
      // The server refused this file (hash mismatch, bad offset…): retry it later from the server's offset.
      const attempts = row.attempts + 1;
      const delayMs = Math.min(3600_000, 5000 * 2 ** Math.min(attempts, 10));
      sqlite
        .prepare('UPDATE blob_queue SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE sha256 = ?')
        .run(attempts, new Date(now().getTime() + delayMs).toISOString(), err instanceof Error ? err.message : String(err), row.sha256);
    }
  }
}
