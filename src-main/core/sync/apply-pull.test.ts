import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../../src-shared/sync/protocol';
import { listIncoming } from '../db/incoming.repo';
import { openReplica, type Replica } from '../db/open-db';
import { ReplicaOwnerChangedError, applyPullPage } from './apply-pull';

const open: { r: Replica; dir: string }[] = [];
function replica() {
  const dir = mkdtempSync(join(tmpdir(), 'vanban-pull-'));
  const r = openReplica(join(dir, 'replica.db'));
  open.push({ r, dir });
  return r;
}
afterEach(() => {
  for (const { r, dir } of open.splice(0)) {
    r.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

const registerId = randomUUID();
function incoming(id: string, arrivalNumber: number, version: number): Change {
  return {
    entity: 'incomingDocument', id, version, deleted: false,
    data: {
      id, registerId, year: 2026, arrivalNumber, arrivalDate: '2026-11-23', issuer: 'Bộ Nội vụ', number: '15', notation: 'QĐ-BNV',
      documentDate: '2026-11-20', docType: 'QD', subject: 'Quyết định về đào tạo', urgency: 'normal', secrecy: 'none',
      dueDate: null, pageCount: 1, recipients: '', note: '', status: 'registered', createdBy: randomUUID(),
      createdAt: '2026-11-23T03:00:00.000Z', provisionalNumber: null,
    },
  } as Change;
}
const cursor = (r: Replica) => r.sqlite.prepare('SELECT cursor FROM pull_state').pluck().get();

describe('applyPullPage', () => {
  it('stores each page with its cursor and replaces the pending overlay row by the confirmed one', () => {
    const r = replica();
    const id = randomUUID();
    r.sqlite
      .prepare(
        `INSERT INTO pending_incoming (id, year, provisional_number, arrival_date, issuer, number, notation, document_date, doc_type,
           subject, urgency, secrecy, recipients, note, files, search_text, created_by, created_at)
         VALUES (?, 2026, 7, '2026-11-23', 'Bộ Nội vụ', '15', 'QĐ-BNV', '2026-11-20', 'QD', 'x', 'normal', 'none', '', '', '[]', 'bo noi vu', 'u', '2026-11-23T02:00:00Z')`,
      )
      .run(id);
    expect(listIncoming(r.sqlite, { limit: 10, offset: 0 }).items[0]).toMatchObject({ syncState: 'pending', arrivalNumber: 7 });
    expect(applyPullPage(r.sqlite, { changes: [incoming(id, 5, 10)], cursor: 10, hasMore: true })).toEqual(['incomingDocument']);
    expect(cursor(r)).toBe(10);
    const { items, total } = listIncoming(r.sqlite, { limit: 10, offset: 0 });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ id, syncState: 'synced', arrivalNumber: 5, provisional: false });
    // A deletion (or lost access) removes the row.
    applyPullPage(r.sqlite, { changes: [{ entity: 'incomingDocument', id, version: 11, deleted: true }], cursor: 11, hasMore: false });
    expect(listIncoming(r.sqlite, { limit: 10, offset: 0 }).total).toBe(0);
  });

  it('keeps the previous checkpoint when a page fails half-way, so the pull resumes from there', () => {
    const r = replica();
    applyPullPage(r.sqlite, { changes: [incoming(randomUUID(), 1, 5)], cursor: 5, hasMore: true });
    const broken = incoming(randomUUID(), 3, 7);
    (broken.data as { subject: unknown }).subject = null; // violates NOT NULL inside the transaction
    expect(() =>
      applyPullPage(r.sqlite, { changes: [incoming(randomUUID(), 2, 6), broken], cursor: 7, hasMore: false }),
    ).toThrow();
    expect(cursor(r)).toBe(5);
    expect(listIncoming(r.sqlite, { limit: 10, offset: 0 }).items.map((i) => i.arrivalNumber)).toEqual([1]);
  });

  it('refuses a page pulled for the previous owner of the replica', () => {
    const r = replica();
    r.sqlite.prepare("UPDATE sync_state SET user_id = 'new-user'").run();
    expect(() => applyPullPage(r.sqlite, { changes: [incoming(randomUUID(), 1, 5)], cursor: 5, hasMore: false }, 'old-user')).toThrow(
      ReplicaOwnerChangedError,
    );
    expect(cursor(r)).toBe(0);
    expect(applyPullPage(r.sqlite, { changes: [incoming(randomUUID(), 1, 5)], cursor: 5, hasMore: false }, 'new-user')).toEqual([
      'incomingDocument',
    ]);
  });
});
