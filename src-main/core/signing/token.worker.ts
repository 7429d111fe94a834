/**
 * Entry of the token worker process (see token-worker.handler.ts for what it does). Two ways to be reached:
 * - forked child (`child_process.fork`, tests and the browser host): requests on the IPC channel;
 * - Electron utility process started by the main process (installed app, where the runAsNode fuse is off):
 *   the first parent message carries a MessagePort connected to the core process, requests travel on it.
 * Either way the worker exits when its link to the app goes away, so a dead core never leaves it behind.
 */
import { serveTokenRequests } from './token-worker.handler';
import type { WorkerEnvelope, WorkerReply } from './token.protocol';

/** The parts of Electron's MessagePortMain / process.parentPort used here (no electron import in the core). */
type ElectronPort = {
  on(event: 'message', listener: (e: { data: unknown; ports: ElectronPort[] }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
};

const parentPort = (process as unknown as { parentPort?: ElectronPort }).parentPort;

if (process.send) {
  serveTokenRequests({
    onMessage: (listener) => process.on('message', (msg: WorkerEnvelope) => listener(msg)),
    post: (reply: WorkerReply) => process.send!(reply),
  });
  process.on('disconnect', () => process.exit(0));
} else if (parentPort) {
  let connected = false;
  parentPort.on('message', (e) => {
    const port = e.ports[0];
    if (connected || !port) return;
    connected = true;
    serveTokenRequests({
      onMessage: (listener) => port.on('message', (m) => listener(m.data as WorkerEnvelope)),
      post: (reply) => port.postMessage(reply),
    });
    port.on('close', () => process.exit(0));
    port.start();
  });
}
