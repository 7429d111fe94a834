/**
 * "A damaged or deleted local replica is rebuilt from the server without losing the outbox": a clerk registers a
 * document offline, the replica file is then damaged (real bytes overwritten) or deleted, and the core restarts.
 * The pending registration (and its queued file) is still there and syncs; the confirmed documents come back from
 * the server; the sync status tells the clerk in Vietnamese what happened.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerYearOf } from '../../src-shared/domain/dates';
import { b64, makePdf } from '../../src-main/core/testing/offline-core';
import { startCore, type StartedCore } from '../helpers/core';
import { DEMO_PASSWORD, spawnServer, type ServerProcess } from '../helpers/server-process';

type Damage = (dataDir: string) => void;

/** Different document numbers in every registration, so no duplicate warning stops the test. */
let nextNumber = 100;

/** Overwrites the first 64 KiB of the replica (header and schema pages) with random bytes, as a failing disk would. */
const overwriteHeader: Damage = (dataDir) => {
  const fd = openSync(join(dataDir, 'replica.db'), 'r+');
  writeSync(fd, randomBytes(65_536), 0, 65_536, 0);
  closeSync(fd);
};
/** The replica file (and its WAL) is gone, e.g. removed by a cleanup tool or a restore that skipped it. */
const deleteReplica: Damage = (dataDir) => {
  for (const f of readdirSync(dataDir)) if (f.startsWith('replica.db')) rmSync(join(dataDir, f));
};

describe('sync: a damaged or deleted replica is rebuilt from the server', () => {
  let server: ServerProcess;
  const cores: StartedCore[] = [];
  const dirs: string[] = [];
  beforeAll(async () => {
    server = await spawnServer({ seed: 'demo' });
  });
  afterAll(async () => {
    for (const c of cores) await c.close().catch(() => {});
    await server?.dispose();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function scenario(damage: Damage, expectDamagedCopy: boolean): Promise<void> {
    const dataDir = mkdtempSync(join(tmpdir(), 'vanban-rebuild-'));
    dirs.push(dataDir);
    let offline = false;
    const link: typeof fetch = (input, init) => (offline ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init));
    const year = registerYearOf();
    const clerk = await startCore({ dataDir, serverUrl: server.url, fetch: link });
    await clerk.client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD });
    const register = async (issuer: string, notation: string, subject: string, pdf: Buffer) => {
      const staged = await clerk.client.call('intake.stageFile', { name: 'cong-van.pdf', contentBase64: b64(pdf) });
      const doc = await clerk.client.call('documents.registerIncoming', {
        issuer, number: String(nextNumber++), notation, documentDate: `${year}-03-02`, docType: 'CV', subject: `${subject} ${dataDir.slice(-6)}`,
        urgency: 'normal', secrecy: 'none', dueDate: null, files: [{ sha256: staged.sha256, name: staged.name, role: 'main' }],
      });
      return { doc, sha256: staged.sha256 };
    };
    const { doc: confirmed } = await register('Sở Tài chính', 'STC-NS', 'Về dự toán ngân sách', Buffer.from(await makePdf(1, 'Dự toán')));
    expect((await clerk.client.call('sync.now', {})).pendingMutations).toBe(0);
    const confirmedNumber = (await clerk.client.call('documents.getIncoming', { id: confirmed.id })).arrivalNumber;

    // The commune link drops; the clerk keeps registering, with a scanned file.
    offline = true;
    const scan = Buffer.from(await makePdf(3, `Công văn về lũ quét ${dataDir.slice(-6)}`));
    const { doc: pending, sha256: scanSha } = await register('UBND xã Tân Lập', 'UBND', 'Về khắc phục lũ quét', scan);
    expect((await clerk.client.call('sync.status', {})).pendingMutations).toBe(1);
    await clerk.close();

    damage(dataDir);

    // Restart still offline: the pending registration is shown at once, the replica is empty and says why.
    const restarted = await startCore({ dataDir, serverUrl: server.url, fetch: link });
    cores.push(restarted);
    const damagedCopies = readdirSync(dataDir).filter((f) => f.startsWith('replica.damaged-'));
    expect(damagedCopies.length > 0).toBe(expectDamagedCopy);
    const before = await restarted.client.call('documents.listIncoming', { limit: 50, offset: 0 });
    expect(before.items.map((i) => [i.id, i.syncState])).toEqual([[pending.id, 'pending']]);
    const offlineStatus = await restarted.client.call('sync.status', {});
    expect(offlineStatus.pendingMutations).toBe(1);
    expect(offlineStatus.notice).toMatch(/đang được tải lại từ máy chủ/);
    expect(offlineStatus.notice).toMatch(/chưa đồng bộ .* vẫn được giữ nguyên/);

    // The link returns: the pending document syncs (with its file) and the confirmed one comes back from the server.
    offline = false;
    const status = await restarted.client.call('sync.now', {});
    expect(status).toMatchObject({ pendingMutations: 0, pendingBytes: 0, rejectedMutations: 0, lastError: null });
    expect(status.notice).toMatch(/đã được tải lại đầy đủ từ máy chủ lúc \d\d:\d\d/);
    const after = await restarted.client.call('documents.listIncoming', { limit: 50, offset: 0 });
    const byId = new Map(after.items.map((i) => [i.id, i]));
    expect(byId.get(confirmed.id)).toMatchObject({ syncState: 'synced', arrivalNumber: confirmedNumber });
    expect(byId.get(pending.id)).toMatchObject({ syncState: 'synced', provisional: false, fileCount: 1 });
    const file = await restarted.client.call('files.read', { sha256: scanSha });
    expect(Buffer.from(file.contentBase64, 'base64').equals(scan)).toBe(true);
    // Another desktop sees the document registered offline, so it really reached the server.
    const leader = await startCore({ serverUrl: server.url });
    cores.push(leader);
    await leader.client.call('auth.login', { username: 'giamdoc', password: DEMO_PASSWORD });
    await leader.client.call('sync.now', {});
    expect(await leader.client.call('documents.getIncoming', { id: pending.id })).toMatchObject({ syncState: 'synced' });
    const seen = await leader.client.call('files.read', { sha256: scanSha });
    expect(Buffer.from(seen.contentBase64, 'base64').equals(scan)).toBe(true);
  }

  it('rebuilds a replica whose bytes were overwritten, keeping the offline registration and its file', async () => {
    await scenario(overwriteHeader, true);
  });

  it('rebuilds a deleted replica, keeping the offline registration and its file', async () => {
    await scenario(deleteReplica, false);
  });
});
