/**
 * The foundation slice, timed: how long from the clerk pressing "Vào sổ" on desktop A until the document is in
 * the leader's incoming list on desktop B. Real server process (PGlite in a temp dir), two real cores; B learns
 * about the change through the server's SSE poke and its `data.changed` event, never by polling.
 * Baseline, measured in the same run against the same server: one authenticated HTTP round trip (GET /api/me).
 * Env: BENCH_N (default 30).
 */
import { performance } from 'node:perf_hooks';
import type { Client } from '../src-shared/contract/client';
import { registerYearOf } from '../src-shared/domain/dates';
import { b64, makePdf } from '../src-main/core/testing/offline-core';
import { startCore, type StartedCore } from '../tests/helpers/core';
import { DEMO_PASSWORD, headers, login, spawnServer, type ServerProcess } from '../tests/helpers/server-process';
import { printFigure, summarize } from './figures';

const BENCH = 'slice';
const N = Number(process.env.BENCH_N ?? 30);
const WARMUP = 3;
/** Only turns a hang into an error; not an assertion on speed. */
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

/** Milliseconds from `documents.registerIncoming` on A to the document being listed on B. */
async function registrationToSecondDesktop(clerk: Client, leader: Client, i: number): Promise<number> {
  const subject = `Đo thời gian đồng bộ, lần ${i}`;
  const pdf = await makePdf(1, subject);
  const staged = await clerk.call('intake.stageFile', { name: `bench-${i}.pdf`, contentBase64: b64(pdf) });

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
      issuer: 'Sở Tài chính',
      number: String(1000 + i),
      notation: 'STC-BENCH',
      documentDate: `${registerYearOf()}-02-10`,
      docType: 'CV',
      subject,
      urgency: 'normal',
      secrecy: 'none',
      dueDate: null,
      files: [{ sha256: staged.sha256, name: staged.name, role: 'main' }],
    });
    targetId = res.id;
    // The poke may have been handled before the id was known: look once now.
    void check();
    const t1 = await seen;
    if (Number.isNaN(t1)) throw new Error(`document ${i} did not reach the second desktop within ${GIVE_UP_MS} ms`);
    return t1 - t0;
  } finally {
    clearTimeout(timer);
    stop();
  }
}

async function httpRoundTrips(server: ServerProcess, n: number): Promise<number[]> {
  const session = await login(server.url, 'giamdoc');
  const once = async () => {
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/me`, { headers: headers(session.token) });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET /api/me answered ${res.status}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < WARMUP; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await once());
  return samples;
}

async function main(): Promise<void> {
  const server = await spawnServer({ seed: 'demo' });
  const cores: StartedCore[] = [];
  try {
    const clerk = await startCore({ serverUrl: server.url });
    cores.push(clerk);
    const leader = await startCore({ serverUrl: server.url });
    cores.push(leader);
    await clerk.client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD });
    await leader.client.call('auth.login', { username: 'giamdoc', password: DEMO_PASSWORD });
    for (const [name, c] of [['clerk', clerk], ['leader', leader]] as const) {
      await until(`${name} initial sync`, async () => {
        const s = await c.client.call('sync.status', {});
        return s.state === 'idle' && s.lastSuccessAt !== null;
      });
    }

    const samples: number[] = [];
    for (let i = 0; i < WARMUP + N; i++) {
      const ms = await registrationToSecondDesktop(clerk.client, leader.client, i);
      if (i >= WARMUP) samples.push(ms);
    }
    const baseline = summarize(await httpRoundTrips(server, N));

    printFigure({ bench: BENCH, figure: 'http_roundtrip_ms', unit: 'ms', ...baseline });
    printFigure({
      bench: BENCH,
      figure: 'registration_to_second_desktop_ms',
      unit: 'ms',
      ...summarize(samples),
      baseline: { name: 'http_roundtrip_ms', median: baseline.median },
    });
  } finally {
    for (const c of cores) await c.close().catch(() => undefined);
    await server.dispose();
  }
}

await main();
