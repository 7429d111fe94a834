/**
 * CLI of the browser host: `tsx src-main/host/main.ts`. Creates the desktop core on VANBAN_DATA_DIR, serves the
 * built renderer and prints exactly one line with the URL to open (tests parse it). Stops cleanly on SIGTERM/SIGINT.
 *
 * Env: VANBAN_DATA_DIR (default: per-user app data), VANBAN_SERVER_URL, VANBAN_HOST_PORT (default 5180, 0 = random),
 * VANBAN_RENDERER_DIR (default dist/renderer).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/index';
import { defaultDesktopDataDir } from './data-dir';
import { startHost } from './host';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function readPort(raw: string | undefined): number {
  const port = raw === undefined || raw === '' ? 5180 : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`VANBAN_HOST_PORT must be 0..65535, got ${raw}`);
  return port;
}

async function main(): Promise<void> {
  const env = process.env;
  const staticDir = path.resolve(env.VANBAN_RENDERER_DIR || path.join(repoRoot, 'dist', 'renderer'));
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    console.error(`The renderer is not built (${staticDir}/index.html missing). Run: npm run build:renderer`);
    process.exit(1);
  }
  const appVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const core = await createCore({
    dataDir: env.VANBAN_DATA_DIR || defaultDesktopDataDir(),
    ...(env.VANBAN_SERVER_URL ? { serverUrl: env.VANBAN_SERVER_URL } : {}),
    appVersion,
    host: 'browser',
  });
  const port = readPort(env.VANBAN_HOST_PORT);
  const host = await startHost({ core, port, host: '127.0.0.1', staticDir }).catch(async (err: unknown) => {
    await core.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Port ${port} is already in use (another VanBan Desk?). Set VANBAN_HOST_PORT to a free port, or 0 for any.`);
      process.exit(1);
    }
    throw err;
  });
  console.log(`VanBan Desk (browser host): ${host.url}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const hardExit = setTimeout(() => {
      console.error(`[host] shutdown after ${signal} took too long; exiting`);
      process.exit(1);
    }, 10_000);
    hardExit.unref();
    void (async () => {
      try {
        await host.close();
        await core.close();
        process.exit(0);
      } catch (err) {
        console.error('[host] shutdown failed', err);
        process.exit(1);
      }
    })();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('[host] failed to start', err);
  process.exit(1);
});
