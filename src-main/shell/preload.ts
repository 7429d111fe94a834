/**
 * Preload of the app window (bundled to CommonJS: a sandboxed preload cannot load ES modules).
 * Exposes exactly `window.vanban = { call, on }` through contextBridge: the page never sees ipcRenderer,
 * Node or Electron objects, only these two functions speaking src-shared/contract.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Result } from '../../src-shared/contract/errors';
import { PRELOAD_CALL_CHANNEL as IPC_CALL_CHANNEL, PRELOAD_EVENT_CHANNEL as IPC_EVENT_CHANNEL } from './ipc-channels';

type EventListener = (name: string, payload: unknown) => void;

function createBridge() {
  let nextId = 1;
  return {
    call(method: string, params: unknown): Promise<Result<unknown>> {
      return ipcRenderer.invoke(IPC_CALL_CHANNEL, { t: 'call', id: nextId++, method: String(method), params: params ?? {} });
    },
    on(listener: EventListener): () => void {
      if (typeof listener !== 'function') throw new TypeError('vanban.on expects a function');
      const handler = (_event: IpcRendererEvent, message: unknown) => {
        const m = message as { t?: unknown; name?: unknown; payload?: unknown } | null;
        if (m && m.t === 'event' && typeof m.name === 'string') listener(m.name, m.payload);
      };
      ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
      return () => {
        ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
      };
    },
  };
}

contextBridge.exposeInMainWorld('vanban', createBridge());
