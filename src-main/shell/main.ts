/**
 * Electron main process of VanBan Desk (bundled to dist/main/shell/main.cjs). Composition root of the shell:
 * single instance, data dir, app:// protocol, security guards, the core in a utility process, the IPC bridge,
 * notifications and the window. Owns no business logic: everything the user does goes through the core.
 */
import { app, BrowserWindow } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { startCoreHost, type CoreHost } from './core-host';
import { installIpcBridge } from './ipc-bridge';
import { createNotifier } from './notifications';
import { createMainWindow, denyAllPermissions, guardAllWebContents } from './window';

/**
 * Per-user root shared with scripts/start.mjs, the browser host and the server's defaults, so every way of
 * starting the app finds the same data: %APPDATA%\VanBan Desk, ~/Library/Application Support/VanBan Desk,
 * or $XDG_DATA_HOME/vanban-desk (~/.local/share/vanban-desk). VANBAN_HOME overrides it.
 */
function configurePaths(): string {
  const home =
    process.env.VANBAN_HOME ||
    (process.platform === 'linux'
      ? join(process.env.XDG_DATA_HOME || join(app.getPath('home'), '.local', 'share'), 'vanban-desk')
      : join(app.getPath('appData'), 'VanBan Desk'));
  // Chromium's profile (caches, cookies) apart from our own data dirs.
  app.setPath('userData', join(home, 'electron'));
  return process.env.VANBAN_DATA_DIR || join(home, 'desktop');
}

function main(): void {
  const dataDir = configurePaths();
  registerAppScheme();

  if (!app.requestSingleInstanceLock()) {
    // Two instances on one replica would fight over SQLite and the outbox: hand over to the running one.
    app.quit();
    return;
  }

  let mainWindow: BrowserWindow | null = null;
  let core: CoreHost | null = null;
  let stopBridge: (() => void) | null = null;

  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  guardAllWebContents();

  void app.whenReady().then(() => {
    mkdirSync(dataDir, { recursive: true });
    denyAllPermissions();
    handleAppProtocol(join(app.getAppPath(), 'dist', 'renderer'));

    core = startCoreHost({
      modulePath: join(__dirname, 'core-process.mjs'),
      tokenWorkerPath: join(__dirname, 'token.worker.mjs'),
      init: {
        dataDir,
        appVersion: app.getVersion(),
        ...(process.env.VANBAN_SERVER_URL ? { serverUrl: process.env.VANBAN_SERVER_URL } : {}),
      },
    });
    stopBridge = installIpcBridge(core, () => BrowserWindow.getAllWindows());
    core.onEvent(createNotifier(() => mainWindow));

    mainWindow = createMainWindow(join(__dirname, 'preload.cjs'));
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  });

  app.on('window-all-closed', () => app.quit());

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !core) return;
    // Let the core close SQLite and finish its current transaction before the process ends.
    event.preventDefault();
    quitting = true;
    stopBridge?.();
    void core.stop().finally(() => app.quit());
  });
}

main();
