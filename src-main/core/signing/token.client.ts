/**
 * Typed calls to the token worker. The worker is a child process (child_process.fork) rather than a
 * worker_thread: a vendor PKCS#11 driver that segfaults kills only the child, and the next call starts a new
 * one. In development and tests the child runs the TypeScript source through tsx; a packaged app passes the
 * bundled worker file and no execArgv.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../src-shared/contract/errors';
import type { TokenRequest, TokenResponseValue, WorkerReply } from './token.protocol';

export type TokenClientOptions = {
  /** Extra environment for the driver (e.g. SOFTHSM2_CONF in tests). */
  env?: Record<string, string>;
  workerPath?: string;
  execArgv?: string[];
};

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };

export type TokenClient = {
  call<Op extends TokenRequest['op']>(request: Extract<TokenRequest, { op: Op }>): Promise<TokenResponseValue[Op]>;
  /** The worker's process id, for diagnostics (undefined until the first call). */
  workerPid(): number | undefined;
  dispose(): Promise<void>;
};

export function createTokenClient(options: TokenClientOptions = {}): TokenClient {
  const workerPath = options.workerPath ?? fileURLToPath(new URL('./token.worker.ts', import.meta.url));
  const execArgv = options.execArgv ?? ['--import', 'tsx'];
  let child: ChildProcess | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function start(): ChildProcess {
    const proc = fork(workerPath, [], {
      execArgv,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    proc.on('message', (reply: WorkerReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.value);
      else p.reject(new AppError(reply.error.code, reply.error.message));
    });
    proc.on('exit', () => {
      if (child === proc) child = undefined;
      // A crashed driver loses its sessions: every call in flight fails as if the token was pulled out.
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(new AppError('TOKEN_REMOVED'));
      }
    });
    return proc;
  }

  return {
    call(request) {
      child ??= start();
      const id = nextId++;
      const proc = child;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        proc.send({ id, request });
      });
    },
    workerPid() {
      return child?.pid;
    },
    async dispose() {
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.disconnect();
        setTimeout(() => proc.kill(), 2000).unref();
      });
    },
  };
}
