/** Server configuration from the environment, and the per-user default data directory for each OS. */
import os from 'node:os';
import path from 'node:path';

export type SeedMode = 'demo' | 'none';

export function defaultServerDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') {
    const appData = env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, 'VanBan Desk', 'server');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'VanBan Desk', 'server');
  const xdg = env.XDG_DATA_HOME && env.XDG_DATA_HOME.length > 0 ? env.XDG_DATA_HOME : path.posix.join(home, '.local', 'share');
  return path.posix.join(xdg, 'vanban-desk', 'server');
}

export type ServerEnvConfig = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  seed: SeedMode;
};

export function readServerEnv(env: NodeJS.ProcessEnv = process.env): ServerEnvConfig {
  const port = env.PORT ? Number(env.PORT) : 8787;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0..65535, got ${env.PORT}`);
  const seed = env.VANBAN_SEED ?? 'demo';
  if (seed !== 'demo' && seed !== 'none') throw new Error(`VANBAN_SEED must be demo or none, got ${seed}`);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: env.VANBAN_SERVER_DATA || defaultServerDataDir(),
    databaseUrl: env.DATABASE_URL || undefined,
    seed,
  };
}
