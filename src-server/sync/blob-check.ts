/** Shared by the appliers: the files a mutation refers to must be fully uploaded (complete blob of the stated size). */
import { and, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../src-shared/contract/errors';
import type { Tx } from '../db/client';
import { blobs } from '../db/schema';

/** `retry` completes the Vietnamese message: what the user does once the upload finished ("vào sổ lại", "thử lại"). */
export async function requireUploadedBlobs(tx: Tx, files: { sha256: string; size: number; name: string }[], retry: string): Promise<void> {
  if (files.length === 0) return;
  const stored = await tx
    .select({ sha256: blobs.sha256, size: blobs.size })
    .from(blobs)
    .where(and(inArray(blobs.sha256, [...new Set(files.map((f) => f.sha256))]), eq(blobs.complete, true)));
  const sizeOf = new Map(stored.map((b) => [b.sha256, b.size]));
  for (const f of files) {
    if (sizeOf.get(f.sha256) !== f.size) {
      throw new AppError('FILE_INVALID', `Tệp "${f.name}" chưa được tải lên máy chủ đầy đủ. Hệ thống sẽ tải lại tệp; vui lòng ${retry} sau khi tệp tải xong.`);
    }
  }
}
