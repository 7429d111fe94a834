/**
 * Content-addressed file storage with tus-like resumable uploads.
 *
 * Partial bytes live in `dataDir/blobs/partial/<sha>`; their length IS the upload offset, so an upload cut off
 * mid-chunk resumes from whatever reached the disk. On the last byte the whole file is hashed: a match moves it
 * to `dataDir/blobs/ab/cd/<sha>` and marks the `blobs` row complete; a mismatch discards the partial.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { eq } from 'drizzle-orm';
import { AppError } from '../../src-shared/contract/errors';
import { MAX_FILE_BYTES } from '../../src-shared/sync/protocol';
import type { Db } from '../db/client';
import { blobs } from '../db/schema';

export type BlobStatus =
  | { state: 'complete'; size: number }
  | { state: 'partial'; offset: number; length: number }
  | { state: 'unknown' };

export type AppendResult = { complete: boolean; offset: number; length: number };

export type BlobStore = {
  status(sha: string): Promise<BlobStatus>;
  append(sha: string, offset: number, length: number, body: Readable): Promise<AppendResult>;
  completePath(sha: string): string;
};

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

export function createBlobStore(db: Db, dataDir: string): BlobStore {
  const root = path.join(dataDir, 'blobs');
  const partialPath = (sha: string) => path.join(root, 'partial', sha);
  const completePath = (sha: string) => path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
  // One writer per blob within this instance; appends to the same partial file must not interleave.
  const locks = new Map<string, Promise<unknown>>();
  const withLock = <T>(sha: string, fn: () => Promise<T>): Promise<T> => {
    const prev = locks.get(sha) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    locks.set(sha, tail);
    void tail.then(() => {
      if (locks.get(sha) === tail) locks.delete(sha);
    });
    return run;
  };

  async function row(sha: string) {
    const [r] = await db.select().from(blobs).where(eq(blobs.sha256, sha));
    return r ?? null;
  }

  async function status(sha: string): Promise<BlobStatus> {
    const r = await row(sha);
    if (!r) return { state: 'unknown' };
    if (r.complete) return { state: 'complete', size: r.size };
    return { state: 'partial', offset: await sizeOf(partialPath(sha)), length: r.size };
  }

  function append(sha: string, offset: number, length: number, body: Readable): Promise<AppendResult> {
    if (length > MAX_FILE_BYTES) {
      body.resume();
      return Promise.reject(new AppError('FILE_TOO_LARGE'));
    }
    return withLock(sha, async () => {
      let r = await row(sha);
      if (r?.complete) {
        body.resume();
        return { complete: true, offset: r.size, length: r.size };
      }
      if (r && r.size !== length) {
        // The client changed its mind about the size: the old partial cannot be part of this upload.
        await unlink(partialPath(sha)).catch(() => undefined);
        await db.update(blobs).set({ size: length }).where(eq(blobs.sha256, sha));
        r = { ...r, size: length };
      }
      if (!r) await db.insert(blobs).values({ sha256: sha, size: length, complete: false }).onConflictDoNothing();
      const file = partialPath(sha);
      const current = await sizeOf(file);
      if (offset !== current) {
        body.resume();
        throw new AppError('CONFLICT', `Vị trí tải lên không khớp (máy chủ đang có ${current} byte). Hệ thống sẽ tải tiếp từ đúng vị trí.`, {
          offset: current,
        });
      }
      await mkdir(path.dirname(file), { recursive: true });
      let received = current;
      const limiter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          received += chunk.length;
          if (received > length) cb(new AppError('INVALID_INPUT', 'Dữ liệu tải lên vượt quá kích thước tệp đã khai báo.'));
          else cb(null, chunk);
        },
      });
      try {
        await pipeline(body, limiter, createWriteStream(file, { flags: 'a' }));
      } catch (err) {
        // Bytes already on disk stay: the client resumes from the new offset.
        if (err instanceof AppError) {
          await unlink(file).catch(() => undefined);
          throw err;
        }
        throw new AppError('INVALID_INPUT', 'Đường truyền bị ngắt khi đang tải tệp. Hệ thống sẽ tải tiếp phần còn lại.');
      }
      const size = await sizeOf(file);
      if (size < length) return { complete: false, offset: size, length };
      const actual = await sha256OfFile(file);
      if (actual !== sha) {
        await unlink(file).catch(() => undefined);
        throw new AppError('HASH_MISMATCH');
      }
      const target = completePath(sha);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(file, target);
      await db.update(blobs).set({ complete: true, size: length }).where(eq(blobs.sha256, sha));
      return { complete: true, offset: length, length };
    });
  }

  return { status, append, completePath };
}

/** Stores bytes already in memory (seed data); same layout and checks as an upload. */
export async function putBlob(store: BlobStore, sha: string, bytes: Uint8Array): Promise<void> {
  const st = await store.status(sha);
  if (st.state === 'complete') return;
  const offset = st.state === 'partial' ? st.offset : 0;
  await store.append(sha, offset, bytes.length, Readable.from([Buffer.from(bytes.subarray(offset))]));
}
