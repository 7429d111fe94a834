/**
 * Content-addressed file cache: dataDir/files/ab/<sha256>. Bytes are stored exactly as received
 * (written to a temp file, then renamed, so a reader never sees half a file).
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type BlobStore = ReturnType<typeof createBlobStore>;

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function createBlobStore(root: string) {
  const pathOf = (sha: string) => join(root, sha.slice(0, 2), sha);
  return {
    pathOf,
    has: (sha: string) => existsSync(pathOf(sha)),
    /** Stores the bytes and returns their SHA-256. Idempotent. */
    put(bytes: Uint8Array): string {
      const sha = sha256Of(bytes);
      const target = pathOf(sha);
      if (existsSync(target)) return sha;
      mkdirSync(join(root, sha.slice(0, 2)), { recursive: true });
      const tmp = `${target}.${randomUUID()}.tmp`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, target);
      return sha;
    },
    read(sha: string): Buffer {
      return readFileSync(pathOf(sha));
    },
    clear(): void {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
