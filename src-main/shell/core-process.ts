/**
 * Entry of the Electron utility process that hosts the core (bundled to dist/main/shell/core-process.mjs).
 * The core is a plain Node program (src-main/core); this file only adapts it to `process.parentPort`:
 * calls in, results and events out, and secrets encrypted by the main process's safeStorage.
 * Keeping the core out of the main process means a crash in SQLite, PKCS#11 or PDF code never freezes the
 * window, and the main process stays small.
 */
import { dispatch, type ResultMessage } from '../../src-shared/contract';
import { createCore } from '../core/index';
import { messagePortTransport, type PortLike, type TokenTransport } from '../core/signing/token-transport';
import { toCoreSchema, type CoreInit, type CryptoResult, type FromCore } from './core-messages';
import { createSafeStorageSecretStore, type Cipher } from './safe-storage-secret-store';

type Core = Awaited<ReturnType<typeof createCore>>;
/** The parts of Electron's MessagePortMain used here (typed structurally: the utility process has no electron module). */
type ElectronPort = {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
};
type ParentPort = { on(event: 'message', listener: (e: { data: unknown; ports?: ElectronPort[] }) => void): unknown; postMessage(message: unknown): void };

/**
 * The PKCS#11 token worker runs in its own utility process that the MAIN process starts (the runAsNode fuse
 * forbids forking Electron's binary as Node): this process asks for it and gets a MessagePort to it.
 * Unbundled runs (tsx) keep the default fork.
 */
function tokenTransport(askMainForWorker: () => Promise<PortLike>): { transport?: TokenTransport } {
  if (!import.meta.url.endsWith('.mjs')) return {};
  return { transport: messagePortTransport(askMainForWorker) };
}

function electronPortLike(port: ElectronPort, onExited: (listener: () => void) => void): PortLike {
  const closeListeners: Array<() => void> = [];
  const fire = () => closeListeners.splice(0).forEach((l) => l());
  port.on('close', fire);
  onExited(fire);
  return {
    postMessage: (m) => port.postMessage(m),
    onMessage: (listener) => {
      port.on('message', (e) => listener(e.data));
      port.start();
    },
    onClose: (listener) => closeListeners.push(listener),
    close: () => port.close(),
  };
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

  // One token worker request at a time: the main process answers each `tokenWorker` with one `tokenPort`.
  const portWaiters: Array<(port: ElectronPort) => void> = [];
  let onWorkerExited: (() => void) | null = null;
  const askMainForWorker = () =>
    new Promise<PortLike>((resolve) => {
      portWaiters.push((port) =>
        resolve(
          electronPortLike(port, (l) => {
            onWorkerExited = l;
          }),
        ),
      );
      post({ t: 'tokenWorker' });
    });

  const init = async (msg: CoreInit): Promise<Core> => {
    const created = await createCore({
      dataDir: msg.dataDir,
      ...(msg.serverUrl ? { serverUrl: msg.serverUrl } : {}),
      appVersion: msg.appVersion,
      host: 'electron',
      secretStore: createSafeStorageSecretStore(msg.dataDir, cipher),
      signing: { tokenClient: tokenTransport(askMainForWorker) },
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
      case 'tokenPort': {
        const port = e.ports?.[0];
        const waiter = portWaiters.shift();
        if (port && waiter) waiter(port);
        else console.error('[core-process] a token worker port arrived without a request');
        return;
      }
      case 'tokenWorkerExited': {
        const fire = onWorkerExited;
        onWorkerExited = null;
        fire?.();
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
