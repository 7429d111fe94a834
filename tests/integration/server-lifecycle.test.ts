/**
 * The server process as an operator meets it: clean shutdown on signals, data kept across restarts, and a second
 * server refused on a PGlite data dir already in use (PGlite would corrupt it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, spawnServer, type ServerProcess } from '../helpers/server-process';

describe('server process lifecycle on PGlite', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await spawnServer();
  });
  afterAll(async () => {
    await server?.stop('SIGTERM');
    expect(server?.lastExit()).toEqual({ code: 0, signal: null });
    await server?.dispose();
  });

  it('refuses to open a data dir another server is using, saying which process holds it', async () => {
    await expect(spawnServer({ dataDir: server.dataDir })).rejects.toThrow(/in use by process \d+/);
    // The first server is unharmed.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('exits cleanly on SIGINT (SIGTERM: see afterAll), survives a SIGKILL and keeps data and sessions', async () => {
    const s = await login(server.url, 'vanthu');
    await server.stop('SIGINT');
    expect(server.lastExit()).toEqual({ code: 0, signal: null });
    // A killed server leaves its lock behind; the next start takes it over.
    await server.restart();
    await server.stop('SIGKILL');
    expect(server.lastExit()?.signal).toBe('SIGKILL');
    await server.restart();
    expect((await api(s, 'GET', '/api/me')).status).toBe(200);
  });
});
