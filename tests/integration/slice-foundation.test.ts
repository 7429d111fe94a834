/**
 * The foundation slice end to end: a real server process (demo seed) and two real desktop cores.
 * Clerk registers incoming documents online and offline; the leader sees them; numbers stay consecutive;
 * the outbox survives a core restart and drains by itself when the server comes back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../src-shared/contract/client';
import type { SyncStatus } from '../../src-shared/contract/methods';
import { registerYearOf } from '../../src-shared/domain/dates';
import { b64, makePdf } from '../../src-main/core/testing/offline-core';
import { startCore, type StartedCore } from '../helpers/core';
import { DEMO_PASSWORD, spawnServer, type ServerProcess } from '../helpers/server-process';

/** Polls until `check` returns a value; the limit only turns a hang into a readable failure. */
async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, limitMs = 120_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Resolves on the first sync.status event (or current status) that satisfies `pred`. */
function waitForStatus(c: StartedCore, what: string, pred: (s: SyncStatus) => boolean): Promise<SyncStatus> {
  return waitFor(what, async () => {
    const s = await c.client.call('sync.status', {});
    return pred(s) ? s : null;
  });
}

async function registerWithPdf(client: Client, subject: string, number: string) {
  const pdf = await makePdf(3, subject);
  const staged = await client.call('intake.stageFile', { name: `${number}.pdf`, contentBase64: b64(pdf) });
  const res = await client.call('documents.registerIncoming', {
    issuer: 'Sở Tài chính', number, notation: 'STC-NS', documentDate: `${registerYearOf()}-01-15`, docType: 'CV',
    subject, urgency: 'urgent', secrecy: 'none', dueDate: null,
    files: [{ sha256: staged.sha256, name: staged.name, role: 'main' }],
  });
  return { ...res, pdf, sha256: staged.sha256 };
}

async function yearNumbers(client: Client): Promise<number[]> {
  const { items } = await client.call('documents.listIncoming', { year: registerYearOf(), limit: 500 });
  return items.filter((i) => i.secrecy === 'none').map((i) => i.arrivalNumber ?? -1).sort((a, b) => a - b);
}

function expectConsecutive(nums: number[]): void {
  expect(nums.length).toBeGreaterThan(0);
  expect(nums).toEqual(Array.from({ length: nums.length }, (_, i) => i + 1));
}

describe('foundation slice: register, sync, offline, restart', () => {
  let server: ServerProcess;
  const dirs: string[] = [];
  const cores: StartedCore[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'vanban-slice-'));
    dirs.push(d);
    return d;
  };
  const start = async (dataDir: string) => {
    const c = await startCore({ dataDir, serverUrl: server.url });
    cores.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await spawnServer({ seed: 'demo' });
  });
  afterAll(async () => {
    for (const c of cores) await c.close().catch(() => {});
    await server?.dispose();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('works online, offline, across a server restart and a core restart', async () => {
    const clerkDir = dir();
    let clerk = await start(clerkDir);
    const leader = await start(dir());

    // Signing in online.
    expect(await clerk.client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD })).toMatchObject({
      state: 'signedIn', offline: false, user: { username: 'vanthu', role: 'clerk' },
    });
    await leader.client.call('auth.login', { username: 'giamdoc', password: DEMO_PASSWORD });
    await expect(leader.client.call('auth.login', { username: 'giamdoc', password: 'sai-mat-khau' })).rejects.toMatchObject({
      code: 'BAD_CREDENTIALS',
    });
    await waitForStatus(clerk, 'clerk initial sync', (s) => s.state === 'idle' && s.lastSuccessAt !== null);
    expect((await clerk.client.call('registers.list', { year: registerYearOf() })).length).toBeGreaterThan(0);
    expect((await clerk.client.call('directory.users', {})).map((u) => u.username)).toContain('giamdoc');

    // The UI refreshes on events: record what each desktop announces.
    const leaderChanges: string[][] = [];
    leader.client.on('data.changed', (e) => leaderChanges.push(e.entities));
    const clerkPending: number[] = [];
    clerk.client.on('sync.status', (s) => clerkPending.push(s.pendingMutations));

    // 1. Online registration: the server allocates N, the leader sees the document and reads the same bytes.
    const first = await registerWithPdf(clerk.client, 'Về dự toán ngân sách năm sau', '101');
    expect(first.provisional).toBe(true);
    const confirmed = await waitFor('first document confirmed', async () => {
      const d = await clerk.client.call('documents.getIncoming', { id: first.id });
      return d.syncState === 'synced' ? d : null;
    });
    expect(confirmed.provisional).toBe(false);
    const n = confirmed.arrivalNumber!;
    const seen = await waitFor('leader sees the document', async () => {
      const { items } = await leader.client.call('documents.listIncoming', { search: 'du toan ngan sach' });
      return items.find((i) => i.id === first.id);
    });
    expect(seen).toMatchObject({ arrivalNumber: n, syncState: 'synced', fileCount: 1 });
    expect(leaderChanges.flat()).toContain('incomingDocument');
    expect(clerkPending).toContain(1);
    expect(clerkPending.at(-1)).toBe(0);
    const leaderDetail = await leader.client.call('documents.getIncoming', { id: first.id });
    expect(leaderDetail.files[0]).toMatchObject({ sha256: first.sha256, availableLocally: false });
    const read = await leader.client.call('files.read', { sha256: first.sha256 });
    expect(Buffer.from(read.contentBase64, 'base64').equals(Buffer.from(first.pdf))).toBe(true);
    expect(read.mime).toBe('application/pdf');

    // 2. Server down: registration keeps working with a provisional number.
    await server.stop();
    const second = await registerWithPdf(clerk.client, 'Về quyết toán quý III', '102');
    expect(second.arrivalNumber).toBe(n + 1);
    const pending = await clerk.client.call('documents.getIncoming', { id: second.id });
    expect(pending).toMatchObject({ syncState: 'pending', provisional: true, arrivalNumber: n + 1 });
    await waitForStatus(clerk, 'clerk notices the server is gone', (s) => !s.online && s.pendingMutations === 1);
    // The leader keeps reading what is cached; a file never opened here says why it cannot open now.
    const cached = await leader.client.call('files.read', { sha256: first.sha256 });
    expect(Buffer.from(cached.contentBase64, 'base64').equals(Buffer.from(first.pdf))).toBe(true);
    const { items: leaderItems } = await leader.client.call('documents.listIncoming', { limit: 500 });
    const seeded = leaderItems.find((i) => i.id !== first.id && i.fileCount > 0);
    expect(seeded).toBeDefined();
    const seededFile = (await leader.client.call('documents.getIncoming', { id: seeded!.id })).files[0]!;
    await expect(leader.client.call('files.read', { sha256: seededFile.sha256 })).rejects.toMatchObject({
      code: 'FILE_UNAVAILABLE_OFFLINE',
    });

    // 3. A core restart keeps the session and the outbox.
    await clerk.close();
    clerk = await start(clerkDir);
    expect(await clerk.client.call('auth.session', {})).toMatchObject({ state: 'signedIn', offline: true, user: { username: 'vanthu' } });
    expect(await clerk.client.call('documents.getIncoming', { id: second.id })).toMatchObject({ syncState: 'pending' });
    expect((await clerk.client.call('sync.status', {})).pendingMutations).toBe(1);
    // Offline unlock with the cached verifier: the right password works, a wrong one does not.
    await expect(clerk.client.call('auth.login', { username: 'vanthu', password: 'sai' })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect(await clerk.client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD })).toMatchObject({
      state: 'signedIn', offline: true,
    });
    const third = await registerWithPdf(clerk.client, 'Về kế hoạch kiểm tra', '103');
    expect(third.arrivalNumber).toBe(n + 2);

    // 4. Server back: nothing but waiting; the outbox drains and the documents are confirmed.
    await server.restart();
    await waitForStatus(clerk, 'outbox drained', (s) => s.online && s.pendingMutations === 0 && s.pendingBytes === 0 && s.state === 'idle');
    const drained = await waitFor('offline documents confirmed', async () => {
      const a = await clerk.client.call('documents.getIncoming', { id: second.id });
      const b = await clerk.client.call('documents.getIncoming', { id: third.id });
      return a.syncState === 'synced' && b.syncState === 'synced' ? [a, b] : null;
    });
    expect(drained.map((d) => d.provisional)).toEqual([false, false]);
    expect(await clerk.client.call('auth.session', {})).toMatchObject({ offline: false });
    expectConsecutive(await yearNumbers(clerk.client));
    const clerkNumbers = await yearNumbers(clerk.client);
    await waitFor('leader catches up', async () => {
      const nums = await yearNumbers(leader.client);
      return nums.length === clerkNumbers.length ? nums : null;
    });
    expect(await yearNumbers(leader.client)).toEqual(clerkNumbers);
    const third2 = await leader.client.call('files.read', { sha256: third.sha256 });
    expect(Buffer.from(third2.contentBase64, 'base64').equals(Buffer.from(third.pdf))).toBe(true);
  });

  it('unlocks offline after a restart with the server down, and refuses users never signed in here', async () => {
    const clerkDir = dir();
    let clerk = await start(clerkDir);
    await clerk.client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD });
    await clerk.client.call('auth.logout', {});
    await clerk.close();
    await server.stop();
    try {
      clerk = await start(clerkDir);
      expect(await clerk.client.call('auth.session', {})).toMatchObject({ state: 'signedOut', lastUsername: 'vanthu' });
      await expect(clerk.client.call('auth.login', { username: 'giamdoc', password: DEMO_PASSWORD })).rejects.toMatchObject({
        code: 'NO_OFFLINE_LOGIN',
      });
      expect(await clerk.client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD })).toMatchObject({
        state: 'signedIn', offline: true,
      });
      expect((await clerk.client.call('documents.listIncoming', {})).total).toBeGreaterThan(0);
    } finally {
      await server.restart();
    }
    // Back online, the offline-unlocked session re-authenticates by itself.
    await waitFor('silent re-authentication', async () => {
      const s = await clerk.client.call('auth.session', {});
      return s.state === 'signedIn' && !s.offline;
    });
  });
});
