/**
 * Online propagation: time from a registration on desktop A (clerk) until desktop B (leader) lists it, both online
 * and connected through the loopback proxy of tests/helpers/fault-proxy.ts with no faults, so every byte between
 * the cores and the server is counted. B learns through the SSE poke and `data.changed`, never by polling.
 * Measured on PGlite (embedded) and on a real PostgreSQL 15. Figures per backend:
 *   propagation_ms_<backend>         median mutation → visible on the other desktop (baseline: one HTTP round trip)
 *   wire_bytes_per_mutation_<backend> bytes both desktops exchanged with the server per registration (the 1-page
 *                                    PDF upload included; baseline: the PDF's size)
 * Env: BENCH_N (default 20), BENCH_BACKENDS (default "pglite,postgres").
 */
import { performance } from 'node:perf_hooks';
import type { Client } from '../src-shared/contract/client';
import { registerYearOf } from '../src-shared/domain/dates';
import { b64, makePdf } from '../src-main/core/testing/offline-core';
import { startCore, type StartedCore } from '../tests/helpers/core';
import { startFaultProxy } from '../tests/helpers/fault-proxy';
import { startPostgres, type TestPostgres } from '../tests/helpers/postgres';
import { DEMO_PASSWORD, headers, login, spawnServer } from '../tests/helpers/server-process';
import { printFigure, summarize } from './figures';

const BENCH = 'propagation';
const N = Number(process.env.BENCH_N ?? 20);
const WARMUP = 3;
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',');
const GIVE_UP_MS = 60_000;

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function once(clerk: Client, leader: Client, i: number, pdf: Uint8Array): Promise<number> {
  const staged = await clerk.call('intake.stageFile', { name: `lan-${i}.pdf`, contentBase64: b64(pdf) });
  let targetId: string | null = null;
  let settle: (t: number) => void = () => undefined;
  const seen = new Promise<number>((resolve) => (settle = resolve));
  const check = async () => {
    if (!targetId) return;
    const { items } = await leader.call('documents.listIncoming', { limit: 500 });
    if (items.some((d) => d.id === targetId)) settle(performance.now());
  };
  const stop = leader.on('data.changed', () => void check());
  const timer = setTimeout(() => settle(Number.NaN), GIVE_UP_MS);
  try {
    const t0 = performance.now();
    const res = await clerk.call('documents.registerIncoming', {
      issuer: 'Sở Tài chính', number: String(2000 + i), notation: 'STC-LAN', documentDate: `${registerYearOf()}-02-10`,
      docType: 'CV', subject: `Đo lan truyền trực tuyến, lần ${i}`, urgency: 'normal', secrecy: 'none', dueDate: null,
      files: [{ sha256: staged.sha256, name: staged.name, role: 'main' }],
    });
    targetId = res.id;
    void check();
    const t1 = await seen;
    if (Number.isNaN(t1)) throw new Error(`registration ${i} did not reach the other desktop`);
    return t1 - t0;
  } finally {
    clearTimeout(timer);
    stop();
  }
}

async function measure(backend: string): Promise<void> {
  let postgres: TestPostgres | null = null;
  if (backend === 'postgres') postgres = await startPostgres('vanban_propagation');
  const server = await spawnServer({ seed: 'demo', ...(postgres ? { databaseUrl: postgres.url } : {}) });
  const proxy = await startFaultProxy({ target: server.url, seed: 1 });
  const cores: StartedCore[] = [];
  try {
    const clerk = await startCore({ serverUrl: proxy.url });
    cores.push(clerk);
    const leader = await startCore({ serverUrl: proxy.url });
    cores.push(leader);
    await clerk.client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD });
    await leader.client.call('auth.login', { username: 'giamdoc', password: DEMO_PASSWORD });
    for (const c of [clerk, leader]) {
      await until('initial sync', async () => {
        const s = await c.client.call('sync.status', {});
        return s.state === 'idle' && s.lastSuccessAt !== null;
      });
    }
    const pdfs = await Promise.all(Array.from({ length: WARMUP + N }, (_, i) => makePdf(1, `Lan truyền ${backend} ${i}`)));
    for (let i = 0; i < WARMUP; i++) await once(clerk.client, leader.client, i, pdfs[i]!);
    // Let the warm-up syncs settle before counting bytes.
    await new Promise((r) => setTimeout(r, 500));
    proxy.resetStats();
    const samples: number[] = [];
    for (let i = WARMUP; i < WARMUP + N; i++) samples.push(await once(clerk.client, leader.client, i, pdfs[i]!));
    await until('clerk drained', async () => (await clerk.client.call('sync.status', {})).pendingMutations === 0);
    const stats = proxy.stats();
    const perMutation = (stats.bytesFromClients + stats.bytesToClients) / N;

    const session = await login(server.url, 'giamdoc');
    const rtt: number[] = [];
    for (let i = 0; i < WARMUP + N; i++) {
      const t0 = performance.now();
      const res = await fetch(`${proxy.url}/api/me`, { headers: headers(session.token) });
      await res.arrayBuffer();
      if (i >= WARMUP) rtt.push(performance.now() - t0);
    }
    const baseline = summarize(rtt);
    printFigure({ bench: BENCH, figure: `http_roundtrip_ms_${backend}`, unit: 'ms', ...baseline });
    printFigure({
      bench: BENCH, figure: `propagation_ms_${backend}`, unit: 'ms', ...summarize(samples),
      baseline: { name: `http_roundtrip_ms_${backend}`, median: baseline.median },
    });
    const pdfMedian = summarize(pdfs.slice(WARMUP).map((p) => p.byteLength)).median;
    printFigure({
      bench: BENCH, figure: `wire_bytes_per_mutation_${backend}`, unit: 'bytes', median: Math.round(perMutation),
      p95: Math.round(perMutation), min: Math.round(perMutation), max: Math.round(perMutation), n: N,
      baseline: { name: 'pdf_bytes', median: pdfMedian },
    });
  } finally {
    for (const c of cores) await c.close().catch(() => undefined);
    await proxy.close();
    await server.dispose().catch((err: unknown) => process.stderr.write(`server dispose failed: ${String(err)}\n`));
    await postgres?.stop();
  }
}

for (const backend of BACKENDS) await measure(backend);
