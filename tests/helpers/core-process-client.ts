/**
 * Starts tests/helpers/core-process.ts as a child process and talks to it over JSON lines.
 * A command in flight when the process dies is rejected with `CoreProcessDied`, so a test knows the user never
 * got an answer (the action was not acknowledged).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './pglite-template';

export class CoreProcessDied extends Error {}

export type CoreProcess = {
  dataDir: string;
  send<T = unknown>(op: string, args?: Record<string, unknown>): Promise<T>;
  call<T = unknown>(method: string, params?: unknown): Promise<T>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  close(): Promise<void>;
  alive(): boolean;
  logs(): string;
};

export async function spawnCoreProcess(dataDir: string, serverUrl: string): Promise<CoreProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/core-process.ts', dataDir, serverUrl], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      for (const w of waiting.values()) w.reject(new CoreProcessDied('core process died'));
      waiting.clear();
      resolve();
    }),
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`core process exited (${code}) before ready:\n${stderr.slice(-3000)}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const msg = JSON.parse(line) as { ready?: boolean; id?: number; ok?: boolean; result?: unknown; error?: { code: string; message: string } };
      if (msg.ready) return resolve();
      const w = waiting.get(msg.id ?? -1);
      if (!w) return;
      waiting.delete(msg.id as number);
      if (msg.ok) w.resolve(msg.result);
      else w.reject(Object.assign(new Error(msg.error?.message ?? 'error'), { code: msg.error?.code }));
    });
  });
  await ready;

  const send = <T>(op: string, args: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      if (exited) return reject(new CoreProcessDied('core process is not running'));
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.stdin?.write(`${JSON.stringify({ id, op, ...args })}\n`);
    });
  return {
    dataDir,
    send,
    call: <T>(method: string, params: unknown = {}) => send<T>('call', { method, params }),
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (!exited) child.kill(signal);
      await exit;
    },
    async close() {
      if (exited) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await send('close').catch(() => {});
      await exit;
      clearTimeout(timer);
    },
    alive: () => !exited,
    logs: () => stderr,
  };
}
