/**
 * How the core reaches the token worker. The client (token.client.ts) only needs a link that carries
 * envelopes out, replies in, and says when the worker is gone; two transports provide it:
 * - `forkTransport`: `child_process.fork` of token.worker (tests, browser host, unpackaged Electron);
 * - `messagePortTransport`: a MessagePort to a worker someone else started. In the installed app the Electron
 *   main process spawns token.worker.mjs as a utility process (the runAsNode fuse forbids forking Electron's
 *   binary as Node) and hands the core one end of a MessageChannelMain; see src-main/shell/token-worker-host.ts.
 * Each `connect()` starts (or asks for) a fresh worker: after a crash the next call gets a new one.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MessagePort } from 'node:worker_threads';
import type { WorkerEnvelope, WorkerReply } from './token.protocol';

export type TokenLink = {
  send(envelope: WorkerEnvelope): void;
  onReply(listener: (reply: WorkerReply) => void): void;
  /** Called once when the worker is gone (exit, crash, port closed). */
  onClose(listener: () => void): void;
  close(): Promise<void>;
  /** Process id when the transport knows it (diagnostics, crash tests). */
  pid?: number;
};

export type TokenTransport = { connect(): Promise<TokenLink> };

export type ForkTransportOptions = {
  /** Extra environment for the driver (e.g. SOFTHSM2_CONF in tests). */
  env?: Record<string, string>;
  workerPath?: string;
  execArgv?: string[];
};

export function forkTransport(options: ForkTransportOptions = {}): TokenTransport {
  const workerPath = options.workerPath ?? fileURLToPath(new URL('./token.worker.ts', import.meta.url));
  const execArgv = options.execArgv ?? ['--import', 'tsx'];
  return {
    async connect() {
      const proc = fork(workerPath, [], {
        execArgv,
        env: { ...process.env, ...options.env },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      return {
        pid: proc.pid,
        send: (envelope) => proc.send(envelope),
        onReply: (listener) => proc.on('message', (reply: WorkerReply) => listener(reply)),
        onClose: (listener) => proc.once('exit', () => listener()),
        close: () =>
          new Promise<void>((resolve) => {
            if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
            proc.once('exit', () => resolve());
            proc.disconnect();
            setTimeout(() => proc.kill(), 2000).unref();
          }),
      };
    },
  };
}

/**
 * A MessagePort as the core sees it, whatever its runtime: Electron's MessagePortMain delivers `{ data }`
 * events, node:worker_threads' MessagePort the data itself; the adapter below and the shell's smooth that out.
 */
export type PortLike = {
  postMessage(message: unknown): void;
  onMessage(listener: (data: unknown) => void): void;
  onClose(listener: () => void): void;
  close(): void;
};

/** `requestPort` asks whoever hosts the workers for a new worker and a port connected to it. */
export function messagePortTransport(requestPort: () => Promise<PortLike>): TokenTransport {
  return {
    async connect() {
      const port = await requestPort();
      const closeListeners: Array<() => void> = [];
      let closed = false;
      const markClosed = () => {
        if (closed) return;
        closed = true;
        for (const l of closeListeners) l();
      };
      port.onClose(markClosed);
      return {
        send: (envelope) => port.postMessage(envelope),
        onReply: (listener) => port.onMessage((data) => listener(data as WorkerReply)),
        onClose: (listener) => (closed ? listener() : closeListeners.push(listener)),
        async close() {
          // Closing our end makes the worker exit (token.worker.ts listens for 'close').
          port.close();
          markClosed();
        },
      };
    },
  };
}

/** node:worker_threads MessagePort → PortLike (tests emulate the Electron pair with a MessageChannel). */
export function nodePort(port: MessagePort): PortLike {
  return {
    postMessage: (m) => port.postMessage(m),
    onMessage: (listener) => port.on('message', listener),
    onClose: (listener) => port.once('close', listener),
    close: () => port.close(),
  };
}
