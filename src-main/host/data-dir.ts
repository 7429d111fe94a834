/** Where a desktop keeps its replica, outbox and file cache when VANBAN_DATA_DIR is not set (per user, per OS). */
import os from 'node:os';
import path from 'node:path';

export function defaultDesktopDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') {
    const appData = env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, 'VanBan Desk', 'desktop');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'VanBan Desk', 'desktop');
  const xdg = env.XDG_DATA_HOME && env.XDG_DATA_HOME.length > 0 ? env.XDG_DATA_HOME : path.posix.join(home, '.local', 'share');
  return path.posix.join(xdg, 'vanban-desk', 'desktop');
}
