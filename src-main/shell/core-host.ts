/**
 * Main-process side of the core: forks the utility process (core-process.mjs), sends it the launch settings,
 * forwards calls and returns their Result, relays events, and performs the safeStorage encryption the core
 * asks for. If the core process dies, calls in flight fail with a readable message and it is started again.
 */
import { safeStorage, utilityProcess, type UtilityProcess } from 'electron';
import type { Result } from '../../src-shared/contract';
import { fromCoreSchema, type CoreInit, type CryptoRequest, type ToCore } from './core-messages';
import { createTokenWorkerHost } from './token-worker-host';

export type CoreHost = {
  call(method: string, params: unknown): Promise<Result<unknown>>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
  stop(): Promise<void>;
};

export type CoreHostOptions = {
  /** Absolute path of the bundled core-process.mjs. */
  modulePath: string;
  /** Absolute path of the bundled token.worker.mjs, started as a utility process when the core asks. */
  tokenWorkerPath: string;
  init: Omit<CoreInit, 't'>;
};

const CORE_DIED = 'Phần xử lý dữ liệu của ứng dụng vừa bị dừng và đang được khởi động lại. Vui lòng thử lại thao tác.';
/** More restarts than this within RESTART_WINDOW_MS means a crash loop: stop and tell the user. */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

export function startCoreHost(options: CoreHostOptions): CoreHost {
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const restarts: number[] = [];
  let nextId = 1;
  let stopping = false;
  let child: UtilityProcess;
  let fatal: string | null = null;

  const send = (message: ToCore) => child.postMessage(message);
  const tokenWorkers = createTokenWorkerHost(options.tokenWorkerPath);

  const answerCrypto = async (req: CryptoRequest) => {
    try {
      const value =
        req.op === 'encrypt'
          ? (await safeStorage.encryptStringAsync(req.data)).toString('base64')
          : (await safeStorage.decryptStringAsync(Buffer.from(req.data, 'base64'))).result;
      send({ t: 'cryptoResult', id: req.id, ok: true, value });
    } catch (err) {
      send({ t: 'cryptoResult', id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) });
    }
  };

  const failPending = (message: string) => {
    for (const [id, resolve] of pending) {
      pending.delete(id);
      resolve({ ok: false, error: { code: 'INTERNAL', message } });
    }
  };

  const fork = () => {
    child = utilityProcess.fork(options.modulePath, [], { serviceName: 'VanBan Desk core', stdio: 'inherit' });
    child.on('message', (raw: unknown) => {
      const parsed = fromCoreSchema.safeParse(raw);
      if (!parsed.success) {
        console.error('[shell] ignored an invalid message from the core process');
        return;
      }
      const msg = parsed.data;
      switch (msg.t) {
        case 'result': {
          const resolve = pending.get(msg.id);
          pending.delete(msg.id);
          resolve?.(msg.ok ? { ok: true, value: msg.value } : { ok: false, error: msg.error });
          return;
        }
        case 'event':
          for (const l of listeners) l(msg.name, msg.payload);
          return;
        case 'crypto':
          void answerCrypto(msg);
          return;
        case 'tokenWorker': {
          const core = child;
          const port = tokenWorkers.spawn(() => {
            if (child === core) send({ t: 'tokenWorkerExited' });
          });
          core.postMessage({ t: 'tokenPort' } satisfies ToCore, [port]);
          return;
        }
        case 'ready':
          fatal = null;
          return;
        case 'fatal':
          fatal = `Không khởi động được phần xử lý dữ liệu: ${msg.message}. Vui lòng mở lại ứng dụng hoặc báo quản trị.`;
          failPending(fatal);
          return;
        default: {
          const unexpected: never = msg;
          throw new Error(`unhandled core message ${JSON.stringify(unexpected)}`);
        }
      }
    });
    child.on('exit', (code) => {
      // The worker's link was the dead core's port: end it so the next core starts its own.
      tokenWorkers.stop();
      if (stopping) return;
      console.error(`[shell] core process exited with code ${code}`);
      failPending(CORE_DIED);
      const now = Date.now();
      restarts.push(now);
      while (restarts.length && now - (restarts[0] ?? now) > RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length > MAX_RESTARTS) {
        fatal = 'Phần xử lý dữ liệu bị dừng nhiều lần liên tiếp. Vui lòng đóng và mở lại ứng dụng; nếu vẫn lỗi, báo quản trị.';
        return;
      }
      fork();
    });
    send({ t: 'init', ...options.init });
  };
  fork();

  return {
    call(method, params) {
      if (fatal) return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: fatal } });
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        send({ t: 'call', id, method, params });
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopping = true;
      failPending('Ứng dụng đang đóng.');
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          child.kill();
          resolve();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        // Lets the core close SQLite cleanly (see core-process.ts); killed above if it does not exit in time.
        if (child.pid) send({ t: 'shutdown' });
        else resolve();
      });
    },
  };
}
