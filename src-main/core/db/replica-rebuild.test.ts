import { cpSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_FOLDER, openReplica, type Replica } from './open-db';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'vanban-rebuild-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const PENDING_ID = '6f1c2a9e-0000-4000-8000-000000000001';
const CONFIRMED_ID = '6f1c2a9e-0000-4000-8000-000000000002';

function insertPending(sqlite: Database.Database): void {
  sqlite
    .prepare(
      `INSERT INTO outbox (id, name, args, status, user_id, created_at)
       VALUES (7, 'incoming.register', '{"id":"${PENDING_ID}"}', 'pending', 'u1', '2026-11-23T08:00:00Z')`,
    )
    .run();
  sqlite
    .prepare(
      `INSERT INTO pending_incoming (id, outbox_id, register_id, year, provisional_number, arrival_date, issuer, number, notation,
         document_date, doc_type, subject, urgency, secrecy, recipients, note, files, search_text, created_by, created_at)
       VALUES ('${PENDING_ID}', 7, NULL, 2026, 12, '2026-11-23', 'UBND xã Tân Lập', '15', 'UBND', '2026-11-20', 'CV',
         'Về lũ quét', 'normal', 'none', '', '', '[]', 'ubnd xa tan lap 15/ubnd ve lu quet', 'u1', '2026-11-23T08:00:00Z')`,
    )
    .run();
}

function insertConfirmed(sqlite: Database.Database): void {
  sqlite
    .prepare(
      `INSERT INTO incoming_documents (id, register_id, year, arrival_number, arrival_date, issuer, number, notation, document_date,
         doc_type, subject, urgency, secrecy, recipients, note, status, created_by, created_at, search_text, version)
       VALUES ('${CONFIRMED_ID}', 'r', 2026, 11, '2026-11-22', 'Sở Y tế', '5', 'SYT-VP', '2026-11-20', 'CV', 'Về phòng dịch',
         'normal', 'none', '', '', 'registered', 'u1', '2026-11-22T00:00:00Z', 'so y te 5/syt-vp ve phong dich', 40)`,
    )
    .run();
}

const pendingSearch = (r: Replica) =>
  r.sqlite.prepare(`SELECT count(*) FROM pending_incoming_fts WHERE pending_incoming_fts MATCH '"lu" "quet"'`).pluck().get();

/** A data dir as it is now: one signed-in user, a confirmed document at cursor 40, one pending registration. */
function usedDataDir(): { dir: string; clientId: string } {
  const dir = tmp();
  const r = openReplica(join(dir, 'replica.db'));
  r.sqlite.prepare("UPDATE sync_state SET user_id = 'u1', next_mutation_id = 8").run();
  r.sqlite.prepare('UPDATE pull_state SET cursor = 40').run();
  insertConfirmed(r.sqlite);
  insertPending(r.sqlite);
  const clientId = r.sqlite.prepare('SELECT client_id FROM sync_state').pluck().get() as string;
  r.close();
  return { dir, clientId };
}

function expectLocalStateKept(r: Replica, clientId: string): void {
  expect(r.sqlite.prepare('SELECT client_id, next_mutation_id, user_id FROM sync_state').get()).toEqual({
    client_id: clientId, next_mutation_id: 8, user_id: 'u1',
  });
  expect(r.sqlite.prepare('SELECT id, status FROM outbox').all()).toEqual([{ id: 7, status: 'pending' }]);
  expect(r.sqlite.prepare('SELECT id, provisional_number FROM pending_incoming').all()).toEqual([{ id: PENDING_ID, provisional_number: 12 }]);
  expect(pendingSearch(r)).toBe(1);
}

describe('replica rebuild', () => {
  it('moves a file that is not a database aside, recreates it empty at cursor 0 and keeps the outbox', () => {
    const { dir, clientId } = usedDataDir();
    const file = join(dir, 'replica.db');
    writeFileSync(file, Buffer.alloc(64 * 1024, 0x5a)); // overwritten by something that is not SQLite at all
    const r = openReplica(file);
    expect(r.rebuilt).toMatchObject({ reason: 'damaged' });
    expect(existsSync(r.rebuilt!.movedTo!)).toBe(true);
    expect(readFileSync(r.rebuilt!.movedTo!).subarray(0, 4)).toEqual(Buffer.from('ZZZZ'));
    expect(r.sqlite.prepare('SELECT cursor FROM pull_state').pluck().get()).toBe(0);
    expect(r.sqlite.prepare('SELECT count(*) FROM incoming_documents').pluck().get()).toBe(0);
    expectLocalStateKept(r, clientId);
    r.close();
    // The next open finds a healthy replica and says nothing.
    const again = openReplica(file);
    expect(again.rebuilt).toBeNull();
    again.close();
  });

  it('detects damaged pages behind an intact header (quick_check) and rebuilds', () => {
    const { dir, clientId } = usedDataDir();
    const file = join(dir, 'replica.db');
    // Fill the replica so the damage lands inside table pages, then checkpoint everything into the main file.
    const fill = new Database(file);
    const insert = fill.prepare(
      `INSERT INTO incoming_documents (id, register_id, year, arrival_number, arrival_date, issuer, notation, document_date,
         doc_type, subject, urgency, secrecy, recipients, note, status, created_by, created_at, search_text, version)
       VALUES (?, 'r', 2026, ?, '2026-11-22', 'Sở Nội vụ', 'SNV', '2026-11-20', 'CV', ?, 'normal', 'none', '', '', 'registered', 'u1',
         '2026-11-22T00:00:00Z', ?, 41)`,
    );
    fill.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`doc-${i}`, 100 + i, `Về công tác ${i}`, `so noi vu ve cong tac ${i}`);
    })();
    fill.pragma('wal_checkpoint(TRUNCATE)');
    fill.close();
    const fd = openSync(file, 'r+');
    const size = readFileSync(file).length;
    writeSync(fd, Buffer.alloc(8192, 0xff), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    const r = openReplica(file);
    expect(r.rebuilt).toMatchObject({ reason: 'damaged' });
    expect(r.sqlite.prepare('SELECT count(*) FROM incoming_documents').pluck().get()).toBe(0);
    expectLocalStateKept(r, clientId);
    expect(readdirSync(dir).filter((f) => f.startsWith('replica.damaged-'))).toHaveLength(1);
    r.close();
  });

  it('recreates a deleted replica (with its WAL) and says so', () => {
    const { dir, clientId } = usedDataDir();
    for (const f of readdirSync(dir)) if (f.startsWith('replica.db')) rmSync(join(dir, f));
    const r = openReplica(join(dir, 'replica.db'));
    expect(r.rebuilt).toEqual({ reason: 'missing', movedTo: null, detail: 'replica file missing' });
    expect(r.sqlite.prepare('SELECT cursor FROM pull_state').pluck().get()).toBe(0);
    expectLocalStateKept(r, clientId);
    r.close();
  });

  it('moves the local state of a data dir written before the split into local.db (0003 -> 0004)', () => {
    const dir = tmp();
    const before = join(dir, 'migrations-0003');
    cpSync(DEFAULT_MIGRATIONS_FOLDER, before, { recursive: true });
    const journalFile = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < '0004');
    writeFileSync(journalFile, JSON.stringify(journal));
    const file = join(dir, 'replica.db');
    // Exactly what the previous opener did: one file, sync_state with the cursor.
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    migrate(drizzle(old), { migrationsFolder: before });
    old.prepare("INSERT INTO sync_state (id, client_id, cursor, next_mutation_id, user_id) VALUES (1, 'client-old', 40, 8, 'u1')").run();
    old.prepare("INSERT INTO auth_cache VALUES ('vanthu', 'u1', '{}', '{}', 'scrypt$x', '2026-11-23T08:00:00Z')").run();
    old.prepare("INSERT INTO offline_documents VALUES ('" + CONFIRMED_ID + "', '2026-11-23T08:00:00Z')").run();
    insertConfirmed(old);
    insertPending(old);
    old.close();

    const r = openReplica(file);
    expect(r.rebuilt).toBeNull();
    expectLocalStateKept(r, 'client-old');
    expect(r.sqlite.prepare('SELECT cursor FROM pull_state').pluck().get()).toBe(40);
    expect(r.sqlite.prepare('SELECT username FROM local.auth_cache').pluck().all()).toEqual(['vanthu']);
    expect(r.sqlite.prepare('SELECT document_id FROM local.offline_documents').pluck().all()).toEqual([CONFIRMED_ID]);
    expect(r.sqlite.prepare('SELECT id FROM main.incoming_documents').pluck().all()).toEqual([CONFIRMED_ID]);
    expect(r.sqlite.prepare("SELECT count(*) FROM main.sqlite_master WHERE name IN ('outbox', 'sync_state', 'pending_incoming_fts')").pluck().get()).toBe(0);
    r.close();
    // Afterwards the replica alone can be thrown away: the pending registration survives.
    for (const f of readdirSync(dir)) if (f.startsWith('replica.db')) rmSync(join(dir, f));
    const rebuilt = openReplica(file);
    expect(rebuilt.rebuilt).toMatchObject({ reason: 'missing' });
    expectLocalStateKept(rebuilt, 'client-old');
    rebuilt.close();
  });

  it('removes an overlay row whose confirmed row landed before a crash between the two files', () => {
    const { dir } = usedDataDir();
    const r = openReplica(join(dir, 'replica.db'));
    // The replica committed the confirmed row, local.db did not get to delete the overlay.
    r.sqlite
      .prepare(
        `INSERT INTO incoming_documents (id, register_id, year, arrival_number, arrival_date, issuer, notation, document_date, doc_type,
           subject, urgency, secrecy, recipients, note, status, created_by, created_at, search_text, version)
         SELECT id, 'r', year, 13, arrival_date, issuer, notation, document_date, doc_type, subject, urgency, secrecy, recipients,
           note, 'registered', created_by, created_at, search_text, 42 FROM pending_incoming`,
      )
      .run();
    r.close();
    const reopened = openReplica(join(dir, 'replica.db'));
    expect(reopened.sqlite.prepare('SELECT count(*) FROM pending_incoming').pluck().get()).toBe(0);
    expect(reopened.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
    reopened.close();
  });
});
