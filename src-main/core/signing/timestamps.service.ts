/**
 * RFC 3161 timestamps in the core: the TSA the agency configured (settings.json `tsaUrl`), the durable queue of
 * signed files that were signed while it did not answer, and the retry that later adds a /DocTimeStamp to them
 * (PAdES: one more incremental update, earlier signatures stay valid). The timestamped file is a new
 * content-addressed file; `from → to` is recorded so the UI and attachments can follow the replacement.
 * Retries run when asked (signing.retryTimestamps), after each batch, and every `retryMs` while files wait.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SignedFileTarget, TimestampStatus } from '../../../src-shared/contract/methods-signing';
import { createTimestampQueue, processTimestampQueue } from './timestamp-queue';
import { createTsaClient, type TsaClient } from './tsa';

export type TimestampedFile = { from: string; to: string; name: string; at: string; attachTo?: SignedFileTarget };

export type TimestampServiceDeps = {
  dir: string;
  readTsaUrl: () => string | null;
  saveTsaUrl: (url: string | null) => void;
  readPdf: (sha256: string) => Promise<Uint8Array>;
  storePdf: (name: string, bytes: Uint8Array) => string;
  onTimestamped: (file: TimestampedFile) => Promise<void> | void;
  /** Default: the HTTP client of tsa.ts. Tests may pass another real client. */
  tsaClient?: (url: string) => TsaClient;
  retryMs?: number;
  log?: (message: string) => void;
  now?: () => Date;
};

const DEFAULT_RETRY_MS = 5 * 60_000;

export function createTimestampService(deps: TimestampServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const queue = createTimestampQueue(join(deps.dir, 'pending'), now);
  const doneDir = join(deps.dir, 'done');
  mkdirSync(doneDir, { recursive: true });
  const clientFor = deps.tsaClient ?? ((url: string) => createTsaClient({ url }));
  let running: Promise<TimestampStatus> | null = null;
  let timer: NodeJS.Timeout | null = null;

  function tsa(): TsaClient | undefined {
    const url = deps.readTsaUrl();
    return url ? clientFor(url) : undefined;
  }

  function completed(): TimestampedFile[] {
    return readdirSync(doneDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(doneDir, f), 'utf8')) as TimestampedFile)
      .sort((a, b) => a.at.localeCompare(b.at));
  }

  function status(): TimestampStatus {
    return {
      tsaUrl: deps.readTsaUrl(),
      pending: queue.pending().map((e) => ({
        sha256: e.documentId,
        name: e.name ?? `${e.documentId.slice(0, 12)}.pdf`,
        queuedAt: e.queuedAt,
        attempts: e.attempts,
        lastError: e.lastError ?? null,
      })),
      completed: completed().map(({ from, to, name, at }) => ({ from, to, name, at })),
    };
  }

  async function runOnce(): Promise<TimestampStatus> {
    const client = tsa();
    if (client && queue.pending().length > 0) {
      const records = new Map<string, TimestampedFile>();
      const { done } = await processTimestampQueue({
        queue,
        tsa: client,
        load: (sha256) => deps.readPdf(sha256),
        save: async (from, pdf, entry) => {
          const name = entry.name ?? `${from.slice(0, 12)}.pdf`;
          const to = deps.storePdf(name, pdf);
          const record: TimestampedFile = { from, to, name, at: now().toISOString(), ...(entry.attachTo ? { attachTo: entry.attachTo } : {}) };
          // Written before the queue entry is removed: a crash in between re-stamps at worst, never loses the link.
          const file = join(doneDir, `${createHash('sha256').update(from).digest('hex')}.json`);
          writeFileSync(`${file}.tmp`, JSON.stringify(record), { flush: true });
          renameSync(`${file}.tmp`, file);
          records.set(from, record);
        },
      });
      // Announced once the queue entries are gone, so listeners see the final state.
      for (const id of done) await deps.onTimestamped(records.get(id)!);
    }
    return status();
  }

  /**
   * One run at a time. A call while one runs gets a fresh run after it (the TSA may have come back since that
   * one started), never the older outcome.
   */
  function retry(): Promise<TimestampStatus> {
    const next = (running ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => runOnce());
    running = next;
    void next
      .finally(() => {
        if (running === next) running = null;
      })
      .catch(() => undefined);
    return next;
  }

  return {
    tsa,
    status,
    retry,
    settings: () => ({ tsaUrl: deps.readTsaUrl() }),
    setTsaUrl(url: string | null) {
      deps.saveTsaUrl(url);
      // A newly configured TSA may serve what waits already.
      if (url) void retry().catch((err: unknown) => deps.log?.(`timestamp retry failed: ${String(err)}`));
      return { tsaUrl: deps.readTsaUrl() };
    },
    enqueue: (sha256: string, name: string, attachTo?: SignedFileTarget) => queue.enqueue(sha256, { name, ...(attachTo ? { attachTo } : {}) }),
    start() {
      timer = setInterval(() => {
        if (running || queue.pending().length === 0) return;
        retry().catch((err: unknown) => deps.log?.(`timestamp retry failed: ${String(err)}`));
      }, deps.retryMs ?? DEFAULT_RETRY_MS);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}

export type TimestampService = ReturnType<typeof createTimestampService>;
