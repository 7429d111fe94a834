import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_FOLDER, openReplica } from './open-db';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'vanban-db-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('openReplica', () => {
  it('applies the migrations on an empty database: confirmed state in replica.db, local-only state in local.db', () => {
    const r = openReplica(join(tmp(), 'replica.db'));
    const tables = (schemaName: string) =>
      new Set(
        r.sqlite
          .prepare(
            `SELECT name FROM ${schemaName}.sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name NOT LIKE '%_fts_%'`,
          )
          .pluck()
          .all(),
      );
    const local = [
      'outbox', 'pending_incoming', 'sync_state', 'blob_queue', 'local_blobs', 'auth_cache', 'scan_intake',
      'arrival_number_changes', 'pending_incoming_fts', 'offline_documents', 'download_queue',
    ];
    // Other features add their own mirrored tables to the replica; none of the local-only ones may be there.
    const main = tables('main');
    for (const t of ['units', 'users', 'registers', 'incoming_documents', 'document_files', 'incoming_fts', 'pull_state']) {
      expect(main).toContain(t);
    }
    for (const t of local) expect(main).not.toContain(t);
    expect(tables('local')).toEqual(new Set(local));
    expect(r.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(r.sqlite.pragma('local.journal_mode', { simple: true })).toBe('wal');
    expect(r.sqlite.pragma('synchronous', { simple: true })).toBe(1);
    expect(r.sqlite.pragma('local.synchronous', { simple: true })).toBe(1);
    expect(r.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(r.rebuilt).toBeNull();
    r.close();
  });

  it('keeps the client id across reopenings', () => {
    const file = join(tmp(), 'replica.db');
    const a = openReplica(file);
    const id = a.sqlite.prepare('SELECT client_id FROM sync_state').pluck().get();
    a.close();
    const b = openReplica(file);
    expect(b.sqlite.prepare('SELECT client_id FROM sync_state').pluck().get()).toBe(id);
    b.close();
  });

  it('indexes documents that were in the replica before the search migration (0001 -> 0002)', () => {
    // Build the migrations folder as it was before 0002, open a replica with it, then open with all migrations.
    const dir = tmp();
    const before = join(dir, 'migrations-0001');
    cpSync(DEFAULT_MIGRATIONS_FOLDER, before, { recursive: true });
    rmSync(join(before, '0002_incoming_fts.sql'));
    const journalFile = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < '0002');
    writeFileSync(journalFile, JSON.stringify(journal));
    const file = join(dir, 'replica.db');
    const old = openReplica(file, before);
    old.sqlite
      .prepare(
        `INSERT INTO incoming_documents (id, register_id, year, arrival_number, arrival_date, issuer, number, notation, document_date,
           doc_type, subject, urgency, secrecy, recipients, note, status, created_by, created_at, search_text, version)
         VALUES ('d1', 'r', 2026, 1, '2026-01-02', 'Sở Y tế', '5', 'SYT-VP', '2026-01-02', 'CV', 'Về phòng dịch', 'normal', 'none',
           '', '', 'registered', 'u', '2026-01-02T00:00:00Z', 'so y te 5/syt-vp ve phong dich', 1)`,
      )
      .run();
    old.close();
    const r = openReplica(file);
    expect(r.sqlite.prepare("SELECT rowid FROM incoming_fts WHERE incoming_fts MATCH '\"phong\" \"dich\"'").pluck().all()).toHaveLength(1);
    r.close();
  });
});
