/**
 * Registers managed by an admin, and the provisional → confirmed number change, against the real server process
 * (PGlite) and real desktop cores: an admin opens a register, the clerk's documents are numbered in it from 01,
 * non-admins and duplicates are refused with a reason; a document registered offline keeps its provisional number
 * and the replica records when the server's number replaced it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerYearOf } from '../../src-shared/domain/dates';
import { b64, makePdf } from '../../src-main/core/testing/offline-core';
import { startCore, type StartedCore } from '../helpers/core';
import {
  api, DEMO_PASSWORD, incomingArgs, login, mutation, pullAll, pushMutations, sha256, spawnServer, uploadBlob, type ServerProcess,
} from '../helpers/server-process';

let server: ServerProcess;
const cores: StartedCore[] = [];
beforeAll(async () => {
  server = await spawnServer();
}, 120_000);
afterAll(async () => {
  for (const c of cores) await c.close().catch(() => undefined);
  await server?.dispose();
});

async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('registers managed by an admin', () => {
  it('opens a register for a year and kind; numbers in it start at 01; others and duplicates are refused', async () => {
    const admin = await startCore({ serverUrl: server.url });
    cores.push(admin);
    await admin.client.call('auth.login', { username: 'quantri', password: DEMO_PASSWORD });
    const opened = await admin.client.call('registers.create', { kind: 'incoming', year: 2031, name: 'Sổ văn bản đến năm 2031' });
    await admin.client.call('sync.now', {});
    const registers = await waitFor('register pulled', async () => {
      const list = await admin.client.call('registers.list', { year: 2031 });
      return list.length ? list : null;
    });
    expect(registers).toEqual([{ id: opened.id, kind: 'incoming', year: 2031, name: 'Sổ văn bản đến năm 2031', lastNumber: 0 }]);
    // Already known here: refused before it is queued.
    await expect(admin.client.call('registers.create', { kind: 'incoming', year: 2031 })).rejects.toMatchObject({ code: 'CONFLICT' });

    // Straight to the server: another admin desk that has not pulled yet is refused with a reason.
    const quantri = await login(server.url, 'quantri');
    const dup = await api<{ results: { status: string; error?: { code: string; message: string } }[] }>(quantri, 'POST', '/api/sync/push', {
      clientId: quantri.clientId,
      mutations: [{ id: 1, name: 'register.create', clientTime: new Date().toISOString(), args: { registerId: crypto.randomUUID(), kind: 'incoming', year: 2031, name: 'Sổ trùng' } }],
    });
    expect(dup.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'CONFLICT', message: expect.stringMatching(/đã có/) } });
    const clerk = await login(server.url, 'vanthu');
    const refused = await api<{ results: { status: string; error?: { code: string } }[] }>(clerk, 'POST', '/api/sync/push', {
      clientId: clerk.clientId,
      mutations: [{ id: 1, name: 'register.create', clientTime: new Date().toISOString(), args: { registerId: crypto.randomUUID(), kind: 'incomingSecret', year: 2031, name: 'Sổ mật' } }],
    });
    expect(refused.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });

    // The clerk's first document of 2031 gets số đến 1 in the admin's register.
    const bytes = randomBytes(2000);
    await uploadBlob(clerk, bytes);
    const pushed = await pushMutations(clerk, [mutation(2, incomingArgs([{ sha256: sha256(bytes), size: bytes.length }], { year: 2031, arrivalDate: '2031-01-02' }))]);
    expect(pushed.body.results[0]).toMatchObject({ status: 'applied' });
    const pulled = await pullAll(clerk);
    const doc = pulled.changes.find((c) => c.entity === 'incomingDocument' && c.data?.year === 2031);
    expect(doc?.data).toMatchObject({ registerId: opened.id, arrivalNumber: 1 });
  });
});

describe('provisional number replaced on sync', () => {
  it('keeps the provisional number the clerk saw offline and records when the server number replaced it', async () => {
    let offline = false;
    const switchable: typeof fetch = (input, init) => (offline ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init));
    const desk = await startCore({ serverUrl: server.url, fetch: switchable });
    cores.push(desk);
    await desk.client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD });
    await desk.client.call('sync.now', {});
    const year = registerYearOf();
    const staged = await desk.client.call('intake.stageFile', { name: 'cv.pdf', contentBase64: b64(await makePdf(1)) });

    offline = true;
    const mine = await desk.client.call('documents.registerIncoming', {
      issuer: 'Sở Tài chính', number: '77', notation: 'STC-NS', documentDate: `${year}-01-05`, docType: 'CV',
      subject: 'Về việc lập dự toán', urgency: 'normal', secrecy: 'none', dueDate: null,
      files: [{ sha256: staged.sha256, name: staged.name, role: 'main' }],
    });
    expect(mine.provisional).toBe(true);
    // Meanwhile another clerk's desk takes that number on the server.
    const other = await login(server.url, 'vanthu');
    const bytes = randomBytes(1500);
    await uploadBlob(other, bytes);
    const taken = await pushMutations(other, [mutation(1, incomingArgs([{ sha256: sha256(bytes), size: bytes.length }], { year, arrivalDate: `${year}-01-05` }))]);
    expect(taken.body.results[0]).toMatchObject({ status: 'applied' });

    offline = false;
    const detail = await waitFor('confirmed after reconnect', async () => {
      await desk.client.call('sync.now', {});
      const d = await desk.client.call('documents.getIncoming', { id: mine.id });
      return d.syncState === 'synced' ? d : null;
    });
    expect(detail.arrivalNumber).toBe(mine.arrivalNumber + 1);
    expect(detail.provisionalNumber).toBe(mine.arrivalNumber);
    expect(detail.numberChange).toMatchObject({ provisionalNumber: mine.arrivalNumber, confirmedNumber: mine.arrivalNumber + 1 });
  });
});
