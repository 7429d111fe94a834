/**
 * The bundled core process (what Electron runs in its utilityProcess), driven through the same parentPort
 * messages the main process sends: init, calls, safeStorage round trips, events, clean shutdown. Runs without
 * the Electron runtime (see parent-port-harness.mjs), against a real server with the demo data.
 */
import { expect, test } from '@playwright/test';
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/pglite-template';
import { DEMO_PASSWORD, spawnServer, type ServerProcess } from '../helpers/server-process';

type Msg = { t: string; id?: number; ok?: boolean; value?: unknown; error?: { code: string }; name?: string; op?: string; data?: string };

/** AES-GCM stands in for the OS keychain behind safeStorage; the main process would answer the same way. */
function keychain() {
  const key = randomBytes(32);
  return {
    encrypt(plain: string) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
    },
    decrypt(b64: string) {
      const raw = Buffer.from(b64, 'base64');
      const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

test.describe('core process bundle', () => {
  let server: ServerProcess;
  let dataDir: string;
  let child: ChildProcess | undefined;

  test.beforeAll(async () => {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-main.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
    server = await spawnServer({ seed: 'demo' });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'vanban-core-process-'));
  });
  test.afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await server?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('answers calls, keeps the session token encrypted, forwards events and shuts down on request', async () => {
    const kc = keychain();
    const received: Msg[] = [];
    const waiters = new Set<() => void>();
    const proc = fork(path.join(REPO_ROOT, 'tests', 'electron', 'parent-port-harness.mjs'), [path.join(REPO_ROOT, 'dist', 'main', 'shell', 'core-process.mjs')], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child = proc;
    proc.on('message', (m: Msg) => {
      if (m.t === 'crypto') {
        proc.send({ t: 'cryptoResult', id: m.id, ok: true, value: m.op === 'encrypt' ? kc.encrypt(m.data ?? '') : kc.decrypt(m.data ?? '') });
      }
      received.push(m);
      for (const w of waiters) w();
    });
    const next = (pred: (m: Msg) => boolean) =>
      new Promise<Msg>((resolve) => {
        const check = () => {
          const hit = received.find(pred);
          if (hit) {
            waiters.delete(check);
            resolve(hit);
          }
        };
        waiters.add(check);
        check();
      });
    let nextId = 1;
    const call = async (method: string, params: unknown = {}) => {
      const id = nextId++;
      proc.send({ t: 'call', id, method, params });
      return next((m) => m.t === 'result' && m.id === id);
    };

    proc.send({ t: 'init', dataDir, serverUrl: server.url, appVersion: '0.1.0' });
    await next((m) => m.t === 'ready' || m.t === 'fatal').then((m) => expect(m.t).toBe('ready'));

    expect(await call('app.info')).toMatchObject({ ok: true, value: { host: 'electron', version: '0.1.0' } });
    proc.send({ t: 'call', method: 'no id, not a contract message' });
    expect(await call('system.exec', { cmd: 'id' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });

    expect(await call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD })).toMatchObject({
      ok: true,
      value: { state: 'signedIn', user: { username: 'vanthu' } },
    });
    // The token went through the keychain: only ciphertext on disk, no plaintext secrets file.
    expect(received.some((m) => m.t === 'crypto' && m.op === 'encrypt')).toBe(true);
    const secrets = JSON.parse(readFileSync(path.join(dataDir, 'secrets.enc.json'), 'utf8')) as Record<string, string>;
    const stored = Object.values(secrets);
    expect(stored.length).toBeGreaterThan(0);
    for (const v of stored) expect(() => kc.decrypt(v)).not.toThrow();
    expect(existsSync(path.join(dataDir, 'secrets.json'))).toBe(false);

    // Replica data arrives through sync, announced by forwarded data.changed events.
    await next((m) => m.t === 'event' && m.name === 'data.changed');
    await expect
      .poll(async () => ((await call('documents.listIncoming', {})) as { value?: { total: number } }).value?.total ?? 0)
      .toBeGreaterThanOrEqual(4);

    // The main process asks for a clean shutdown by message (Windows has no catchable SIGTERM).
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.send({ t: 'shutdown' });
    expect(await exited).toBe(0);
  });
});
