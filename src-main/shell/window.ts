/**
 * The app window and the web-security guards around it. The page is treated as untrusted content that may
 * only run our bundle: no Node, isolated context, sandboxed renderer, no navigation away from app://vanban,
 * no new windows, no permissions (camera, notifications API, geolocation, ...). Desktop notifications are
 * shown by the main process instead (notifications.ts).
 */
import { app, BrowserWindow, session, type WebContents } from 'electron';
import { APP_START_URL, isAppUrl } from './app-origin';

export const WINDOW_TITLE = 'VanBan Desk — Quản lý văn bản';

/** Session-wide: deny every permission request and check. Call once after `app` is ready. */
export function denyAllPermissions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_webContents, permission, callback) => {
    console.warn(`[shell] denied permission request: ${permission}`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/** Applies to every WebContents the app ever creates, including ones we did not create on purpose. */
export function guardAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}

function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) {
      console.warn(`[shell] blocked navigation to ${event.url}`);
      event.preventDefault();
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`[shell] blocked window.open(${url})`);
    return { action: 'deny' };
  });
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    title: WINDOW_TITLE,
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#f5f7fa',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_START_URL);
  return win;
}
