/**
 * Initial sync of a large agency into an EMPTY desktop replica: BENCH_DOCS incoming documents (default 100,000), each
 * with one file row and three assignments (primary unit head, coordinating officer, informed deputy: 300,000 for the
 * default), seeded directly in the server database (PGlite before the server starts; PostgreSQL with SQL), then a fresh
 * core signs in and pulls everything through the real server process.
 * Floor, measured in the same run: a plain bulk insert of the same rows (read back from the synced replica) into a
 * fresh replica SQLite file, one transaction per table, prepared statements, the search index built once at the end.
 * Figures per backend: initial_sync_ms_<backend> (baseline: the floor), initial_sync_rows_per_s_<backend>,
 * initial_sync_peak_rss_mb_<backend> (this process hosts the core). Env: BENCH_DOCS, BENCH_BACKENDS ("pglite,postgres").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { restoreIncomingFts, suspendIncomingFts } from '../src-main/core/db/incoming-fts';
import { openReplica } from '../src-main/core/db/open-db';
import { startCore } from '../tests/helpers/core';
import { copyServerTemplate } from '../tests/helpers/pglite-template';
import { startPostgres, type TestPostgres } from '../tests/helpers/postgres';
import { DEMO_PASSWORD, spawnServer } from '../tests/helpers/server-process';
import { printFigure } from './figures';

const BENCH = 'initial-sync';
const DOCS = Number(process.env.BENCH_DOCS ?? 100_000);
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',');
const FAKE_SHA = 'f'.repeat(64);

/** One statement list for both backends: a 2020 register, its documents, one file row each. */
const SEED_SQL = [
  `INSERT INTO registers (id, kind, year, name, last_number, version)
   VALUES (gen_random_uuid(), 'incoming', 2020, 'Sổ văn bản đến năm 2020', ${DOCS}, nextval('change_version'))`,
  `INSERT INTO blobs (sha256, size, complete) VALUES ('${FAKE_SHA}', 120000, true) ON CONFLICT DO NOTHING`,
  `INSERT INTO incoming_documents (id, register_id, year, arrival_number, arrival_date, issuer, number, notation, document_date,
     doc_type, subject, urgency, secrecy, due_date, page_count, recipients, note, status, created_by, provisional_number, version)
   SELECT gen_random_uuid(), r.id, 2020, g, '2020-03-02', 'UBND huyện số ' || (g % 50), (g % 900 + 1)::text, 'UBND-VP',
     '2020-02-27', 'CV', 'V/v báo cáo tình hình thực hiện nhiệm vụ, văn bản số ' || g, 'normal', 'none', NULL, 2,
     'Giám đốc', '', 'registered', u.id, NULL, nextval('change_version')
   FROM generate_series(1, ${DOCS}) g, registers r, users u
   WHERE r.kind = 'incoming' AND r.year = 2020 AND u.username = 'vanthu'`,
  `INSERT INTO document_files (id, document_id, sha256, name, size, mime, role, page_count, version)
   SELECT gen_random_uuid(), d.id, '${FAKE_SHA}', 'cong-van.pdf', 120000, 'application/pdf', 'main', 2, nextval('change_version')
   FROM incoming_documents d WHERE d.year = 2020`,
  `INSERT INTO assignments (id, document_id, assignee_user_id, role, due_date, status, assigned_by, result_note, version)
   SELECT gen_random_uuid(), d.id, a.id, k.role, '2020-03-20', 'open', l.id, '', nextval('change_version')
   FROM incoming_documents d,
     (VALUES ('primary', 'truongphong'), ('coordinator', 'chuyenvien'), ('informed', 'phogiamdoc')) AS k(role, username),
     users a, users l
   WHERE d.year = 2020 AND a.username = k.username AND l.username = 'giamdoc'`,
];

function floorInsert(source: string): { ms: number; rows: number } {
  const from = openReplica(source);
  const dir = mkdtempSync(path.join(tmpdir(), 'vanban-floor-'));
  const to = openReplica(path.join(dir, 'replica.db'));
  try {
    let rows = 0;
    let spent = 0;
    // The floor gets the same cheap indexing as the sync: search index built once at the end (counted below).
    suspendIncomingFts(to.sqlite);
    for (const table of ['incoming_documents', 'document_files', 'assignments']) {
      const data = from.sqlite.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
      if (!data.length) continue;
      const cols = Object.keys(data[0]!);
      const insert = to.sqlite.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
      const t1 = performance.now();
      to.sqlite.transaction(() => {
        for (const r of data) insert.run(r);
      })();
      rows += data.length;
      // Only the inserts count: reading the source rows is not part of the floor.
      spent += performance.now() - t1;
    }
    const t2 = performance.now();
    restoreIncomingFts(to.sqlite);
    spent += performance.now() - t2;
    return { ms: spent, rows };
  } finally {
    from.sqlite.close();
    to.sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(backend: string): Promise<void> {
  let postgres: TestPostgres | null = null;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vanban-initsync-'));
  if (backend === 'postgres') {
    postgres = await startPostgres('vanban_initial_sync');
  } else {
    await copyServerTemplate('demo', dataDir);
    const db = new PGlite(path.join(dataDir, 'pglite'));
    for (const s of SEED_SQL) await db.exec(s);
    await db.close();
  }
  const server = await spawnServer({ dataDir, seed: 'demo', ...(postgres ? { databaseUrl: postgres.url } : {}) });
  try {
    if (postgres) {
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      for (const s of SEED_SQL) await client.query(s);
      await client.end();
    }
    const coreDir = mkdtempSync(path.join(tmpdir(), 'vanban-initsync-core-'));
    const core = await startCore({ dataDir: coreDir, serverUrl: server.url, syncIntervalMs: 3_600_000 });
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const t0 = performance.now();
    await core.client.call('auth.login', { username: 'vanthu', password: DEMO_PASSWORD });
    const status = await core.client.call('sync.now', {});
    const ms = performance.now() - t0;
    clearInterval(sampler);
    const { sqlite } = core.core.ctx.replica;
    const docs = sqlite.prepare('SELECT count(*) FROM incoming_documents').pluck().get() as number;
    const files = sqlite.prepare('SELECT count(*) FROM document_files').pluck().get() as number;
    const assignments = sqlite.prepare('SELECT count(*) FROM assignments').pluck().get() as number;
    if (status.state !== 'idle' || docs < DOCS || assignments < 3 * DOCS) {
      throw new Error(`initial sync incomplete: ${JSON.stringify(status)} docs=${docs} assignments=${assignments}`);
    }
    await core.close();
    const floor = floorInsert(path.join(coreDir, 'replica.db'));
    rmSync(coreDir, { recursive: true, force: true });
    const one = (v: number) => ({ median: Math.round(v * 100) / 100, p95: Math.round(v * 100) / 100, min: Math.round(v * 100) / 100, max: Math.round(v * 100) / 100, n: 1 });
    printFigure({ bench: BENCH, figure: `sqlite_bulk_insert_floor_ms_${backend}`, unit: 'ms', ...one(floor.ms) });
    printFigure({
      bench: BENCH, figure: `initial_sync_ms_${backend}`, unit: 'ms', ...one(ms),
      baseline: { name: `sqlite_bulk_insert_floor_ms_${backend}`, median: Math.round(floor.ms) },
    });
    printFigure({ bench: BENCH, figure: `initial_sync_rows_per_s_${backend}`, unit: 'rows/s', ...one(((docs + files + assignments) / ms) * 1000) });
    printFigure({ bench: BENCH, figure: `initial_sync_peak_rss_mb_${backend}`, unit: 'MB', ...one(peak / 1024 / 1024) });
  } finally {
    await server.dispose().catch((err: unknown) => process.stderr.write(`server dispose failed: ${String(err)}\n`));
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

for (const backend of BACKENDS) await measure(backend);
