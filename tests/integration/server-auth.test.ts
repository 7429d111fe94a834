/**
 * Server authentication and process lifecycle against the real server process, on PGlite and on a real
 * PostgreSQL: sessions survive restarts, signals shut the server down cleanly (exit 0).
 */
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { api, DEMO_PASSWORD, headers, login, spawnServer, type ServerProcess } from '../helpers/server-process';

const BACKENDS = ['pglite', 'postgres'] as const;

describe.each(BACKENDS)('server auth on %s', (backend) => {
  let postgres: TestPostgres | null = null;
  let server: ServerProcess;

  /** Runs SQL on the server's database (PGlite is single-process: the server is stopped meanwhile). */
  async function runSql(query: string, params: unknown[] = []): Promise<void> {
    if (postgres) {
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      await client.query(query, params);
      await client.end();
      return;
    }
    // SIGINT as an operator's Ctrl+C: the server must close its database and exit 0.
    await server.stop('SIGINT');
    expect(server.lastExit()).toEqual({ code: 0, signal: null });
    const db = new PGlite(path.join(server.dataDir, 'pglite'));
    await db.query(query, params);
    await db.close();
    await server.restart();
  }

  beforeAll(async () => {
    if (backend === 'postgres') postgres = await startPostgres();
    server = await spawnServer({ databaseUrl: postgres?.url });
  });
  afterAll(async () => {
    await server?.stop('SIGTERM');
    expect(server?.lastExit()).toEqual({ code: 0, signal: null });
    await server?.dispose();
    await postgres?.stop();
  });

  it('answers health without a session', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, protocolVersion: 1 });
  });

  it('logs the clerk in and returns the user without any password material', async () => {
    const s = await login(server.url, 'vanthu');
    expect(s.token.length).toBeGreaterThanOrEqual(40);
    expect(s.user).toMatchObject({ username: 'vanthu', role: 'clerk', fullName: 'Nguyễn Thị Lan' });
    expect(JSON.stringify(s)).not.toMatch(/password|salt/i);
    expect(s.organization).toEqual({ id: '000.00.12.H99', name: 'Sở Nội vụ tỉnh Sông Lam', abbr: 'SNV', place: 'Sông Lam' });
    // Fixed 12 h lifetime.
    const ttl = Date.parse(s.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(11.9 * 3600_000);
    expect(ttl).toBeLessThanOrEqual(12 * 3600_000);
    const me = await api<{ user: { username: string } }>(s, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('vanthu');
  });

  it('refuses a wrong password and an unknown user with the same Vietnamese message', async () => {
    const attempt = (username: string, password: string) =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: headers(undefined, { 'content-type': 'application/json' }),
        body: JSON.stringify({ username, password, clientId: crypto.randomUUID() }),
      });
    const wrong = await attempt('vanthu', 'sai-mat-khau');
    const unknown = await attempt('khongco', DEMO_PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = (await wrong.json()) as { error: { code: string; message: string } };
    const b = (await unknown.json()) as { error: { code: string; message: string } };
    expect(a.error.code).toBe('BAD_CREDENTIALS');
    expect(a).toEqual(b);
    expect(a.error.message).toContain('mật khẩu');
  });

  it('locks a username for some minutes after five wrong passwords, even for the right one; others still sign in', async () => {
    const attempt = (username: string, password: string) =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: headers(undefined, { 'content-type': 'application/json' }),
        body: JSON.stringify({ username, password, clientId: crypto.randomUUID() }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt('phogiamdoc', `doan-${i}`)).status).toBe(401);
    const locked = await attempt('phogiamdoc', DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    const body = (await locked.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(body.error.message).toMatch(/thử lại sau \d+ phút/);
    expect(body).not.toHaveProperty('token');
    expect((await attempt('truongphong', DEMO_PASSWORD)).status).toBe(200);
  });

  it('refuses a bogus token, a missing token and an invalid body', async () => {
    const bogus = await api({ url: server.url, token: 'x'.repeat(43) }, 'GET', '/api/me');
    expect(bogus.status).toBe(401);
    expect(bogus.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const none = await fetch(`${server.url}/api/sync/pull`, { headers: headers() });
    expect(none.status).toBe(401);
    const bad = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: headers(undefined, { 'content-type': 'application/json' }),
      body: JSON.stringify({ username: 'vanthu' }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });

  it('answers PROTOCOL_MISMATCH to a client speaking another protocol version', async () => {
    const s = await login(server.url, 'vanthu');
    const res = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${s.token}`, 'x-protocol-version': '99' } });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'PROTOCOL_MISMATCH' } });
  });

  it('ends the session on logout', async () => {
    const s = await login(server.url, 'giamdoc');
    expect((await api(s, 'POST', '/api/auth/logout')).status).toBe(200);
    const after = await api(s, 'GET', '/api/me');
    expect(after.status).toBe(401);
  });

  it('reports SESSION_EXPIRED once the 12 hours are over', async () => {
    const s = await login(server.url, 'chuyenvien');
    await runSql(`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [s.user.id]);
    const res = await api(s, 'GET', '/api/me');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'SESSION_EXPIRED' } });
    expect((res.body as { error: { message: string } }).error.message).toContain('đăng nhập lại');
  });

  // PGlite has no multi-process protection: a second server on the same dir would corrupt it.
  it.runIf(backend === 'pglite')('refuses a second server on a data dir in use, and takes over the lock of a killed one', async () => {
    await expect(spawnServer({ dataDir: server.dataDir })).rejects.toThrow(/in use by process \d+/);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const s = await login(server.url, 'vanthu');
    await server.stop('SIGKILL');
    await server.restart();
    expect((await api(s, 'GET', '/api/me')).status).toBe(200);
  });
});
