/**
 * Outgoing numbers when clerks issue offline: two clerk desktops without a connection both show provisional number 01;
 * back online the server numbers the three issuances 01, 02, 03 — no gap, no duplicate — and each desk shows the
 * server's number and is told when it arrived.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../src-shared/contract/client';
import { createDirectTransport } from '../../src-shared/contract/direct-transport';
import { createCore, type Core } from '../../src-main/core/index';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { signedDraft, withIds } from '../helpers/outgoing-flow';
import { DEMO_PASSWORD, login, spawnServer, type ServerProcess } from '../helpers/server-process';

type Desk = { client: Client; core: Core; dir: string; proxy: FaultProxy; allocated: { outgoingId: string; number: number }[] };

let server: ServerProcess;
const desks: Desk[] = [];

async function clerkDesk(): Promise<Desk> {
  const proxy = await startFaultProxy({ target: server.url, seed: desks.length + 1 });
  const dir = mkdtempSync(join(tmpdir(), 'vanban-clerk-'));
  const core = await createCore({ dataDir: dir, serverUrl: proxy.url, appVersion: '0.0.0-test', host: 'direct' });
  const client = createClient(createDirectTransport(core.handlers, core.ctx, core.events));
  await client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD });
  const d: Desk = { client, core, dir, proxy, allocated: [] };
  core.events.subscribe((name, p) => {
    if (name === 'outgoing.numberAllocated') d.allocated.push(p as { outgoingId: string; number: number });
  });
  desks.push(d);
  return d;
}

async function settle(d: Desk): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await d.client.call('sync.now', {})).pendingMutations === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await d.client.call('sync.now', {});
}

beforeAll(async () => {
  server = await spawnServer();
}, 120_000);
afterAll(async () => {
  for (const d of desks) {
    await d.core.close().catch(() => undefined);
    await d.proxy.close();
    rmSync(d.dir, { recursive: true, force: true });
  }
  await server?.dispose();
});

describe('outgoing numbers issued offline', () => {
  it('are provisional on each desk and become 01, 02, 03 without gap or duplicate once online', async () => {
    const [staff, unitHead, clerk, leader] = (
      await Promise.all(['chuyenvien', 'truongphong', 'vanthu', 'giamdoc'].map((u) => login(server.url, u)))
    ).map(withIds) as [ReturnType<typeof withIds>, ReturnType<typeof withIds>, ReturnType<typeof withIds>, ReturnType<typeof withIds>];
    const drafts = [];
    for (let i = 1; i <= 3; i++) drafts.push(await signedDraft({ staff, unitHead, clerk, leader }, `Công văn số ${i}`));

    const a = await clerkDesk();
    const b = await clerkDesk();
    await settle(a);
    await settle(b);
    expect((await a.client.call('outgoing.listDrafts', { scope: 'toIssue' })).total).toBe(3);

    a.proxy.setFaults({ error5xx: 1 });
    b.proxy.setFaults({ error5xx: 1 });
    const a1 = await a.client.call('outgoing.issue', { draftId: drafts[0]! });
    const b1 = await b.client.call('outgoing.issue', { draftId: drafts[1]! });
    const a2 = await a.client.call('outgoing.issue', { draftId: drafts[2]! });
    expect([a1, b1, a2].map((r) => [r.provisional, r.number])).toEqual([[true, 1], [true, 1], [true, 2]]);
    expect(a1.message).toMatch(/chờ trong hàng đợi/);
    // The same draft cannot be issued twice from this desk while its issuance waits.
    await expect(a.client.call('outgoing.issue', { draftId: drafts[0]! })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    b.proxy.calm();
    await settle(b);
    a.proxy.calm();
    await settle(a);
    await settle(b);

    for (const d of [a, b]) {
      const { items } = await d.client.call('outgoing.listIssued', {});
      expect(items.map((i) => [i.number, i.provisional, i.syncState]).sort()).toEqual([[1, false, 'synced'], [2, false, 'synced'], [3, false, 'synced']]);
    }
    const byId = new Map((await a.client.call('outgoing.listIssued', {})).items.map((i) => [i.id, i]));
    // B reached the server first: its issuance took 01; A's two got 02 and 03, in A's queue order.
    expect(byId.get(drafts[1]!)).toMatchObject({ number: 1, numberNotation: '01/KH-SNV', provisionalNumber: 1 });
    expect(byId.get(drafts[0]!)).toMatchObject({ number: 2, provisionalNumber: 1 });
    expect(byId.get(drafts[2]!)).toMatchObject({ number: 3, provisionalNumber: 2 });
    expect(a.allocated.map((e) => e.number).sort()).toEqual([2, 3]);
    expect(b.allocated.map((e) => e.number)).toEqual([1]);
  }, 240_000);
});
