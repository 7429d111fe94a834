/**
 * Staging of a file the clerk picked or scanned: checked, typed by its bytes, stored content-addressed.
 * The staged sha256 is what documents.registerIncoming references.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/contract/errors';
import type { StagedFile } from '../../../src-shared/contract/methods';
import { MAX_FILE_BYTES } from '../../../src-shared/sync/protocol';
import type { BlobStore } from '../files/blob-store';
import { detectFile } from '../intake/detect-file';

export type IntakeDeps = { sqlite: Database.Database; blobs: BlobStore; requireUser: () => unknown };

const TOO_LARGE = `Tệp lớn hơn ${MAX_FILE_BYTES / 1024 / 1024} MB. Vui lòng quét ở độ phân giải thấp hơn (200 dpi là đủ) hoặc tách thành nhiều tệp.`;

export function createIntakeService(deps: IntakeDeps) {
  return {
    async stageFile(p: { name: string; mime?: string; contentBase64: string }): Promise<StagedFile> {
      deps.requireUser();
      // Refuse before decoding: base64 is 4 characters per 3 bytes.
      if (Math.floor((p.contentBase64.length * 3) / 4) > MAX_FILE_BYTES + 3) throw new AppError('FILE_TOO_LARGE', TOO_LARGE);
      const bytes = Buffer.from(p.contentBase64, 'base64');
      if (bytes.byteLength > MAX_FILE_BYTES) throw new AppError('FILE_TOO_LARGE', TOO_LARGE);
      const detected = await detectFile(p.name, bytes);
      const sha256 = deps.blobs.put(bytes);
      deps.sqlite
        .prepare(
          `INSERT INTO local_blobs (sha256, size, name, mime, page_count, created_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(sha256) DO UPDATE SET name = excluded.name`,
        )
        .run(sha256, bytes.byteLength, p.name, detected.mime, detected.pageCount, new Date().toISOString());
      return { sha256, name: p.name, size: bytes.byteLength, mime: detected.mime, pageCount: detected.pageCount };
    },
  };
}
