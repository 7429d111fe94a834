/**
 * Reading a document file: from the local content cache, else downloaded from the server in resumable chunks, checked
 * against its SHA-256 and cached (sync/blob-downloader.ts). Offline and not cached: FILE_UNAVAILABLE_OFFLINE.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/contract/errors';
import type { BlobStore } from '../files/blob-store';
import type { BlobDownloader } from '../sync/blob-downloader';
import { outgoingFileMeta } from '../outgoing/outgoing.repo';
import { routingFileMeta } from '../routing/routing-outbox';

export type FilesDeps = {
  sqlite: Database.Database;
  blobs: BlobStore;
  downloads: BlobDownloader;
  requireUser: () => unknown;
  /** False while the session is offline or has no token. */
  canReachServer: () => boolean;
};

export function createFilesService(deps: FilesDeps) {
  const { sqlite, blobs } = deps;

  function describe(sha256: string): { name: string; mime: string; size: number; pageCount: number | null } | null {
    const local = sqlite.prepare('SELECT name, mime, size, page_count AS pageCount FROM local_blobs WHERE sha256 = ?').get(sha256);
    if (local) return local as { name: string; mime: string; size: number; pageCount: number | null };
    const known = sqlite
      .prepare('SELECT name, mime, size, page_count AS pageCount FROM document_files WHERE sha256 = ? LIMIT 1')
      .get(sha256);
    return (known as { name: string; mime: string; size: number; pageCount: number | null } | undefined) ?? outgoingFileMeta(sqlite, sha256) ?? routingFileMeta(sqlite, sha256);
  }

  return {
    async read(sha256: string): Promise<{ name: string; mime: string; contentBase64: string }> {
      deps.requireUser();
      const meta = describe(sha256);
      if (!meta) throw new AppError('NOT_FOUND', 'Không tìm thấy tệp này trong các văn bản bạn được xem.');
      if (blobs.has(sha256)) {
        return { name: meta.name, mime: meta.mime, contentBase64: blobs.read(sha256).toString('base64') };
      }
      if (!deps.canReachServer()) throw new AppError('FILE_UNAVAILABLE_OFFLINE');
      try {
        await deps.downloads.download(sha256, meta.size);
      } catch (err) {
        if (err instanceof AppError && (err.code === 'SERVER_UNREACHABLE' || err.code === 'UNAUTHENTICATED')) {
          throw new AppError('FILE_UNAVAILABLE_OFFLINE');
        }
        throw err;
      }
      const bytes = blobs.read(sha256);
      sqlite
        .prepare(
          `INSERT INTO local_blobs (sha256, size, name, mime, page_count, created_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(sha256) DO NOTHING`,
        )
        .run(sha256, bytes.byteLength, meta.name, meta.mime, meta.pageCount, new Date().toISOString());
      return { name: meta.name, mime: meta.mime, contentBase64: Buffer.from(bytes).toString('base64') };
    },
  };
}
