/**
 * CLI entry of the agency server. Env: PORT (8787), HOST (127.0.0.1; 0.0.0.0 for a LAN server),
 * VANBAN_SERVER_DATA (per-user app-data dir), DATABASE_URL (PostgreSQL; PGlite when unset), VANBAN_SEED (demo|none).
 * Prints exactly one line on stdout when ready: `VanBan server listening on http://HOST:PORT`.
 */
import { startServer } from './app';
import { readServerEnv } from './config';
import { stderrLogger } from './http/http-utils';

const logger = stderrLogger();
const config = readServerEnv();
const server = await startServer({ ...config, logger }).catch((err: unknown) => {
  logger.error('server failed to start', { err: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info('shutting down', { signal });
  server.close().then(
    () => process.exit(0),
    (err: unknown) => {
      logger.error('shutdown failed', { err: String(err) });
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
// Ready line last: whoever waits for it may signal us at once, so the handlers must already be in place.
process.stdout.write(`VanBan server listening on http://${config.host}:${server.port}\n`);
