import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../src-shared/contract/client';
import { createDirectTransport } from '../../../src-shared/contract/direct-transport';
import { createCore } from '../index';
import { createFileSecretStore } from '../settings';
import { UNREACHABLE_SERVER, makeUser, seedOfflineUser } from '../testing/offline-core';
import { TOKEN_KEY } from './auth.service';

const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function coreOn(dir: string) {
  const core = await createCore({ dataDir: dir, serverUrl: UNREACHABLE_SERVER, appVersion: '1.2.3', host: 'direct' });
  closers.push(() => core.close());
  return { core, client: createClient(createDirectTransport(core.handlers, core.ctx, core.events)) };
}
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'vanban-auth-'));
  dirs.push(d);
  return d;
};

describe('auth with the server unreachable', () => {
  it('refuses a user who never signed in on this desktop', async () => {
    const { client } = await coreOn(tmp());
    await expect(client.call('auth.login', { username: 'vanthu', password: 'x' })).rejects.toMatchObject({ code: 'NO_OFFLINE_LOGIN' });
    expect(await client.call('auth.session', {})).toMatchObject({ state: 'signedOut', lastUsername: null });
    await expect(client.call('documents.listIncoming', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('unlocks offline with the right password only, and never stores the password', async () => {
    const dir = tmp();
    const user = makeUser('clerk', 'vanthu');
    await seedOfflineUser(dir, user, 'Mật-khẩu@2026');
    const { client } = await coreOn(dir);
    expect(await client.call('auth.session', {})).toMatchObject({ state: 'signedOut', lastUsername: 'vanthu' });
    await expect(client.call('auth.login', { username: 'vanthu', password: 'sai' })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    const events: unknown[] = [];
    const session = await client.call('auth.login', { username: 'VanThu', password: 'Mật-khẩu@2026' });
    expect(session).toMatchObject({ state: 'signedIn', offline: true, user: { id: user.id, role: 'clerk' } });
    client.on('sync.status', (s) => events.push(s));
    await expect(client.call('sync.now', {})).resolves.toMatchObject({ online: false, state: 'offline' });
    const status = await client.call('sync.status', {});
    expect(status.lastError).toMatch(/Không kết nối được máy chủ/);
    for (const f of readdirSync(dir)) {
      if (f.startsWith('replica.db') || f.startsWith('local.db')) expect(readFileSync(join(dir, f)).includes(Buffer.from('Mật-khẩu@2026'))).toBe(false);
    }
  });

  it('restores the session on restart when a token is stored, as offline until the server confirms it', async () => {
    const dir = tmp();
    const user = makeUser('leader', 'giamdoc');
    await seedOfflineUser(dir, user, 'pw');
    await createFileSecretStore(dir).set(TOKEN_KEY, 'token-from-an-earlier-online-login');
    const { client } = await coreOn(dir);
    expect(await client.call('auth.session', {})).toMatchObject({ state: 'signedIn', offline: true, user: { username: 'giamdoc' } });
    expect(await client.call('app.info', {})).toMatchObject({ version: '1.2.3', host: 'direct' });
    // Signing out forgets the token but keeps the offline verifier.
    expect(await client.call('auth.logout', {})).toMatchObject({ state: 'signedOut', lastUsername: 'giamdoc' });
    expect(await createFileSecretStore(dir).get(TOKEN_KEY)).toBeNull();
  });

  it('changes the server address only while signed out, and remembers it', async () => {
    const dir = tmp();
    const { client, core } = await coreOn(dir);
    expect(await client.call('auth.setServerUrl', { serverUrl: 'http://10.0.0.5:8787/' })).toMatchObject({
      serverUrl: 'http://10.0.0.5:8787',
    });
    await core.close();
    closers.pop();
    const again = await createCore({ dataDir: dir, appVersion: '1', host: 'direct' });
    closers.push(() => again.close());
    expect(again.ctx.serverUrl()).toBe('http://10.0.0.5:8787');
  });
});
