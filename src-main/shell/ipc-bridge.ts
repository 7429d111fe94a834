/**
 * The Electron IPC transport of the contract: one invoke channel for calls, one send channel for events.
 * Every call is checked (sender frame + message shape, see ipc-guard.ts) and forwarded to the core process;
 * the renderer gets the core's Result as it is, errors included.
 */
import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type EventMessage, type Result } from '../../src-shared/contract';
import type { CoreHost } from './core-host';
import { checkIpcCall } from './ipc-guard';

export function installIpcBridge(core: CoreHost, windows: () => BrowserWindow[]): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, raw: unknown): Promise<Result<unknown>> => {
    const frame = event.senderFrame;
    const checked = checkIpcCall({ frameUrl: frame?.url ?? null, isTopFrame: frame != null && frame.parent === null }, raw);
    if (!checked.ok) {
      console.warn(`[shell] refused an IPC call from ${frame?.url ?? 'an unknown frame'}`);
      return { ok: false, error: checked.error };
    }
    return core.call(checked.method, checked.params);
  });

  const stopEvents = core.onEvent((name, payload) => {
    const message: EventMessage = { t: 'event', name, payload };
    for (const win of windows()) {
      if (!win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, message);
    }
  });

  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    stopEvents();
  };
}
