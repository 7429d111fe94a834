/**
 * Randomized sync under faults: several desktop cores (each its own process) register incoming documents with small
 * files through the fault proxy while the server and the cores are SIGKILLed and restarted at random points.
 * Once the faults stop and everything drained, it asserts what a clerk relies on:
 *   - every registration acknowledged to a user (the local call returned = committed to the outbox) is on the
 *     server exactly once, and nothing is there twice;
 *   - arrival numbers of the register are 1..N, no gap, no duplicate;
 *   - every core's replica equals what the server lets its user see, with nothing pending or refused;
 *   - every file is byte-identical on the server and in every core's cache.
 * Seeds: CHAOS_SEEDS=<count> (default 3, seeds 1..count), CHAOS_SEED=<n> replays one. A failure prints CHAOS_SEED=<n>.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CoreProcessDied, spawnCoreProcess, type CoreProcess } from '../helpers/core-process-client';
import { seededRandom, startFaultProxy, type FaultConfig } from '../helpers/fault-proxy';
import { DEMO_PASSWORD, headers, login, pullAll, spawnServer, type ServerProcess } from '../helpers/server-process';

const SEEDS = process.env.CHAOS_SEED
  ? [Number(process.env.CHAOS_SEED)]
  : Array.from({ length: Number(process.env.CHAOS_SEEDS ?? 3) }, (_, i) => i + 1);
const STEPS = Number(process.env.CHAOS_STEPS ?? 14);

const FAULTS: FaultConfig = {
  dropRequest: 0.05, dropResponse: 0.08, cutBody: 0.05, delay: 0.15, delayMs: [20, 400], duplicate: 0.08,
  reorder: 0.05, reorderHoldMs: 400, error5xx: 0.05, cutSse: 0.3, sseCutAfterMs: 3000,
};

type SyncStatus = { state: string; pendingMutations: number; pendingBytes: number; rejectedMutations: number; lastError: string | null };
type Row = { id: string; arrivalNumber: number; subject: string; registerId: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, limitMs = 90_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for: ${what} (${String(last ?? '')})`);
    await sleep(250);
  }
}

/** The server's current rows as a user sees them (last version of each id wins). */
async function serverView(url: string, username: string) {
  const s = await login(url, username);
  const { changes } = await pullAll(s);
  const docs = new Map<string, Row>();
  const files = new Map<string, string>();
  for (const c of changes) {
    if (c.entity === 'incomingDocument') {
      if (c.deleted || !c.data) docs.delete(c.id);
      else docs.set(c.id, { id: c.id, arrivalNumber: c.data.arrivalNumber as number, subject: c.data.subject as string, registerId: c.data.registerId as string });
    }
    if (c.entity === 'documentFile') {
      if (c.deleted || !c.data) files.delete(c.id);
      else files.set(c.id, c.data.sha256 as string);
    }
  }
  return { session: s, docs, files };
}

async function runSeed(seed: number): Promise<void> {
  const rand = seededRandom(seed * 7919);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const dirs: string[] = [];
  const server: ServerProcess = await spawnServer({ seed: 'demo' });
  const proxy = await startFaultProxy({ target: server.url, seed });
  const cores: { username: string; dir: string; proc: CoreProcess }[] = [];
  const t0 = Date.now();
  const trace = (msg: string) => {
    if (process.env.CHAOS_TRACE) console.log(`[seed ${seed} +${Date.now() - t0}ms] ${msg}`);
  };
  try {
    for (const username of ['vanthu', 'vanthu', 'giamdoc']) {
      const dir = mkdtempSync(join(tmpdir(), 'vanban-chaos-'));
      dirs.push(dir);
      const proc = await spawnCoreProcess(dir, proxy.url);
      await proc.call('auth.login', { username, password: DEMO_PASSWORD });
      cores.push({ username, dir, proc });
    }
    const writers = cores.filter((c) => c.username === 'vanthu');

    proxy.setFaults(FAULTS);
    const acked = new Set<string>();
    const attempted = new Set<string>();
    const contents = new Map<string, Buffer>();
    const inflight: Promise<void>[] = [];
    let serverUp = true;
    for (let step = 0; step < STEPS; step++) {
      const r = rand();
      trace(`step ${step} r=${r.toFixed(2)}`);
      if (r < 0.6) {
        const w = pick(writers);
        const subject = `Chaos s${seed} #${step}`;
        // A small attached Word file (kept as it is): "PK" header and seeded bytes.
        const size = 2000 + Math.floor(rand() * 60_000);
        const bytes = Buffer.alloc(size);
        bytes.write('PK\x03\x04', 0, 'latin1');
        for (let i = 4; i < size; i++) bytes[i] = Math.floor(rand() * 256);
        contents.set(sha(bytes), bytes);
        attempted.add(subject);
        inflight.push(
          w.proc
            .send('register', { subject, number: String(step + 1), fileName: `phu-luc-${step}.docx`, fileBase64: bytes.toString('base64') })
            .then(
              () => void acked.add(subject),
              (err: unknown) => {
                if (!(err instanceof CoreProcessDied)) throw err;
              },
            ),
        );
      } else if (r < 0.75) {
        if (serverUp) {
          await server.stop('SIGKILL');
          serverUp = false;
        } else {
          await server.restart();
          serverUp = true;
        }
      } else if (r < 0.9) {
        const victim = pick(cores);
        await sleep(Math.floor(rand() * 300));
        await victim.proc.kill('SIGKILL');
        victim.proc = await spawnCoreProcess(victim.dir, proxy.url);
      }
      await sleep(Math.floor(rand() * 600));
    }
    await Promise.all(inflight);
    trace(`steps done, acked ${acked.size}/${attempted.size}`);

    // Faults stop; the server comes back; every core drains and converges by itself (sync.now only hurries it).
    proxy.calm();
    if (!serverUp) await server.restart();
    for (const c of cores) {
      await waitFor(`${c.username} drained`, async () => {
        const s = await c.proc.call<SyncStatus>('sync.now');
        return s.state === 'idle' && s.pendingMutations === 0 && s.pendingBytes === 0 ? s : null;
      });
    }
    trace('drained');
    const views = new Map<string, Awaited<ReturnType<typeof serverView>>>();
    for (const u of ['vanthu', 'giamdoc']) views.set(u, await serverView(server.url, u));
    const clerkView = views.get('vanthu')!;
    const chaosDocs = [...clerkView.docs.values()].filter((d) => d.subject.startsWith(`Chaos s${seed} `));

    // Exactly once: every acknowledged registration is there once; nothing (acknowledged or not) is there twice.
    const bySubject = new Map<string, number>();
    for (const d of chaosDocs) bySubject.set(d.subject, (bySubject.get(d.subject) ?? 0) + 1);
    for (const s of acked) expect(bySubject.get(s), `acknowledged "${s}" on the server`).toBe(1);
    for (const [s, n] of bySubject) {
      expect(n, `"${s}" applied once`).toBe(1);
      expect(attempted.has(s)).toBe(true);
    }
    // Arrival numbers per register: 1..N.
    const byRegister = new Map<string, number[]>();
    for (const d of clerkView.docs.values()) byRegister.set(d.registerId, [...(byRegister.get(d.registerId) ?? []), d.arrivalNumber]);
    for (const nums of byRegister.values()) {
      expect(nums.sort((a, b) => a - b)).toEqual(Array.from({ length: nums.length }, (_, i) => i + 1));
    }

    for (const c of cores) {
      await c.proc.call('sync.now');
      const view = views.get(c.username)!;
      const local = await c.proc.send<Row[]>('sql', {
        query: 'SELECT id, arrival_number AS arrivalNumber, subject, register_id AS registerId FROM incoming_documents ORDER BY id',
      });
      const expected = [...view.docs.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(local, `${c.username} replica equals the server`).toEqual(expected);
      expect(await c.proc.send('sql', { query: "SELECT count(*) AS n FROM pending_incoming" })).toEqual([{ n: 0 }]);
      expect(await c.proc.send('sql', { query: 'SELECT count(*) AS n FROM outbox' })).toEqual([{ n: 0 }]);
      // Files: each chaos file reads back byte-identical (downloaded on demand when not cached).
      for (const shaHex of new Set(view.files.values())) {
        const bytes = contents.get(shaHex);
        if (!bytes) continue;
        const read = await c.proc.call<{ contentBase64: string }>('files.read', { sha256: shaHex });
        expect(sha(Buffer.from(read.contentBase64, 'base64')), `${c.username} file ${shaHex}`).toBe(shaHex);
      }
    }
    // And the server holds each referenced file whole.
    for (const shaHex of new Set(clerkView.files.values())) {
      if (!contents.has(shaHex)) continue;
      const res = await fetch(`${server.url}/api/blobs/${shaHex}`, { headers: headers(clerkView.session.token) });
      expect(res.status).toBe(200);
      expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(shaHex);
    }
    trace('checked');
    expect(acked.size, 'some registrations were acknowledged').toBeGreaterThan(0);
  } catch (err) {
    const logs = cores.map((c) => `--- ${c.username} ${c.dir}\n${c.proc.logs().slice(-2000)}`).join('\n');
    console.error(`CHAOS_SEED=${seed} failed (replay: CHAOS_SEED=${seed} npx vitest run tests/integration/sync-chaos.test.ts)\n` +
      `proxy: ${JSON.stringify(proxy.stats())}\n${logs}\n--- server\n${server.logs().slice(-3000)}`);
    throw err;
  } finally {
    for (const c of cores) await c.proc.close().catch(() => {});
    await proxy.close();
    await server.dispose();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

describe('sync under faults (randomized)', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: acknowledged work is applied once, numbers are gapless, replicas and files converge`, async () => {
      await runSeed(seed);
    }, 300_000);
  }
});
