import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listIncoming } from './incoming.repo';
import { restoreIncomingFts, suspendIncomingFts } from './incoming-fts';
import { openReplica, type Replica } from './open-db';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const open = (dir?: string) => {
  const d = dir ?? mkdtempSync(join(tmpdir(), 'vanban-fts-'));
  if (!dir) dirs.push(d);
  return { dir: d, r: openReplica(join(d, 'replica.db')) };
};
const triggers = (r: Replica) =>
  r.sqlite.prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' ORDER BY name").all();
function insertDoc(r: Replica, id: string, n: number, subject: string, searchText: string): void {
  r.sqlite
    .prepare(
      `INSERT OR REPLACE INTO incoming_documents (id, register_id, year, arrival_number, arrival_date, issuer, notation, document_date,
         doc_type, subject, urgency, secrecy, recipients, note, status, created_by, created_at, search_text, version)
       VALUES (?, 'r', 2026, ?, '2026-03-02', 'Sở Nội vụ', 'SNV', '2026-03-01', 'CV', ?, 'normal', 'none', '', '', 'registered', 'u',
         '2026-03-02T00:00:00Z', ?, ?)`,
    )
    .run(id, n, subject, searchText, n);
}
const search = (r: Replica, q: string) => listIncoming(r.sqlite, { search: q, limit: 10, offset: 0 }).items.map((i) => i.id);

describe('bulk indexing during an initial sync', () => {
  it('restores exactly the triggers of migration 0002 and indexes what arrived while suspended', () => {
    const { r } = open();
    const before = triggers(r);
    insertDoc(r, 'a', 1, 'Về tuyển dụng', 've tuyen dung');
    suspendIncomingFts(r.sqlite);
    expect(triggers(r).length).toBe(before.length - 2);
    insertDoc(r, 'b', 2, 'Về đào tạo', 've dao tao');
    insertDoc(r, 'a', 1, 'Về thi tuyển', 've thi tuyen'); // replaced while suspended: the old words must not be found
    expect(search(r, 'dao tao')).toEqual([]);
    expect(restoreIncomingFts(r.sqlite)).toBe(true);
    expect(triggers(r)).toEqual(before);
    expect(search(r, 'dao tao')).toEqual(['b']);
    expect(search(r, 'thi tuyen')).toEqual(['a']);
    expect(search(r, 'tuyen dung')).toEqual([]);
    expect(restoreIncomingFts(r.sqlite)).toBe(false);
    r.close();
  });

  it('comes back with a complete index after a core died mid-sync', () => {
    const { dir, r } = open();
    suspendIncomingFts(r.sqlite);
    insertDoc(r, 'c', 3, 'Về phòng cháy', 've phong chay');
    r.close(); // no restore: the process died
    const again = open(dir).r;
    expect(search(again, 'phong chay')).toEqual(['c']);
    insertDoc(again, 'd', 4, 'Về chữa cháy', 've chua chay');
    expect(search(again, 'chay')).toEqual(expect.arrayContaining(['c', 'd']));
    again.close();
  });
});
