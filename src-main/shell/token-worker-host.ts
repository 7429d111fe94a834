/**
 * Main-process host of the PKCS#11 token worker in the installed app. The runAsNode fuse is off there, so the
 * core cannot fork Electron's binary as Node; instead the core asks the main process, which starts
 * token.worker.mjs as its own utility process and hands the core one end of a MessageChannelMain (the
 * worker gets the other end). A crashing vendor driver then kills only the worker: the core's port closes, the
 * calls in flight fail as "token removed", and the next call asks for a new worker.
 */
import { MessageChannelMain, utilityProcess, type MessagePortMain, type UtilityProcess } from 'electron';

export type TokenWorkerHost = {
  /** Starts a fresh worker (ending the previous one) and returns the core's end of the channel to it. */
  spawn(onExit: () => void): MessagePortMain;
  stop(): void;
};

export function createTokenWorkerHost(workerPath: string): TokenWorkerHost {
  let worker: UtilityProcess | null = null;
  return {
    spawn(onExit) {
      worker?.kill();
      const { port1, port2 } = new MessageChannelMain();
      const w = utilityProcess.fork(workerPath, [], { serviceName: 'VanBan Desk token worker', stdio: 'inherit' });
      w.postMessage({ t: 'connect' }, [port2]);
      w.on('exit', (code) => {
        if (code !== 0) console.error(`[shell] token worker exited with code ${code}`);
        // Only the current worker's death concerns the core (a replaced or stopped one was ended on purpose).
        if (worker !== w) return;
        worker = null;
        onExit();
      });
      worker = w;
      return port1;
    },
    stop() {
      worker?.kill();
      worker = null;
    },
  };
}
