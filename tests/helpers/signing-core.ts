/**
 * Signing tests through a real core: put PDFs straight into the core's file cache (as a synced file would be,
 * bypassing intake checks) and read signed files back through the contract.
 */
import { join } from 'node:path';
import { createBlobStore } from '../../src-main/core/files/blob-store';
import type { OfflineCore } from '../../src-main/core/testing/offline-core';

export function cacheFile(core: OfflineCore, name: string, bytes: Uint8Array): string {
  const sha256 = createBlobStore(join(core.dir, 'files')).put(bytes);
  core.core.ctx.replica.sqlite
    .prepare('INSERT OR IGNORE INTO local_blobs (sha256, size, name, mime, page_count, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(sha256, bytes.byteLength, name, 'application/pdf', 1, new Date().toISOString());
  return sha256;
}

export async function readCached(core: OfflineCore, sha256: string): Promise<Uint8Array> {
  const file = await core.client.call('files.read', { sha256 });
  return new Uint8Array(Buffer.from(file.contentBase64, 'base64'));
}
