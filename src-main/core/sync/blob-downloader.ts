/**
 * Resumable, checked downloads into the content-addressed cache (dataDir/files/ab/<sha256>).
 *
 * Bytes arrive in HTTP Range requests of `chunkBytes` and are appended to `<cache path>.part` as they come, so a body
 * cut midway, a dropped link or a restart loses nothing: the next attempt asks for `bytes=<part size>-…`. The file
 * enters the cache (an atomic rename) only after the SHA-256 of the whole `.part` matched its name; a mismatch throws
 * the partial bytes away. One download per file at a time within this core (the queue and an on-demand read of the
 * same file must not append to the same `.part` together).
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../src-shared/contract/errors';
import type { BlobStore } from '../files/blob-store';
import type { ServerApi } from './server-api';

/** 1 MiB per request: small enough that a cut on a slow commune link costs little, large enough to keep round trips rare. */
export const DOWNLOAD_CHUNK_BYTES = 1024 * 1024;
/** Requests in a row that brought no byte before an attempt gives up (the queue retries it later). */
const MAX_STALLS = 3;

export type DownloadProgress = {
  /** Bytes of this file on disk so far (resumed bytes included), after each piece written. */
  onBytes?: (received: number) => void;
  /** After each range request (complete or cut): a checkpoint worth recording. */
  onCheckpoint?: (received: number) => void;
};

export type BlobDownloader = ReturnType<typeof createBlobDownloader>;

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** Appends the response body to the part file as it arrives; returns the new size. Throws when the body is cut. */
async function appendBody(res: Response, part: string, offset: number, size: number, onBytes?: (n: number) => void): Promise<number> {
  if (!res.body) return offset;
  const fd = openSync(part, 'a');
  try {
    for await (const piece of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (offset + piece.byteLength > size) throw new AppError('PROTOCOL_MISMATCH', `more bytes than the file's ${size}`);
      writeSync(fd, piece);
      offset += piece.byteLength;
      onBytes?.(offset);
    }
    return offset;
  } finally {
    closeSync(fd);
  }
}

export function createBlobDownloader(deps: { api: ServerApi; blobs: BlobStore; chunkBytes?: number }) {
  const { api, blobs } = deps;
  const chunkBytes = deps.chunkBytes ?? DOWNLOAD_CHUNK_BYTES;
  const running = new Map<string, Promise<void>>();
  const partPathOf = (sha256: string) => `${blobs.pathOf(sha256)}.part`;

  async function run(sha256: string, size: number, progress: DownloadProgress): Promise<void> {
    const part = partPathOf(sha256);
    mkdirSync(dirname(part), { recursive: true });
    let offset = sizeOf(part);
    if (offset > size) {
      rmSync(part, { force: true });
      offset = 0;
    }
    progress.onBytes?.(offset);
    let stalls = 0;
    while (offset < size) {
      const res = await api.downloadRange(sha256, offset, Math.min(size, offset + chunkBytes) - 1);
      if (res.status === 416) {
        // Our partial file does not fit what the server holds: start over.
        await res.body?.cancel();
        rmSync(part, { force: true });
        offset = 0;
        if (++stalls >= MAX_STALLS) throw new AppError('PROTOCOL_MISMATCH', 'range not satisfiable');
        continue;
      }
      if (res.status === 200 && offset > 0) {
        // The server (or a proxy) ignored the Range header and sends the whole file from byte 0.
        rmSync(part, { force: true });
        offset = 0;
      } else if (res.status === 206) {
        const start = /^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '')?.[1];
        if (Number(start) !== offset) {
          await res.body?.cancel();
          throw new AppError('PROTOCOL_MISMATCH', `range answer starts at ${String(start)}, asked ${offset}`);
        }
      }
      const before = offset;
      try {
        offset = await appendBody(res, part, offset, size, progress.onBytes);
      } catch (err) {
        if (err instanceof AppError) throw err;
        // The body was cut midway: whatever reached the disk stays and the next request resumes after it.
        offset = sizeOf(part);
        if (offset === before && ++stalls >= MAX_STALLS) throw new AppError('SERVER_UNREACHABLE', undefined, { cause: String(err) });
      }
      if (offset > before) stalls = 0;
      progress.onCheckpoint?.(offset);
    }
    if ((await sha256OfFile(part)) !== sha256) {
      rmSync(part, { force: true });
      progress.onCheckpoint?.(0);
      throw new AppError('HASH_MISMATCH');
    }
    renameSync(part, blobs.pathOf(sha256));
  }

  return {
    partPathOf,
    /** Bytes of a file already downloaded but not yet checked. */
    receivedBytes: (sha256: string) => sizeOf(partPathOf(sha256)),
    /** Downloads (or finishes downloading) one file into the cache; resolves once the checked bytes are there. */
    async download(sha256: string, size: number, progress: DownloadProgress = {}): Promise<void> {
      for (;;) {
        if (blobs.has(sha256)) return;
        const other = running.get(sha256);
        if (!other) break;
        await other.catch(() => undefined);
      }
      const job = run(sha256, size, progress).finally(() => running.delete(sha256));
      running.set(sha256, job);
      await job;
    },
    /** A file nobody needs any more: drop its partial bytes. */
    forget(sha256: string): void {
      if (!running.has(sha256)) rmSync(partPathOf(sha256), { force: true });
    },
  };
}
