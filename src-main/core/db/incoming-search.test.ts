import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../../src-shared/sync/protocol';
import { applyPullPage } from '../sync/apply-pull';
import { ftsQuery, listIncoming, type IncomingQuery } from './incoming.repo';
import { openReplica, type Replica } from './open-db';
import { clearReplicaForUser } from './replica-reset';

const open: { r: Replica; dir: string }[] = [];
function replica() {
  const dir = mkdtempSync(join(tmpdir(), 'vanban-search-'));
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

type Doc = {
  id: string; arrivalNumber: number; year: number; arrivalDate: string; issuer: string; number: string | null; notation: string;
  subject: string; docType: string; urgency: string; secrecy: string; status: string; recipients: string;
};
const base = (over: Partial<Doc>): Doc => ({
  id: randomUUID(), arrivalNumber: 1, year: 2026, arrivalDate: '2026-03-02', issuer: 'Sở Xây dựng Hà Nội', number: '1866',
  notation: 'SXD-VP', subject: 'Về việc đăng ký kế hoạch xây dựng', docType: 'CV', urgency: 'normal', secrecy: 'none',
  status: 'registered', recipients: 'Phòng Hành chính', ...over,
});
function confirmed(d: Doc, version = 1): Change {
  return {
    entity: 'incomingDocument', id: d.id, version, deleted: false,
    data: {
      ...d, registerId: randomUUID(), documentDate: d.arrivalDate, dueDate: null, pageCount: 1, note: '',
      createdBy: randomUUID(), createdAt: '2026-03-02T03:00:00.000Z', provisionalNumber: null,
    },
  } as Change;
}
function pull(r: Replica, docs: Doc[], cursor = 1) {
  applyPullPage(r.sqlite, { changes: docs.map((d) => confirmed(d, cursor)), cursor, hasMore: false } as never);
}
/** A pending overlay row as registration writes it (search_text folded by the same function). */
function pending(r: Replica, d: Doc) {
  r.sqlite
    .prepare(
      `INSERT INTO pending_incoming (id, outbox_id, register_id, year, provisional_number, arrival_date, issuer, number, notation,
         document_date, doc_type, subject, urgency, secrecy, due_date, page_count, recipients, note, files, search_text, created_by, created_at)
       VALUES (?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, ?, '', '[]', ?, 'u', '2026-03-02T04:00:00.000Z')`,
    )
    .run(d.id, d.year, d.arrivalNumber, d.arrivalDate, d.issuer, d.number, d.notation, d.arrivalDate, d.docType, d.subject,
      d.urgency, d.secrecy, d.recipients, `${d.issuer} ${d.number}/${d.notation} ${d.subject} ${d.recipients}`
        .normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase());
}
const find = (r: Replica, q: Partial<IncomingQuery>) =>
  listIncoming(r.sqlite, { limit: 100, offset: 0, ...q }).items.map((i) => i.subject).sort();

describe('incoming search (FTS5 over folded text)', () => {
  it('finds đăng ký from "dang ky", with or without accents, in confirmed and pending rows', () => {
    const r = replica();
    pull(r, [
      base({ subject: 'Về việc đăng ký kế hoạch xây dựng' }),
      base({ arrivalNumber: 2, issuer: 'Bộ Nội vụ', number: '15', notation: 'QĐ-BNV', docType: 'QD', subject: 'Quyết định về đào tạo cán bộ' }),
    ]);
    pending(r, base({ arrivalNumber: 3, subject: 'Đề nghị đăng ký tham gia hội thảo' }));
    expect(find(r, { search: 'dang ky' })).toEqual(['Về việc đăng ký kế hoạch xây dựng', 'Đề nghị đăng ký tham gia hội thảo']);
    expect(find(r, { search: 'ĐĂNG KÝ' })).toHaveLength(2);
    expect(find(r, { search: 'dao tao' })).toEqual(['Quyết định về đào tạo cán bộ']);
    // Issuer, number and notation are searchable like the subject; punctuation splits words as the index does.
    expect(find(r, { search: '15/QĐ-BNV' })).toEqual(['Quyết định về đào tạo cán bộ']);
    expect(find(r, { search: 'bo noi vu' })).toEqual(['Quyết định về đào tạo cán bộ']);
    expect(find(r, { search: 'phong hanh chinh' })).toHaveLength(3);
    // Every word must be there.
    expect(find(r, { search: 'dang ky dao tao' })).toEqual([]);
  });

  it('matches the last word as a prefix while the clerk types, and treats FTS syntax as plain text', () => {
    const r = replica();
    pull(r, [base({ subject: 'Kế hoạch tuyển dụng viên chức' })]);
    expect(find(r, { search: 'tuyen d' })).toHaveLength(1);
    expect(find(r, { search: 'tuye dung' })).toHaveLength(0); // only the last word is a prefix
    expect(find(r, { search: 'ke "hoach' })).toHaveLength(1);
    expect(find(r, { search: 'NEAR(ke hoach) OR *' })).toHaveLength(0);
    expect(find(r, { search: '  -- ' })).toEqual([]);
    expect(ftsQuery('Đăng  ký')).toBe('"dang" "ky"*');
  });

  it('keeps the index in step when a pulled row replaces a pending one, is updated, or is deleted', () => {
    const r = replica();
    const d = base({ subject: 'Báo cáo tình hình thu ngân sách' });
    pending(r, d);
    expect(listIncoming(r.sqlite, { search: 'ngan sach', limit: 10, offset: 0 }).items).toMatchObject([{ syncState: 'pending' }]);
    pull(r, [d]);
    expect(listIncoming(r.sqlite, { search: 'ngan sach', limit: 10, offset: 0 })).toMatchObject({ total: 1, items: [{ syncState: 'synced' }] });
    pull(r, [{ ...d, subject: 'Báo cáo tình hình chi thường xuyên' }], 2);
    expect(find(r, { search: 'ngan sach' })).toEqual([]);
    expect(find(r, { search: 'chi thuong xuyen' })).toHaveLength(1);
    applyPullPage(r.sqlite, { changes: [{ entity: 'incomingDocument', id: d.id, version: 3, deleted: true }], cursor: 3, hasMore: false } as never);
    expect(find(r, { search: 'bao cao' })).toEqual([]);
    const fts = r.sqlite.prepare('SELECT count(*) FROM incoming_fts').pluck().get();
    expect(fts).toBe(0);
    pull(r, [base({})], 4);
    clearReplicaForUser(r.sqlite, randomUUID());
    expect(r.sqlite.prepare('SELECT count(*) FROM incoming_fts').pluck().get()).toBe(0);
  });

  it('filters by year, register, type, urgency, status and arrival date range, together with the words', () => {
    const r = replica();
    pull(r, [
      base({ arrivalNumber: 1, arrivalDate: '2026-01-05', subject: 'Công văn thường tháng một' }),
      base({ arrivalNumber: 2, arrivalDate: '2026-02-10', urgency: 'flash', subject: 'Công văn hỏa tốc tháng hai' }),
      base({ arrivalNumber: 3, arrivalDate: '2026-03-15', docType: 'QD', status: 'done', subject: 'Quyết định tháng ba' }),
      base({ arrivalNumber: 1, arrivalDate: '2026-03-16', secrecy: 'confidential', subject: 'Văn bản mật tháng ba' }),
      base({ arrivalNumber: 9, year: 2025, arrivalDate: '2025-12-30', subject: 'Công văn năm trước' }),
    ]);
    pending(r, base({ arrivalNumber: 4, arrivalDate: '2026-03-20', urgency: 'flash', subject: 'Công văn hỏa tốc chưa đồng bộ' }));
    expect(find(r, { year: 2025 })).toEqual(['Công văn năm trước']);
    expect(find(r, { urgency: 'flash' })).toEqual(['Công văn hỏa tốc chưa đồng bộ', 'Công văn hỏa tốc tháng hai']);
    expect(find(r, { registerKind: 'incomingSecret' })).toEqual(['Văn bản mật tháng ba']);
    expect(find(r, { registerKind: 'incoming', year: 2026 })).toHaveLength(4);
    expect(find(r, { docType: 'QD' })).toEqual(['Quyết định tháng ba']);
    expect(find(r, { status: 'done' })).toEqual(['Quyết định tháng ba']);
    expect(find(r, { status: 'registered', year: 2026 })).toHaveLength(4);
    expect(find(r, { arrivalFrom: '2026-02-01', arrivalTo: '2026-03-15' })).toEqual(['Công văn hỏa tốc tháng hai', 'Quyết định tháng ba']);
    expect(find(r, { search: 'cong van', arrivalFrom: '2026-02-01' })).toEqual(['Công văn hỏa tốc chưa đồng bộ', 'Công văn hỏa tốc tháng hai']);
    const page = listIncoming(r.sqlite, { search: 'cong van', limit: 2, offset: 0 });
    expect(page.total).toBe(4);
    expect(page.items.map((i) => i.arrivalNumber)).toEqual([4, 2]);
  });

  it('records when the server number replaced a different provisional one', () => {
    const r = replica();
    const d = base({ arrivalNumber: 7 });
    const change = confirmed(d);
    (change.data as { provisionalNumber: number | null }).provisionalNumber = 5;
    applyPullPage(r.sqlite, { changes: [change], cursor: 1, hasMore: false } as never);
    expect(r.sqlite.prepare('SELECT provisional_number, confirmed_number FROM arrival_number_changes WHERE document_id = ?').get(d.id))
      .toEqual({ provisional_number: 5, confirmed_number: 7 });
  });
});
