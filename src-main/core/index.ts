/**
 * The desktop core: a plain Node program (no electron) that owns the replica, the outbox and sync, and serves
 * the contract in src-shared/contract. Hosted by Electron's utilityProcess, by the browser host, or directly in tests.
 * This file is the composition root: it wires the services by hand.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../src-shared/contract/errors';
import { checkEvent, type Handlers } from '../../src-shared/contract/handlers';
import { createEventHub, type EventHub } from '../../src-shared/contract/direct-transport';
import type { EventName } from '../../src-shared/contract/methods';
import type { CoreContext } from './core-context';
import { openReplica } from './db/open-db';
import { createBlobStore } from './files/blob-store';
import { createCoreHandlers } from './rpc/core-handlers';
import { TOKEN_KEY, createAuthService } from './services/auth.service';
import { createDirectoryService } from './services/directory.service';
import { createFilesService } from './services/files.service';
import { createIncomingService } from './services/incoming.service';
import { createIntakeService } from './services/intake.service';
import { createReportsService } from './services/reports.service';
import { createRoutingReportsService } from './services/routing-reports.service';
import { createRoutingHandlers } from './rpc/routing-handlers';
import { createRegistersService } from './services/registers.service';
import { findResourcesDir } from './reports/resources-dir';
import { createScanFolderWatcher } from './intake/scan-folder.watcher';
import { createSigningService } from './signing/signing.service';
import { createTokenClient, type TokenClientOptions } from './signing/token.client';
import type { SignedFileAttachers } from './signing/signed-attach';
import { createFileSecretStore, readSettings, resolveServerUrl, writeSettings, type SecretStore } from './settings';
import { createBlobDownloader } from './sync/blob-downloader';
import { createServerApi } from './sync/server-api';
import { createOutgoingModule } from './outgoing/outgoing.module';
import { createRoutingModule } from './routing/routing.module';
import { createSyncEngine, type Logger } from './sync/sync-engine';

export type { SecretStore } from './settings';
export type { CoreContext } from './core-context';

export type CoreOptions = {
  /** One desktop installation = one data dir (SQLite replica, file cache, settings). */
  dataDir: string;
  /** Default: settings.json in dataDir, else env VANBAN_SERVER_URL, else http://127.0.0.1:8787. */
  serverUrl?: string;
  appVersion: string;
  host: 'electron' | 'browser' | 'direct';
  /** Default: file-based store in dataDir with 0600 perms (Electron passes a safeStorage one). */
  secretStore?: SecretStore;
  /** For tests through a proxy; default global fetch. */
  fetch?: typeof fetch;
  log?: Logger;
  /**
   * Root certificates received signatures are checked against (PEM). Default: the *.pem files in dataDir/trust-anchors
   * (where an admin installs the government CA and the commercial CAs' roots).
   */
  trustAnchorsPem?: string[];
  /** Folder holding fonts/ (default: VANBAN_RESOURCES_DIR, else resources/ found above this file). */
  resourcesDir?: string;
  /** How often the watched scan folder is polled (ms, default 1500). */
  scanFolderPollMs?: number;
  /** Period of the background sync when nothing pokes it (ms). */
  syncIntervalMs?: number;
  /**
   * PKCS#11 token worker. Default: env VANBAN_PKCS11_MODULE as an extra driver; the worker runs token.worker.ts
   * through tsx (dev, tests, browser host). A packaged app passes the bundled worker file and `execArgv: []`.
   */
  signing?: { modulePath?: string; tokenClient?: TokenClientOptions; timestampRetryMs?: number; attachers?: SignedFileAttachers };
};

function readTrustAnchors(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /\.(pem|crt)$/i.test(f)).map((f) => readFileSync(join(dir, f), 'utf8'));
}

export type Core = { handlers: Handlers<CoreContext>; ctx: CoreContext; events: EventHub; close(): Promise<void> };

export async function createCore(opts: CoreOptions): Promise<Core> {
  mkdirSync(opts.dataDir, { recursive: true });
  const log: Logger = opts.log ?? (() => {});
  const events = createEventHub();
  const emit = <E extends EventName>(name: E, payload: unknown) => events.emit(name, checkEvent(name, payload));
  const replica = openReplica(join(opts.dataDir, 'replica.db'));
  if (replica.rebuilt) log('warn', 'replica recreated', replica.rebuilt);
  const { sqlite } = replica;
  let serverUrl = resolveServerUrl(opts.dataDir, opts.serverUrl);
  const closing = new AbortController();
  const secrets = opts.secretStore ?? createFileSecretStore(opts.dataDir);
  const blobs = createBlobStore(join(opts.dataDir, 'files'));

  const api = createServerApi({
    baseUrl: () => serverUrl,
    token: () => secrets.get(TOKEN_KEY),
    fetch: opts.fetch ?? fetch,
    closed: closing.signal,
  });
  // One downloader for the queue and on-demand reads: a file is never appended to by both at once.
  const downloads = createBlobDownloader({ api, blobs });
  const auth = createAuthService({
    sqlite,
    secrets,
    api,
    serverUrl: () => serverUrl,
    emitSession: (s) => emit('auth.changed', s),
    clearFileCache: () => blobs.clear(),
    deviceName: hostname(),
  });
  const sync = createSyncEngine({
    sqlite,
    api,
    blobs,
    auth,
    log,
    emitStatus: (s) => emit('sync.status', s),
    emitData: (entities) => {
      emit('data.changed', { entities });
      outgoing.issuance.onPulled();
      routing.publishReminders();
    },
    replicaRebuilt: replica.rebuilt,
    downloads,
    ...(opts.syncIntervalMs ? { periodicMs: opts.syncIntervalMs } : {}),
  });
  const requireUser = () => auth.requireUser();
  const incoming = createIncomingService({
    sqlite,
    requireUser,
    onQueued: () => {
      emit('data.changed', { entities: ['incomingDocument'] });
      sync.publish();
      sync.trigger('mutation');
    },
  });

  const intake = createIntakeService({
    sqlite, blobs, requireUser, trustAnchorsPem: () => opts.trustAnchorsPem ?? readTrustAnchors(join(opts.dataDir, 'trust-anchors')),
  });
  const scanFolder = createScanFolderWatcher({
    sqlite,
    stage: (name, bytes) => intake.stageBytes(name, bytes),
    signedIn: () => auth.current() !== null,
    emit: (file) => emit('intake.fileArrived', file),
    getFolder: () => {
      const v = readSettings(opts.dataDir).scanFolder;
      return typeof v === 'string' && v ? v : null;
    },
    saveFolder: (path) => writeSettings(opts.dataDir, { scanFolder: path }),
    log: (msg, data) => log('warn', msg, data),
    ...(opts.scanFolderPollMs ? { pollMs: opts.scanFolderPollMs } : {}),
  });

  const organization = () => {
    const signedIn = auth.current();
    if (!signedIn) throw new AppError('UNAUTHENTICATED');
    return signedIn.organization;
  };
  const reports = createReportsService({ sqlite, organization, resourcesDir: () => opts.resourcesDir ?? findResourcesDir() });
  const routingReports = createRoutingReportsService({
    sqlite,
    requireUser,
    organization,
    resourcesDir: () => opts.resourcesDir ?? findResourcesDir(),
    // Daily usage is recorded by the server: fetched through the routing contract's own call (online only).
    usage: (p) => Promise.resolve(createRoutingHandlers()['reports.usage'](p, ctx)),
  });

  const registersService = createRegistersService({
    sqlite,
    requireUser,
    onQueued: () => {
      sync.publish();
      sync.trigger('mutation');
    },
  });

  const trustAnchors = () => opts.trustAnchorsPem ?? readTrustAnchors(join(opts.dataDir, 'trust-anchors'));
  const files = createFilesService({ sqlite, blobs, downloads, requireUser, canReachServer: () => auth.current()?.offline === false });
  const tokens = createTokenClient(opts.signing?.tokenClient);
  const signing = createSigningService({
    tokens,
    envModulePath: opts.signing?.modulePath ?? (process.env.VANBAN_PKCS11_MODULE || undefined),
    readUserModulePath: () => {
      const v = readSettings(opts.dataDir).pkcs11ModulePath;
      return typeof v === 'string' && v ? v : null;
    },
    saveUserModulePath: (path) => writeSettings(opts.dataDir, { pkcs11ModulePath: path ?? undefined }),
    readPdf: async (sha256) => new Uint8Array(Buffer.from((await files.read(sha256)).contentBase64, 'base64')),
    storePdf: (name, bytes) => {
      const sha256 = blobs.put(bytes);
      sqlite
        .prepare(
          `INSERT INTO local_blobs (sha256, size, name, mime, page_count, created_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(sha256) DO NOTHING`,
        )
        .run(sha256, bytes.byteLength, name, 'application/pdf', null, new Date().toISOString());
      return sha256;
    },
    trustAnchorsPem: trustAnchors,
    stampFont: () => new Uint8Array(readFileSync(join(opts.resourcesDir ?? findResourcesDir(), 'fonts', 'LiberationSerif-Regular.ttf'))),
    requireUser,
    emitProgress: (p) => emit('signing.progress', p),
    timestampConfig: { dataDir: opts.dataDir, retryMs: opts.signing?.timestampRetryMs, log: (m) => log('warn', m) },
    emitTimestamped: (f) => emit('signing.timestamped', f),
    attachers: opts.signing?.attachers,
  });

  const routing = createRoutingModule({
    sqlite,
    requireUser,
    onQueued: () => {
      emit('data.changed', { entities: ['assignment', 'routingEvent', 'opinion', 'task', 'taskReport', 'extensionRequest', 'holiday', 'workFile', 'workFileDocument', 'incomingDocument'] });
      routing.publishReminders();
      sync.publish();
      sync.trigger('mutation');
    },
    fetchUsage: (from, to) => api.usageReport(from, to),
    emitReminders: (items) => emit('tasks.reminder', { items }),
  });
  // Deadlines move with the clock, not only with data: reminders are re-sent every 30 minutes.
  const reminderTimer = setInterval(() => routing.publishReminders(), 30 * 60_000);
  reminderTimer.unref();

  const outgoing = createOutgoingModule({
    sqlite,
    dataDir: opts.dataDir,
    secrets,
    requireUser,
    organization,
    resourcesDir: () => opts.resourcesDir ?? findResourcesDir(),
    onQueued: () => {
      emit('data.changed', { entities: ['outgoingDraft', 'draftVersion', 'outgoingDocument', 'outgoingRecipient', 'postalEntry'] });
      sync.publish();
      sync.trigger('mutation');
    },
    syncNow: () => sync.runNow(),
    signFiles: (p) => signing.signFiles(p as Parameters<typeof signing.signFiles>[0]),
    readFile: async (sha256) => new Uint8Array(Buffer.from((await files.read(sha256)).contentBase64, 'base64')),
    stageBytes: (name, bytes) => intake.stageBytes(name, bytes),
    emitNumberAllocated: (e) => emit('outgoing.numberAllocated', e),
  });

  const ctx: CoreContext = {
    appVersion: opts.appVersion,
    host: opts.host,
    dataDir: opts.dataDir,
    replica,
    auth,
    incoming,
    intake,
    scanFolder,
    reports,
    routingReports,
    registers: registersService,
    files,
    signing,
    directory: createDirectoryService({ sqlite, requireUser }),
    outgoing,
    routing,
    sync,
    serverUrl: () => serverUrl,
    setServerUrl(url) {
      if (auth.current()) throw new AppError('CONFLICT', 'Hãy đăng xuất trước khi đổi địa chỉ máy chủ.');
      writeSettings(opts.dataDir, { serverUrl: url });
      serverUrl = url.replace(/\/+$/, '');
      const session = auth.session();
      emit('auth.changed', session);
      return session;
    },
  };

  await auth.restore();
  sync.start();
  scanFolder.start();

  return {
    handlers: createCoreHandlers(),
    ctx,
    events,
    async close() {
      closing.abort();
      clearInterval(reminderTimer);
      await scanFolder.close();
      await sync.close();
      await signing.close();
      await tokens.dispose();
      replica.close();
    },
  };
}
