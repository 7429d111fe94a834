/**
 * "Keep available offline": the files of a kept document are downloaded in the background through a durable queue;
 * a download that failed many times is still tried again (it only waits longer), the queue survives a restart,
 * and once the bytes arrived the document opens with the server gone.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerYearOf } from '../../src-shared/domain/dates';
import { b64 } from '../../src-main/core/testing/offline-core';
import { startCore, type StartedCore } from '../helpers/core';
import { DEMO_PASSWORD, sha256, spawnServer, type ServerProcess } from '../helpers/server-process';

type QueueRow = { attempts: number; next_attempt_at: string; last_error: string | null };

describe('sync: files kept offline', () => {
  let server: ServerProcess;
  const cores: StartedCore[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'vanban-offline-'));
  beforeAll(async () => {
    server = await spawnServer({ seed: 'demo' });
  });
  afterAll(async () => {
    for (const c of cores) await c.close().catch(() => {});
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads kept files through a durable queue that never drops a failing transfer', async () => {
    const clerk = await startCore({ serverUrl: server.url });
    cores.push(clerk);
    await clerk.client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD });
    const bytes = Buffer.concat([Buffer.from('504b0304', 'hex'), randomBytes(30_000)]);
    const staged = await clerk.client.call('intake.stageFile', { name: 'phu-luc.docx', contentBase64: b64(bytes) });
    const doc = await clerk.client.call('documents.registerIncoming', {
      issuer: 'Sở Xây dựng', number: '17', notation: 'SXD-QLN', documentDate: `${registerYearOf()}-03-01`, docType: 'CV',
      subject: 'Về quy hoạch khu dân cư', urgency: 'normal', secrecy: 'none', dueDate: null,
      files: [{ sha256: staged.sha256, name: staged.name, role: 'main' }],
    });
    expect((await clerk.client.call('sync.now', {})).pendingMutations).toBe(0);

    // The leader's desktop: blob downloads fail (a flaky commune link) while everything else works.
    let downloadsFail = true;
    const flaky: typeof fetch = (input, init) =>
      downloadsFail && String(input).includes('/api/blobs/') && (init?.method ?? 'GET') === 'GET'
        ? Promise.reject(new TypeError('fetch failed'))
        : fetch(input, init);
    const leader = await startCore({ dataDir: dir, serverUrl: server.url, fetch: flaky });
    await leader.client.call('auth.login', { username: 'giamdoc', password: DEMO_PASSWORD });
    await leader.client.call('sync.now', {});
    await expect(leader.client.call('documents.setOffline', { id: crypto.randomUUID(), keep: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await leader.client.call('documents.setOffline', { id: doc.id, keep: true })).toEqual({ id: doc.id, keep: true });
    await leader.client.call('sync.now', {});
    const { sqlite } = leader.core.ctx.replica;
    const queued = () => sqlite.prepare('SELECT attempts, next_attempt_at, last_error FROM download_queue WHERE sha256 = ?').get(sha256(bytes)) as QueueRow | undefined;
    expect(queued()).toMatchObject({ attempts: 1, last_error: expect.stringMatching(/SERVER_UNREACHABLE|fetch failed/) });

    // Many failures later (time passes: the entry is due again), it is still tried, and still kept.
    sqlite.prepare("UPDATE download_queue SET attempts = 40, next_attempt_at = '2000-01-01T00:00:00.000Z'").run();
    await leader.client.call('sync.now', {});
    const after = queued();
    expect(after?.attempts).toBe(41);
    // It waits at most about an hour before the next try.
    expect(Date.parse(after!.next_attempt_at) - Date.now()).toBeLessThanOrEqual(1.2 * 3_600_000);
    await leader.close({ keepData: true });

    // A restart keeps the queue; the link works again and the entry is due: the file arrives in the background.
    downloadsFail = false;
    const again = await startCore({ dataDir: dir, serverUrl: server.url });
    cores.push(again);
    const sqlite2 = again.core.ctx.replica.sqlite;
    expect(sqlite2.prepare('SELECT attempts FROM download_queue').pluck().all()).toEqual([41]);
    sqlite2.prepare("UPDATE download_queue SET next_attempt_at = '2000-01-01T00:00:00.000Z'").run();
    await again.client.call('sync.now', {});
    expect(sqlite2.prepare('SELECT count(*) FROM download_queue').pluck().get()).toBe(0);

    // Downloaded before it was needed: it opens with the server gone.
    await server.stop();
    const read = await again.client.call('files.read', { sha256: sha256(bytes) });
    expect(Buffer.from(read.contentBase64, 'base64').equals(bytes)).toBe(true);
    await server.restart();
    expect(await again.client.call('documents.setOffline', { id: doc.id, keep: false })).toEqual({ id: doc.id, keep: false });
    expect(sqlite2.prepare('SELECT count(*) FROM offline_documents').pluck().get()).toBe(0);
  });
});
