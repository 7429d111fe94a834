import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openReplica } from './open-db';

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
  it('applies the migrations on an empty database and sets the durability pragmas', () => {
    const r = openReplica(join(tmp(), 'replica.db'));
    const tables = r.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")
      .pluck()
      .all();
    expect(new Set(tables)).toEqual(
      new Set([
        'units', 'users', 'registers', 'incoming_documents', 'document_files', 'outbox', 'pending_incoming',
        'sync_state', 'blob_queue', 'local_blobs', 'auth_cache',
      ]),
    );
    expect(r.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(r.sqlite.pragma('synchronous', { simple: true })).toBe(1);
    expect(r.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
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
});
