/**
 * Downloads in resumable chunks: files come down in HTTP Range requests into a `.part` file, so a body cut midway by
 * a bad link, or a restart of the app, loses nothing; the SHA-256 is checked before a file enters the cache; the bytes
 * still to transfer show in `sync.status.pendingBytes`, with `progress` during the transfer.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src-shared/contract/methods';
import { registerYearOf } from '../../src-shared/domain/dates';
import { b64 } from '../../src-main/core/testing/offline-core';
import { DOWNLOAD_CHUNK_BYTES } from '../../src-main/core/sync/blob-downloader';
import { startCore, type StartedCore } from '../helpers/core';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { DEMO_PASSWORD, sha256, spawnServer, type ServerProcess } from '../helpers/server-process';

let nextNumber = 8;
const FILE_BYTES = 2 * DOWNLOAD_CHUNK_BYTES + 300_000;
const isBlobGet = (input: unknown, init?: RequestInit) => String(input).includes('/api/blobs/') && (init?.method ?? 'GET') === 'GET';
const rangeOf = (init?: RequestInit) => new Headers(init?.headers).get('range');

describe('sync: resumable, checked downloads', () => {
  let server: ServerProcess;
  let proxy: FaultProxy;
  const cores: StartedCore[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'vanban-downloads-'));
  beforeAll(async () => {
    server = await spawnServer({ seed: 'demo' });
    proxy = await startFaultProxy({ target: server.url, seed: 11 });
  });
  afterAll(async () => {
    for (const c of cores) await c.close().catch(() => {});
    await proxy?.close();
    await server?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes files whose bodies are cut midway, resumes a partial file after a restart, and refuses damaged bytes', async () => {
    const clerk = await startCore({ serverUrl: server.url });
    cores.push(clerk);
    await clerk.client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD });
    const register = async (subject: string) => {
      // A large attachment (an office file: zip magic bytes, then content).
      const bytes = Buffer.concat([Buffer.from('504b0304', 'hex'), randomBytes(FILE_BYTES - 4)]);
      const staged = await clerk.client.call('intake.stageFile', { name: 'phu-luc.docx', contentBase64: b64(bytes) });
      const doc = await clerk.client.call('documents.registerIncoming', {
        issuer: 'Sở Giao thông vận tải', number: String(nextNumber++), notation: 'SGTVT-KH', documentDate: `${registerYearOf()}-04-01`, docType: 'CV',
        subject, urgency: 'normal', secrecy: 'none', dueDate: null, files: [{ sha256: staged.sha256, name: staged.name, role: 'main' }],
      });
      return { doc, bytes, sha: sha256(bytes) };
    };
    const onDemand = await register('Về kế hoạch bảo trì đường huyện');
    const kept = await register('Về hồ sơ thiết kế cầu treo');
    expect((await clerk.client.call('sync.now', {})).pendingMutations).toBe(0);

    // The leader's desktop goes through the faulty link; `linkDown` models the commune link dying.
    let linkDown = false;
    let blobGets = 0;
    let cutAfterBlobGets = Infinity;
    const link: typeof fetch = (input, init) => {
      if (linkDown) return Promise.reject(new TypeError('fetch failed'));
      if (isBlobGet(input, init) && ++blobGets > cutAfterBlobGets) {
        linkDown = true;
        return Promise.reject(new TypeError('fetch failed'));
      }
      return fetch(input, init);
    };
    const leader = await startCore({ dataDir, serverUrl: proxy.url, fetch: link });
    await leader.client.call('auth.login', { username: 'giamdoc', password: DEMO_PASSWORD });
    await leader.client.call('sync.now', {});

    // 1. Every answer body is cut in half by the link: the file still arrives, whole and checked, on demand.
    proxy.resetStats();
    proxy.setFaults({ cutBody: 1 });
    const read = await leader.client.call('files.read', { sha256: onDemand.sha });
    expect(Buffer.from(read.contentBase64, 'base64').equals(onDemand.bytes)).toBe(true);
    expect(proxy.stats().faults.cutResponseBody).toBeGreaterThanOrEqual(5);
    proxy.calm();

    // 2. Kept offline: the background download gets two chunks, then the link dies.
    blobGets = 0;
    cutAfterBlobGets = 2;
    await leader.client.call('documents.setOffline', { id: kept.doc.id, keep: true });
    const stalled = await leader.client.call('sync.now', {});
    const part = join(dataDir, 'files', kept.sha.slice(0, 2), `${kept.sha}.part`);
    expect(statSync(part).size).toBe(2 * DOWNLOAD_CHUNK_BYTES);
    expect(stalled.pendingBytes).toBe(FILE_BYTES - 2 * DOWNLOAD_CHUNK_BYTES);
    // Not due again before this test says so (the restarted core syncs on its own at start).
    leader.core.ctx.replica.sqlite.prepare("UPDATE download_queue SET next_attempt_at = '2999-01-01T00:00:00.000Z'").run();
    await leader.close({ keepData: true });

    // 3. Restart with the link back: the download resumes at the partial file's end, not at byte 0.
    const ranges: string[] = [];
    const recording: typeof fetch = (input, init) => {
      if (isBlobGet(input, init)) ranges.push(rangeOf(init) ?? 'whole file');
      return fetch(input, init);
    };
    const restarted = await startCore({ dataDir, serverUrl: proxy.url, fetch: recording });
    cores.push(restarted);
    const statuses: SyncStatus[] = [];
    restarted.client.on('sync.status', (s) => statuses.push(s));
    expect((await restarted.client.call('sync.status', {})).pendingBytes).toBe(FILE_BYTES - 2 * DOWNLOAD_CHUNK_BYTES);
    const { sqlite } = restarted.core.ctx.replica;
    sqlite.prepare("UPDATE download_queue SET next_attempt_at = '2000-01-01T00:00:00.000Z'").run();
    const done = await restarted.client.call('sync.now', {});
    expect(ranges[0]).toBe(`bytes=${2 * DOWNLOAD_CHUNK_BYTES}-${FILE_BYTES - 1}`);
    expect(done.pendingBytes).toBe(0);
    expect(existsSync(part)).toBe(false);
    expect(readFileSync(join(dataDir, 'files', kept.sha.slice(0, 2), kept.sha)).equals(kept.bytes)).toBe(true);
    expect(statuses.some((s) => s.progress !== null && s.progress > 0 && s.progress < 1)).toBe(true);

    // 4. A partial file damaged on disk is caught by the SHA-256 check, thrown away and downloaded again.
    const third = await register('Về dự toán sửa chữa trụ sở');
    expect((await clerk.client.call('sync.now', {})).pendingMutations).toBe(0);
    const thirdPart = join(dataDir, 'files', third.sha.slice(0, 2), `${third.sha}.part`);
    const wrong = Buffer.from(third.bytes.subarray(0, DOWNLOAD_CHUNK_BYTES));
    wrong[1000] = wrong[1000]! ^ 0xff;
    await restarted.client.call('sync.now', {});
    mkdirSync(dirname(thirdPart), { recursive: true });
    writeFileSync(thirdPart, wrong);
    await restarted.client.call('documents.setOffline', { id: third.doc.id, keep: true });
    await restarted.client.call('sync.now', {});
    const refused = sqlite.prepare('SELECT attempts, last_error FROM download_queue WHERE sha256 = ?').get(third.sha) as
      | { attempts: number; last_error: string }
      | undefined;
    expect(refused).toMatchObject({ attempts: 1, last_error: expect.stringMatching(/^HASH_MISMATCH/) });
    expect(existsSync(join(dataDir, 'files', third.sha.slice(0, 2), third.sha))).toBe(false);
    sqlite.prepare("UPDATE download_queue SET next_attempt_at = '2000-01-01T00:00:00.000Z'").run();
    expect((await restarted.client.call('sync.now', {})).pendingBytes).toBe(0);
    expect(readFileSync(join(dataDir, 'files', third.sha.slice(0, 2), third.sha)).equals(third.bytes)).toBe(true);
  });
});
