import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../src-shared/contract';
import { APP_START_URL, isAppUrl, resolveAppPath } from './app-origin';
import { fromCoreSchema, toCoreSchema } from './core-messages';
import { PRELOAD_CALL_CHANNEL, PRELOAD_EVENT_CHANNEL } from './ipc-channels';
import { checkIpcCall } from './ipc-guard';
import { createSafeStorageSecretStore, type Cipher } from './safe-storage-secret-store';

const appPage = { frameUrl: APP_START_URL, isTopFrame: true };
const call = { t: 'call', id: 1, method: 'auth.session', params: {} };

describe('IPC calls from the window', () => {
  it('forwards a well-formed call from our top-level app page', () => {
    expect(checkIpcCall(appPage, call)).toEqual({ ok: true, method: 'auth.session', params: {} });
  });

  it.each([
    ['a web page', { frameUrl: 'https://evil.example/index.html', isTopFrame: true }],
    ['a file:// page', { frameUrl: 'file:///etc/passwd', isTopFrame: true }],
    ['an iframe inside our page', { frameUrl: APP_START_URL, isTopFrame: false }],
    ['a destroyed frame', { frameUrl: null, isTopFrame: true }],
    ['a look-alike host', { frameUrl: 'app://vanban.evil/index.html', isTopFrame: true }],
  ])('refuses calls from %s', (_what, sender) => {
    const r = checkIpcCall(sender, call);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
  });

  it.each([
    ['no method', { t: 'call', id: 1, params: {} }],
    ['a method that is not a string', { t: 'call', id: 1, method: 42, params: {} }],
    ['a huge method name', { t: 'call', id: 1, method: 'x'.repeat(500), params: {} }],
    ['not an object', 'auth.session'],
  ])('refuses a message with %s', (_what, raw) => {
    const r = checkIpcCall(appPage, raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INVALID_INPUT');
  });

  it('uses the same channel names in the preload as the contract', () => {
    expect([PRELOAD_CALL_CHANNEL, PRELOAD_EVENT_CHANNEL]).toEqual([IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL]);
  });
});

describe('app:// pages', () => {
  const root = '/opt/vanban/dist/renderer';
  it('serves files inside dist/renderer, index.html for the root', () => {
    expect(resolveAppPath(root, 'app://vanban/')).toBe(`${root}/index.html`);
    expect(resolveAppPath(root, 'app://vanban/assets/index-abc.js')).toBe(`${root}/assets/index-abc.js`);
    expect(resolveAppPath(root, 'app://vanban/fonts/Noto%20Sans.ttf')).toBe(`${root}/fonts/Noto Sans.ttf`);
  });
  it.each(['app://vanban/../../etc/passwd', 'app://vanban/%2e%2e/%2e%2e/etc/passwd', 'app://vanban/a/..%2f..%2f..%2fsecrets.json', 'app://vanban/..%5c..%5csecrets.json'])(
    'never leaves dist/renderer for %s',
    (url) => {
      const file = resolveAppPath(root, url);
      if (file !== null) expect(file.startsWith(`${root}/`)).toBe(true);
    },
  );
  it('refuses other hosts and NUL bytes', () => {
    expect(resolveAppPath(root, 'app://other/index.html')).toBeNull();
    expect(resolveAppPath(root, 'app://vanban/index.html%00.js')).toBeNull();
  });
  it('recognises only our origin', () => {
    expect(isAppUrl(APP_START_URL)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:8787/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('messages between main and core process', () => {
  it('accepts the contract messages and rejects anything else', () => {
    expect(toCoreSchema.safeParse({ t: 'init', dataDir: '/d', appVersion: '0.1.0' }).success).toBe(true);
    expect(toCoreSchema.safeParse(call).success).toBe(true);
    expect(toCoreSchema.safeParse({ t: 'init', dataDir: '', appVersion: '0.1.0' }).success).toBe(false);
    expect(fromCoreSchema.safeParse({ t: 'result', id: 1, ok: false, error: { code: 'FORBIDDEN', message: 'x' } }).success).toBe(true);
    expect(fromCoreSchema.safeParse({ t: 'result', id: 1, ok: false, error: { code: 'MADE_UP', message: 'x' } }).success).toBe(false);
    expect(fromCoreSchema.safeParse({ t: 'crypto', id: 2, op: 'encrypt', data: 'secret' }).success).toBe(true);
  });
});

describe('safeStorage-backed secret store', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  // A real AES-GCM cipher stands in for the OS keychain that safeStorage uses inside Electron.
  const aesCipher = (key = randomBytes(32)): Cipher => ({
    encrypt: async (plain) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
    },
    decrypt: async (b64) => {
      const raw = Buffer.from(b64, 'base64');
      const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
  });

  it('keeps the session token only encrypted on disk and reads it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vanban-secrets-'));
    dirs.push(dir);
    const store = createSafeStorageSecretStore(dir, aesCipher());
    await store.set('sessionToken', 'tok-Bí-mật-123');
    expect(readFileSync(join(dir, 'secrets.enc.json'), 'utf8')).not.toContain('tok-');
    expect(await store.get('sessionToken')).toBe('tok-Bí-mật-123');
    await store.delete('sessionToken');
    expect(await store.get('sessionToken')).toBeNull();
  });

  it('treats a secret the keychain can no longer decrypt as absent (the user logs in again)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vanban-secrets-'));
    dirs.push(dir);
    await createSafeStorageSecretStore(dir, aesCipher()).set('sessionToken', 'abc');
    expect(await createSafeStorageSecretStore(dir, aesCipher()).get('sessionToken')).toBeNull();
  });
});
