/**
 * Sync edge cases of the foundation slice against the real server: a refused mutation does not block the queue,
 * an interrupted upload resumes from the server's offset, and one data dir holds one user's data.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../src-shared/contract/client';
import { registerYearOf, todayInVietnam } from '../../src-shared/domain/dates';
import { UPLOAD_CHUNK_BYTES } from '../../src-shared/sync/protocol';
import { TOKEN_KEY } from '../../src-main/core/services/auth.service';
import { createFileSecretStore } from '../../src-main/core/settings';
import { b64, makePdf } from '../../src-main/core/testing/offline-core';
import { startCore, type StartedCore } from '../helpers/core';
import { DEMO_PASSWORD, headers, login, sha256, spawnServer, type ServerProcess } from '../helpers/server-process';

async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, limitMs = 120_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const docInput = (subject: string, number: string, files: { sha256: string; name: string }[]) => ({
  issuer: 'UBND huyện Kim Sơn', number, notation: 'UBND-VP', documentDate: `${registerYearOf()}-02-01`, docType: 'CV' as const,
  subject, urgency: 'normal' as const, secrecy: 'none' as const, dueDate: null,
  files: files.map((f) => ({ ...f, role: 'main' as const })),
});

async function registerPdf(client: Client, subject: string, number: string) {
  const staged = await client.call('intake.stageFile', { name: `${number}.pdf`, contentBase64: b64(await makePdf(1, subject)) });
  return client.call('documents.registerIncoming', docInput(subject, number, [staged]));
}

describe('sync edges', () => {
  let server: ServerProcess;
  const cores: StartedCore[] = [];
  const dirs: string[] = [];
  const start = async (dataDir: string, fetchImpl?: typeof fetch) => {
    const c = await startCore({ dataDir, serverUrl: server.url, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
    cores.push(c);
    return c;
  };
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'vanban-edges-'));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    server = await spawnServer({ seed: 'demo' });
  });
  afterAll(async () => {
    for (const c of cores) await c.close().catch(() => {});
    await server?.dispose();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('keeps a refused mutation with the server reason, never retries it, and pushes the next ones', async () => {
    const clerk = await start(dir());
    await clerk.client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD });
    await clerk.client.call('sync.now', {});
    // A mutation the server must refuse (a non-secret document without a file), queued as the service would.
    const { sqlite } = clerk.core.ctx.replica;
    const refusedId = crypto.randomUUID();
    const userId = (await clerk.client.call('auth.session', {})) as { user: { id: string } };
    sqlite.transaction(() => {
      const id = sqlite.prepare('SELECT next_mutation_id FROM sync_state').pluck().get() as number;
      sqlite.prepare('UPDATE sync_state SET next_mutation_id = ?').run(id + 1);
      const args = {
        documentId: refusedId, year: registerYearOf(), arrivalDate: todayInVietnam(), issuer: 'Sở Nội vụ', number: '7',
        notation: 'SNV-TCBC', documentDate: todayInVietnam(), docType: 'CV', subject: 'Văn bản thiếu tệp', urgency: 'normal',
        secrecy: 'none', dueDate: null, pageCount: null, recipients: '', note: '', provisionalNumber: 99, files: [],
      };
      sqlite.prepare("INSERT INTO outbox (id, name, args, status, user_id, created_at) VALUES (?, 'incoming.register', ?, 'pending', ?, ?)")
        .run(id, JSON.stringify(args), userId.user.id, new Date().toISOString());
      sqlite.prepare(
        `INSERT INTO pending_incoming (id, outbox_id, year, provisional_number, arrival_date, issuer, number, notation, document_date,
           doc_type, subject, urgency, secrecy, recipients, note, files, search_text, created_by, created_at)
         VALUES (?, ?, ?, 99, ?, 'Sở Nội vụ', '7', 'SNV-TCBC', ?, 'CV', 'Văn bản thiếu tệp', 'normal', 'none', '', '', '[]', 'so noi vu', ?, ?)`,
      ).run(refusedId, id, registerYearOf(), todayInVietnam(), todayInVietnam(), userId.user.id, new Date().toISOString());
    })();
    const next = await registerPdf(clerk.client, 'Về công tác cán bộ', '8');

    await waitFor('the valid document is confirmed', async () => {
      const d = await clerk.client.call('documents.getIncoming', { id: next.id });
      return d.syncState === 'synced';
    });
    const refused = await clerk.client.call('documents.getIncoming', { id: refusedId });
    expect(refused).toMatchObject({ syncState: 'rejected', arrivalNumber: null });
    expect(refused.rejectReason).toMatch(/tệp/);
    const status = await clerk.client.call('sync.now', {});
    expect(status).toMatchObject({ pendingMutations: 0, rejectedMutations: 1, state: 'idle' });
    expect(await clerk.client.call('documents.getIncoming', { id: refusedId })).toMatchObject({ syncState: 'rejected' });
  });

  it('resumes an interrupted upload from the offset the server holds', async () => {
    // 2.5 chunks of an attached Word file (kept as it is; scans would become PDFs); the first chunk reached the server before the "crash".
    const png = Buffer.concat([Buffer.from('504b0304', 'hex'), randomBytes(Math.floor(UPLOAD_CHUNK_BYTES * 2.5))]);
    const sha = sha256(png);
    const s = await login(server.url, 'vanthu');
    const first = await fetch(`${server.url}/api/blobs/${sha}`, {
      method: 'PATCH',
      headers: headers(s.token, {
        'upload-offset': '0', 'upload-length': String(png.length), 'content-type': 'application/offset+octet-stream',
      }),
      body: png.subarray(0, UPLOAD_CHUNK_BYTES),
    });
    expect(first.status).toBe(204);

    let patchedBytes = 0;
    const counting: typeof fetch = (input, init) => {
      if (init?.method === 'PATCH' && init.body instanceof Uint8Array) patchedBytes += init.body.byteLength;
      return fetch(input, init);
    };
    const clerk = await start(dir(), counting);
    await clerk.client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD });
    const staged = await clerk.client.call('intake.stageFile', { name: 'phu-luc.docx', contentBase64: b64(png) });
    const doc = await clerk.client.call('documents.registerIncoming', docInput('Ảnh quét công văn', '21', [staged]));
    await waitFor('scan confirmed', async () => (await clerk.client.call('documents.getIncoming', { id: doc.id })).syncState === 'synced');
    expect(patchedBytes).toBe(png.length - UPLOAD_CHUNK_BYTES);

    const leader = await start(dir());
    await leader.client.call('auth.login', { username: 'giamdoc', password: DEMO_PASSWORD });
    await leader.client.call('sync.now', {});
    const read = await leader.client.call('files.read', { sha256: sha });
    expect(Buffer.from(read.contentBase64, 'base64').equals(png)).toBe(true);
  });

  it('holds one user per data dir: a switch waits for the outbox, then clears the replica', async () => {
    const d = dir();
    const desk = await start(d);
    await desk.client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD });
    await desk.client.call('sync.now', {});
    await server.stop();
    const pending = await registerPdf(desk.client, 'Về lịch trực cơ quan', '31');
    await desk.client.call('auth.logout', {});
    await server.restart();

    await expect(desk.client.call('auth.login', { username: 'giamdoc', password: DEMO_PASSWORD })).rejects.toMatchObject({
      code: 'CONFLICT', message: expect.stringMatching(/vanthu/),
    });
    // The clerk signs in again; the outbox drains by itself.
    await desk.client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD });
    await waitFor('outbox drained', async () => {
      const s = await desk.client.call('sync.status', {});
      return s.pendingMutations === 0 && s.state === 'idle';
    });
    expect(await desk.client.call('documents.getIncoming', { id: pending.id })).toMatchObject({ syncState: 'synced' });
    await desk.client.call('auth.logout', {});

    expect(await desk.client.call('auth.login', { username: 'giamdoc', password: DEMO_PASSWORD })).toMatchObject({
      user: { username: 'giamdoc' },
    });
    const { sqlite } = desk.core.ctx.replica;
    expect(sqlite.prepare('SELECT username FROM auth_cache').pluck().all()).toEqual(['giamdoc']);
    expect(sqlite.prepare('SELECT count(*) FROM local_blobs').pluck().get()).toBe(0);
    await desk.client.call('sync.now', {});
    // The leader's replica is rebuilt from the server: the clerk's document is there, confirmed.
    expect(await desk.client.call('documents.getIncoming', { id: pending.id })).toMatchObject({ syncState: 'synced' });
  });

  it('keeps working offline when the stored token is refused, and says the session expired until re-login', async () => {
    const d = dir();
    const first = await start(d);
    await first.client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD });
    await first.client.call('sync.now', {});
    await first.close({ keepData: true });
    // The server no longer knows this token (revoked, expired or issued by another server).
    await createFileSecretStore(d).set(TOKEN_KEY, 'revoked-token-0123456789abcdef');

    const desk = await start(d);
    const status = await waitFor('session expiry reported', async () => {
      const s = await desk.client.call('sync.status', {});
      return s.state === 'error' ? s : null;
    });
    expect(status.lastError).toMatch(/Phiên làm việc đã hết hạn/);
    expect(await desk.client.call('auth.session', {})).toMatchObject({ state: 'signedIn', offline: true });
    const queued = await registerPdf(desk.client, 'Về phòng cháy chữa cháy', '41');
    expect((await desk.client.call('sync.now', {})).pendingMutations).toBe(1);

    await desk.client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD });
    await waitFor('queued document confirmed after re-login', async () => {
      const doc = await desk.client.call('documents.getIncoming', { id: queued.id });
      return doc.syncState === 'synced';
    });
    expect(await desk.client.call('sync.status', {})).toMatchObject({ lastError: null, online: true });
  });

  it('applies a mutation exactly once when the push response is lost on the way back', async () => {
    let dropNextPushResponse = true;
    let pushes = 0;
    // The request reaches the real server and is applied there; only the answer is lost (a cut connection).
    const lossy: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith('/api/sync/push')) {
        pushes += 1;
        if (dropNextPushResponse) {
          dropNextPushResponse = false;
          await res.body?.cancel();
          throw new TypeError('fetch failed: connection reset');
        }
      }
      return res;
    };
    const clerk = await start(dir(), lossy);
    await clerk.client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD });
    await clerk.client.call('sync.now', {});
    const before = (await clerk.client.call('documents.listIncoming', { year: registerYearOf(), limit: 500 })).total;
    const doc = await registerPdf(clerk.client, 'Về kiểm kê tài sản', '51');
    await waitFor('document confirmed after the lost response', async () => {
      const d = await clerk.client.call('documents.getIncoming', { id: doc.id });
      return d.syncState === 'synced';
    });
    expect(pushes).toBeGreaterThanOrEqual(2);
    const { items, total } = await clerk.client.call('documents.listIncoming', { year: registerYearOf(), limit: 500 });
    expect(total).toBe(before + 1);
    expect(items.filter((i) => i.subject === 'Về kiểm kê tài sản')).toHaveLength(1);
    const numbers = items.filter((i) => i.secrecy === 'none').map((i) => i.arrivalNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
