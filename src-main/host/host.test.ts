/**
 * The browser host in front of a real core (temp data dir, no server reachable): who gets in, what is served,
 * and that the contract works over the WebSocket exactly as over any other transport.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../core/index';
import { startHost, type RunningHost } from './host';

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** Raw HTTP (fetch would normalise `..` away before sending, hiding what an attacker can really send). */
function get(port: number, rawPath: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
  });
}

function nextMessage(ws: WebSocket, match: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const m = JSON.parse(data.toString()) as Record<string, unknown>;
      if (match(m)) {
        ws.off('message', onMessage);
        resolve(m);
      }
    };
    ws.on('message', onMessage);
  });
}

let root: string;
let core: Core;
let host: RunningHost;
const token = 'test-token-0123456789abcdefghij';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'vanban-host-'));
  const site = join(root, 'site');
  mkdirSync(join(site, 'assets', 'sub'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>VanBan</title>');
  writeFileSync(join(site, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(site, 'assets', 'pdf.worker.min.mjs'), 'export {}');
  writeFileSync(join(root, 'secret.txt'), 'outside the site');
  symlinkSync(join(root, 'secret.txt'), join(site, 'assets', 'link.txt'));
  core = await createCore({ dataDir: join(root, 'desktop'), serverUrl: 'http://127.0.0.1:9', appVersion: '0.0.0-test', host: 'browser' });
  host = await startHost({ core, port: 0, host: '127.0.0.1', staticDir: site, token });
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('browser host over HTTP', () => {
  it('listens on loopback only and prints a URL carrying the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?k=${token}`);
  });

  it('refuses the page without the token and serves it with the token, a CSP and an HttpOnly cookie', async () => {
    const denied = await get(host.port, '/');
    expect(denied.status).toBe(403);
    expect(denied.body).toContain('mã truy cập');
    const page = await get(host.port, `/?k=${token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(page.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(String(page.headers['set-cookie'])).toMatch(new RegExp(`vanban_k_${host.port}=${token}; Path=/; HttpOnly; SameSite=Strict`));
    expect(page.body).toContain('<title>VanBan</title>');
  });

  it('serves assets with their MIME type to a browser holding the cookie, and nothing to others', async () => {
    const cookie = { cookie: `vanban_k_${host.port}=${token}` };
    expect((await get(host.port, '/assets/app.js')).status).toBe(403);
    expect((await get(host.port, '/assets/app.js', { cookie: `vanban_k_${host.port}=wrong` })).status).toBe(403);
    const js = await get(host.port, '/assets/app.js', cookie);
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get(host.port, '/assets/pdf.worker.min.mjs', cookie)).headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('never leaves the static directory and never lists one', async () => {
    const cookie = { cookie: `vanban_k_${host.port}=${token}` };
    for (const p of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt']) {
      const r = await get(host.port, p, cookie);
      expect([400, 404], p).toContain(r.status);
      expect(r.body).not.toContain('outside the site');
    }
    expect((await get(host.port, '/assets/link.txt', cookie)).status).toBe(404);
    expect((await get(host.port, '/assets/', cookie)).status).toBe(404);
    expect((await get(host.port, '/assets/sub', cookie)).status).toBe(404);
  });

  it('answers only to its own host name (no DNS rebinding)', async () => {
    expect((await get(host.port, `/?k=${token}`, { host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await get(host.port, `/?k=${token}`, { host: `localhost:${host.port}` })).status).toBe(200);
  });
});

describe('browser host over WebSocket', () => {
  const wsUrl = (k: string) => `ws://127.0.0.1:${host.port}/rpc?k=${k}`;

  it('refuses a wrong token and a foreign origin', async () => {
    await expect(connect(wsUrl('wrong'), host.origin)).rejects.toThrow('403');
    await expect(connect(wsUrl(token), 'http://evil.example')).rejects.toThrow('403');
    await expect(connect(wsUrl(token), `http://127.0.0.1:${host.port + 1}`)).rejects.toThrow('403');
  });

  it('dispatches calls to the core and returns typed errors', async () => {
    const ws = await connect(wsUrl(token), host.origin);
    try {
      const info = nextMessage(ws, (m) => m.id === 1);
      ws.send(JSON.stringify({ t: 'call', id: 1, method: 'app.info', params: {} }));
      expect(await info).toMatchObject({ t: 'result', id: 1, ok: true, value: { host: 'browser', version: '0.0.0-test' } });

      const session = nextMessage(ws, (m) => m.id === 2);
      ws.send(JSON.stringify({ t: 'call', id: 2, method: 'auth.session', params: {} }));
      expect(await session).toMatchObject({ ok: true, value: { state: 'signedOut' } });

      const unknown = nextMessage(ws, (m) => m.id === 3);
      ws.send(JSON.stringify({ t: 'call', id: 3, method: 'fs.readFile', params: { path: '/etc/passwd' } }));
      expect(await unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });

      const invalid = nextMessage(ws, (m) => m.id === 4);
      ws.send(JSON.stringify({ t: 'call', id: 4, method: 'auth.login', params: { username: 'vanthu' } }));
      expect(await invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

      const badShape = nextMessage(ws, (m) => m.id === 5);
      ws.send(JSON.stringify({ t: 'nope', id: 5 }));
      expect(await badShape).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

      const offline = nextMessage(ws, (m) => m.id === 6);
      ws.send(JSON.stringify({ t: 'call', id: 6, method: 'auth.login', params: { username: 'vanthu', password: 'x' } }));
      expect(await offline).toMatchObject({ ok: false, error: { code: 'NO_OFFLINE_LOGIN' } });
    } finally {
      ws.close();
    }
  });

  it('forwards core events to every connected window', async () => {
    const [a, b] = await Promise.all([connect(wsUrl(token), host.origin), connect(wsUrl(token), host.origin)]);
    try {
      const isEvent = (m: Record<string, unknown>) => m.t === 'event' && m.name === 'data.changed';
      const got = Promise.all([nextMessage(a, isEvent), nextMessage(b, isEvent)]);
      core.events.emit('data.changed', { entities: ['incoming'] });
      for (const m of await got) expect(m).toEqual({ t: 'event', name: 'data.changed', payload: { entities: ['incoming'] } });
    } finally {
      a.close();
      b.close();
    }
  });

  it('closes a socket that sends something other than JSON', async () => {
    const ws = await connect(wsUrl(token), host.origin);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('this is not json');
    expect(await closed).toBe(1007);
  });
});
