/**
 * The sync engine: uploads queued files, pushes the outbox, pulls pages, and keeps doing so.
 * Runs on login, after every local mutation, on sync.now, on a server poke (SSE), on a periodic timer, and on
 * retry timers with exponential backoff while the server is unreachable. One run at a time; a trigger during a
 * run schedules one more run. Never deletes an outbox entry the server has not answered for.
 */
import { rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { AppError, DEFAULT_MESSAGES } from '../../../src-shared/contract/errors';
import type { SyncStatus } from '../../../src-shared/contract/methods';
import { restoreIncomingFts, suspendIncomingFts } from '../db/incoming-fts';
import type { ReplicaRebuild } from '../db/open-db';
import type { BlobDownloader } from './blob-downloader';
import type { BlobStore } from '../files/blob-store';
import { SESSION_EXPIRED_MESSAGE, type AuthService } from '../services/auth.service';
import { ReplicaOwnerChangedError, applyPullPage } from './apply-pull';
import { createBackoff, type Backoff } from './backoff';
import { downloadQueuedBlobs, enqueueOfflineFiles } from './download-blobs';
import { pushOutbox } from './push-outbox';
import type { ServerApi } from './server-api';
import { readServerSentEvents } from './sse-reader';
import { uploadQueuedBlobs } from './upload-blobs';

/** Rows per pull page: the server maximum; per-page costs (one snapshot, several queries) dominated smaller pages. */
const PULL_PAGE_LIMIT = 5000;

export type Logger = (level: 'debug' | 'info' | 'warn' | 'error', msg: string, data?: unknown) => void;

export type SyncEngineDeps = {
  sqlite: Database.Database;
  api: ServerApi;
  blobs: BlobStore;
  downloads: BlobDownloader;
  auth: AuthService;
  emitStatus: (s: SyncStatus) => void;
  emitData: (entities: string[]) => void;
  log: Logger;
  periodicMs?: number;
  backoff?: Backoff;
  /** The replica was recreated when the core opened: tell the user until (and after) it is filled again. */
  replicaRebuilt?: ReplicaRebuild | null;
};

/** What the user reads about a recreated replica: first while it refills, then once it is whole again. */
export function rebuildNotice(rebuild: ReplicaRebuild, doneAt: Date | null): string {
  const why = rebuild.reason === 'damaged' ? 'bị hỏng' : 'bị mất';
  const kept = 'Các văn bản chưa đồng bộ trên máy này vẫn được giữ nguyên và sẽ được gửi lên máy chủ.';
  const aside = rebuild.movedTo ? ` Tệp hỏng được giữ lại (${rebuild.movedTo.split(/[\\/]/).pop()}) để bộ phận kỹ thuật kiểm tra.` : '';
  if (!doneAt) {
    return `Dữ liệu văn bản trên máy ${why} nên đang được tải lại từ máy chủ; danh sách sẽ đầy đủ khi đồng bộ xong. ${kept}${aside}`;
  }
  const hhmm = `${String(doneAt.getHours()).padStart(2, '0')}:${String(doneAt.getMinutes()).padStart(2, '0')}`;
  return `Dữ liệu văn bản trên máy ${why} và đã được tải lại đầy đủ từ máy chủ lúc ${hhmm}. ${kept}${aside}`;
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;

/** Whole percents: a status event per percent, not per network packet. */
const transferProgress = (done: number, total: number): number | null =>
  total > 0 ? Math.min(1, Math.floor((done / total) * 100) / 100) : null;

export function createSyncEngine(deps: SyncEngineDeps) {
  const { sqlite, api, auth, log } = deps;
  const backoff = deps.backoff ?? createBackoff();
  const sseBackoff = createBackoff();
  let closed = false;
  let online = false;
  let state: SyncStatus['state'] = 'signedOut';
  let lastError: string | null = null;
  let progress: number | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let periodic: NodeJS.Timeout | null = null;
  let sse: AbortController | null = null;
  let lastEmitted = '';
  let notice: string | null = deps.replicaRebuilt ? rebuildNotice(deps.replicaRebuilt, null) : null;
  let rebuildPending = Boolean(deps.replicaRebuilt);

  function status(): SyncStatus {
    const counts = sqlite
      .prepare(
        `SELECT (SELECT count(*) FROM outbox WHERE status = 'pending') AS pending,
                (SELECT count(*) FROM outbox WHERE status = 'rejected') AS rejected,
                (SELECT coalesce(sum(size - uploaded_offset), 0) FROM blob_queue)
                  + (SELECT coalesce(sum(size - received_bytes), 0) FROM download_queue) AS bytes,
                (SELECT last_success_at FROM sync_state WHERE id = 1) AS lastSuccessAt`,
      )
      .get() as { pending: number; rejected: number; bytes: number; lastSuccessAt: string | null };
    return {
      online,
      state,
      pendingMutations: counts.pending,
      pendingBytes: counts.bytes,
      rejectedMutations: counts.rejected,
      lastSuccessAt: counts.lastSuccessAt,
      lastError,
      progress,
      notice,
    };
  }

  function publish(): void {
    if (closed) return;
    const s = status();
    const key = JSON.stringify(s);
    if (key === lastEmitted) return;
    lastEmitted = key;
    deps.emitStatus(s);
  }

  function set(next: Partial<{ online: boolean; state: SyncStatus['state']; lastError: string | null; progress: number | null }>): void {
    if (next.online !== undefined) online = next.online;
    if (next.state !== undefined) state = next.state;
    if (next.lastError !== undefined) lastError = next.lastError;
    if (next.progress !== undefined) progress = next.progress;
    publish();
  }

  function scheduleRetry(ms: number): void {
    if (closed) return;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      trigger('retry');
    }, ms);
    retryTimer.unref();
  }

  async function pullAll(ownerId: string): Promise<void> {
    // An empty replica (first sign-in, rebuilt replica): index the documents once at the end, not row by row.
    const initial = (sqlite.prepare('SELECT cursor FROM pull_state WHERE id = 1').pluck().get() as number) === 0;
    if (initial) suspendIncomingFts(sqlite);
    try {
      await pullPages(ownerId);
    } finally {
      if (initial) restoreIncomingFts(sqlite);
    }
  }

  async function pullPages(ownerId: string): Promise<void> {
    for (;;) {
      const cursor = sqlite.prepare('SELECT cursor FROM pull_state WHERE id = 1').pluck().get() as number;
      const page = await api.pull(cursor, PULL_PAGE_LIMIT);
      const touched = applyPullPage(sqlite, page, ownerId, (sha) => rmSync(deps.blobs.pathOf(sha), { force: true }));
      if (touched.length) deps.emitData(touched);
      const stored = sqlite.prepare('SELECT cursor FROM pull_state WHERE id = 1').pluck().get() as number;
      // stored < page.cursor: the user's access changed and the replica re-pulls from 0.
      if (stored < page.cursor) continue;
      if (!page.hasMore || page.cursor <= cursor) return;
    }
  }

  async function runOnce(): Promise<void> {
    if (!auth.current()) {
      stopEvents();
      set({ online: false, state: 'signedOut', lastError: null, progress: null });
      return;
    }
    if (auth.isExpired()) {
      return set({ online: true, state: 'error', lastError: SESSION_EXPIRED_MESSAGE, progress: null });
    }
    // While offline, a retry keeps showing "offline" until it succeeds: no flicker on every attempt.
    if (state !== 'offline') set({ state: 'syncing' });
    try {
      const check = await auth.ensureOnline();
      if (check === 'signedOut') return set({ online: false, state: 'signedOut', progress: null });
      if (check === 'expired') {
        // The server answered but refused us: keep working offline until the user signs in again.
        stopEvents();
        return set({ online: true, state: 'error', lastError: SESSION_EXPIRED_MESSAGE, progress: null });
      }
      set({ online: true });
      startEvents();
      await uploadQueuedBlobs(deps, (done, total) => set({ progress: transferProgress(done, total) }));
      set({ progress: null });
      if (await pushOutbox(deps)) deps.emitData(['incomingDocument']);
      await pullAll(auth.requireUser().id);
      // Files of documents kept offline: failures stay queued with their own delays and never fail the run.
      for (const sha of enqueueOfflineFiles(sqlite, deps.blobs)) deps.downloads.forget(sha);
      if ((await downloadQueuedBlobs(deps, (done, total) => set({ progress: transferProgress(done, total) }))) > 0) {
        deps.emitData(['documentFile']);
      }
      if (rebuildPending && deps.replicaRebuilt) {
        rebuildPending = false;
        notice = rebuildNotice(deps.replicaRebuilt, new Date());
      }
      const now = new Date().toISOString();
      sqlite.prepare('UPDATE sync_state SET last_success_at = ?, last_error = NULL, last_error_at = NULL WHERE id = 1').run(now);
      backoff.reset();
      set({ online: true, state: 'idle', lastError: null, progress: null });
    } catch (err) {
      if (closed) return;
      if (err instanceof ReplicaOwnerChangedError) {
        again = true; // another user signed in mid-run: start over for them
        return;
      }
      await handleFailure(err);
    }
  }

  async function handleFailure(err: unknown): Promise<void> {
    const code = err instanceof AppError ? err.code : 'INTERNAL';
    if (code === 'UNAUTHENTICATED' || code === 'SESSION_EXPIRED') {
      try {
        if ((await auth.tokenRejected()) === 'online') {
          again = true;
          return;
        }
        stopEvents();
        return set({ online: true, state: 'error', lastError: SESSION_EXPIRED_MESSAGE, progress: null });
      } catch (inner) {
        err = inner;
      }
    }
    const message =
      code === 'SERVER_UNREACHABLE' ? DEFAULT_MESSAGES.SERVER_UNREACHABLE
        : err instanceof AppError ? err.message : DEFAULT_MESSAGES.INTERNAL;
    if (code !== 'SERVER_UNREACHABLE') log('warn', 'sync run failed', { code, err: String(err) });
    sqlite.prepare('UPDATE sync_state SET last_error = ?, last_error_at = ? WHERE id = 1').run(message, new Date().toISOString());
    const unreachable = code === 'SERVER_UNREACHABLE';
    set({ online: !unreachable, state: unreachable ? 'offline' : 'error', lastError: message, progress: null });
    scheduleRetry(backoff.next());
  }

  function trigger(reason: string): void {
    if (closed) return;
    log('debug', 'sync triggered', { reason });
    if (running) {
      again = true;
      return;
    }
    if (retryTimer) {
      clearTimeout(retryTimer);
      retryTimer = null;
    }
    running = (async () => {
      do {
        again = false;
        await runOnce();
      } while (again && !closed);
    })()
      .catch((err) => log('error', 'sync loop crashed', { err: String(err) }))
      .finally(() => {
        running = null;
      });
  }

  function startEvents(): void {
    if (sse || closed) return;
    const controller = new AbortController();
    sse = controller;
    void (async () => {
      while (!controller.signal.aborted && !closed) {
        try {
          const res = await api.openEvents(controller.signal);
          sseBackoff.reset();
          trigger('events-connected'); // pokes may have been missed while disconnected
          if (res.body) {
            await readServerSentEvents(res.body, (event) => {
              if (event === 'poke') trigger('poke');
            });
          }
        } catch (err) {
          if (controller.signal.aborted || closed) break;
          log('debug', 'events stream dropped', { err: String(err) });
          if (err instanceof AppError && (err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_EXPIRED')) {
            trigger('events-unauthenticated');
            break;
          }
        }
        if (controller.signal.aborted || closed) break;
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, sseBackoff.next());
          t.unref();
          controller.signal.addEventListener('abort', () => {
            clearTimeout(t);
            resolve();
          }, { once: true });
        });
      }
      if (sse === controller) sse = null;
    })();
  }

  function stopEvents(): void {
    sse?.abort();
    sse = null;
  }

  return {
    status,
    trigger,
    start(periodicMs = deps.periodicMs ?? 30_000): void {
      periodic = setInterval(() => trigger('periodic'), periodicMs);
      periodic.unref();
      trigger('start');
    },
    /** Session changed (login, logout): reconnect or stop. */
    sessionChanged(): void {
      stopEvents();
      backoff.reset();
      trigger('session');
    },
    /** Runs a sync now and resolves when it (and any run it queued) finished. */
    async runNow(): Promise<SyncStatus> {
      trigger('now');
      while (running) await running;
      return status();
    },
    /** Counts changed locally (a mutation was queued): tell the UI without waiting for the network. */
    publish,
    async close(): Promise<void> {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (periodic) clearInterval(periodic);
      stopEvents();
      while (running) await running;
    },
  };
}
