/**
 * Documents signed while no TSA answered wait here for a document timestamp (PAdES: a /DocTimeStamp added
 * as one more incremental update). One small JSON file per document, written to a temp name and renamed, so
 * a crash never leaves a half-written entry and nothing is lost between app restarts.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/contract/errors';
import { digestByteRange, embedCms, prepareSignatureRevision } from './pdf-incremental';
import type { TsaClient } from './tsa';

/** `name` and `attachTo` travel with the entry so the timestamped file can be stored and attached like the signed one. */
export type PendingTimestamp = {
  documentId: string;
  queuedAt: string;
  attempts: number;
  lastError?: string;
  name?: string;
  attachTo?: { kind: 'incoming' | 'draft' | 'outgoing'; id: string };
};

export type TimestampQueue = {
  enqueue(documentId: string, extra?: Pick<PendingTimestamp, 'name' | 'attachTo'>): Promise<void>;
  pending(): PendingTimestamp[];
  recordFailure(documentId: string, error: string): void;
  complete(documentId: string): void;
};

export function createTimestampQueue(dir: string, now: () => Date = () => new Date()): TimestampQueue {
  mkdirSync(dir, { recursive: true });
  const fileOf = (id: string) => join(dir, `${createHash('sha256').update(id).digest('hex')}.json`);
  const write = (entry: PendingTimestamp) => {
    const tmp = `${fileOf(entry.documentId)}.tmp`;
    writeFileSync(tmp, JSON.stringify(entry), { flush: true });
    renameSync(tmp, fileOf(entry.documentId));
  };
  const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as PendingTimestamp;
  return {
    async enqueue(documentId, extra) {
      write({ documentId, queuedAt: now().toISOString(), attempts: 0, ...extra });
    },
    pending() {
      return readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => read(join(dir, f)))
        .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
    },
    recordFailure(documentId, error) {
      const entry = read(fileOf(documentId));
      write({ ...entry, attempts: entry.attempts + 1, lastError: error });
    },
    complete(documentId) {
      rmSync(fileOf(documentId), { force: true });
    },
  };
}

/** Appends a document timestamp (ETSI.RFC3161) over the whole file as it is now. */
export async function addDocumentTimestamp(pdf: Uint8Array, tsa: TsaClient, now: Date = new Date()): Promise<Uint8Array> {
  const prepared = await prepareSignatureRevision(pdf, {
    fieldName: `DauThoiGian-${now.getTime()}`,
    kind: 'docTimeStamp',
    signingTime: now,
    contentsBytes: 12 * 1024,
  });
  const token = await tsa.timestamp(digestByteRange(prepared));
  return embedCms(prepared, token);
}

/**
 * Tries every queued document once. A document stays queued while the TSA is unreachable; it is removed
 * only after its timestamped version has been saved.
 */
export async function processTimestampQueue(args: {
  queue: TimestampQueue;
  tsa: TsaClient;
  load(documentId: string): Promise<Uint8Array>;
  save(documentId: string, pdf: Uint8Array, entry: PendingTimestamp): Promise<void>;
}): Promise<{ done: string[]; stillPending: string[] }> {
  const done: string[] = [];
  const stillPending: string[] = [];
  for (const entry of args.queue.pending()) {
    try {
      const stamped = await addDocumentTimestamp(await args.load(entry.documentId), args.tsa);
      await args.save(entry.documentId, stamped, entry);
      args.queue.complete(entry.documentId);
      done.push(entry.documentId);
    } catch (err) {
      args.queue.recordFailure(entry.documentId, err instanceof AppError ? err.code : String(err));
      stillPending.push(entry.documentId);
    }
  }
  return { done, stillPending };
}
