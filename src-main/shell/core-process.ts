/**
 * Entry of the Electron utility process that hosts the core (bundled to dist/main/shell/core-process.mjs).
 * The core is a plain Node program (src-main/core); this file only adapts it to `process.parentPort`:
 * calls in, results and events out, and secrets encrypted by the main process's safeStorage.
 * Keeping the core out of the main process means a crash in SQLite, PKCS#11 or PDF code never freezes the
 * window, and the main process stays small.
 */
import { dispatch, type ResultMessage } from '../../src-shared/contract';
import { createCore } from '../core/index';
import { toCoreSchema, type CoreInit, type CryptoResult, type FromCore } from './core-messages';
import { createSafeStorageSecretStore, type Cipher } from './safe-storage-secret-store';

type Core = Awaited<ReturnType<typeof createCore>>;
type ParentPort = { on(event: 'message', listener: (e: { data: unknown }) => void): unknown; postMessage(message: unknown): void };

/**
 * The PKCS#11 token worker is forked from this process. Bundled (core-process.mjs), the worker is the sibling
 * token.worker.mjs (scripts/build-main.mjs rewrites the path) and runs without tsx; the forked binary is
 * Electron's, so it must run as plain Node.
 */
function tokenWorkerOptions(): { execArgv?: string[]; env?: Record<string, string> } {
  if (!import.meta.url.endsWith('.mjs')) return {};
  return { execArgv: [], env: { ELECTRON_RUN_AS_NODE: '1' } };
}

function startCoreProcess(port: ParentPort): void {
  const post = (message: FromCore) => port.postMessage(message);
  const cryptoWaiters = new Map<number, (r: CryptoResult) => void>();
  let nextCryptoId = 1;
  let core: Promise<Core> | null = null;

  const askMain = (op: 'encrypt' | 'decrypt', data: string) =>
    new Promise<string>((resolve, reject) => {
      const id = nextCryptoId++;
      cryptoWaiters.set(id, (r) => (r.ok ? resolve(r.value) : reject(new Error(r.message))));
      post({ t: 'crypto', id, op, data });
    });
  const cipher: Cipher = { encrypt: (plain) => askMain('encrypt', plain), decrypt: (enc) => askMain('decrypt', enc) };

  const init = async (msg: CoreInit): Promise<Core> => {
    const created = await createCore({
      dataDir: msg.dataDir,
      ...(msg.serverUrl ? { serverUrl: msg.serverUrl } : {}),
      appVersion: msg.appVersion,
      host: 'electron',
      secretStore: createSafeStorageSecretStore(msg.dataDir, cipher),
      signing: { tokenClient: tokenWorkerOptions() },
    });
    created.events.subscribe((name, payload) => post({ t: 'event', name, payload }));
    return created;
  };

  port.on('message', (e) => {
    const parsed = toCoreSchema.safeParse(e.data);
    if (!parsed.success) {
      console.error('[core-process] ignored an invalid message from the main process');
      return;
    }
    const msg = parsed.data;
    switch (msg.t) {
      case 'init': {
        if (core) return;
        core = init(msg);
        core.then(
          () => post({ t: 'ready' }),
          (err: unknown) => {
            console.error('[core-process] the core failed to start', err);
            post({ t: 'fatal', message: err instanceof Error ? err.message : String(err) });
          },
        );
        return;
      }
      case 'cryptoResult': {
        const waiter = cryptoWaiters.get(msg.id);
        cryptoWaiters.delete(msg.id);
        waiter?.(msg);
        return;
      }
      case 'call': {
        void answerCall(msg.id, msg.method, msg.params);
        return;
      }
      case 'shutdown': {
        shutdown();
        return;
      }
      default: {
        const unexpected: never = msg;
        throw new Error(`unhandled message ${JSON.stringify(unexpected)}`);
      }
    }
  });

  const answerCall = async (id: number, method: string, params: unknown) => {
    let result: ResultMessage;
    if (!core) {
      result = { t: 'result', id, ok: false, error: { code: 'INTERNAL', message: 'Ứng dụng đang khởi động. Vui lòng thử lại sau giây lát.' } };
    } else {
      try {
        const { handlers, ctx } = await core;
        const r = await dispatch(handlers, ctx, method, params, {
          onInternalError: (m, err) => console.error(`[core-process] ${m} failed`, err),
        });
        result = r.ok ? { t: 'result', id, ok: true, value: r.value } : { t: 'result', id, ok: false, error: r.error };
      } catch (err) {
        console.error('[core-process] the core is not available', err);
        result = { t: 'result', id, ok: false, error: { code: 'INTERNAL', message: 'Không khởi động được phần xử lý dữ liệu. Vui lòng mở lại ứng dụng.' } };
      }
    }
    post(result);
  };

  // Close the database cleanly when the main process ends us (app quit): by message, or SIGTERM on POSIX.
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    void (core ? core.then((c) => c.close()).catch((err: unknown) => console.error('[core-process] close failed', err)) : Promise.resolve()).finally(() =>
      process.exit(0),
    );
  };
  process.once('SIGTERM', shutdown);
}

const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!port) {
  console.error('core-process must run inside an Electron utility process (process.parentPort is missing)');
  process.exit(1);
}
startCoreProcess(port);
