/**
 * Search over the incoming list at scale: 100,000 confirmed documents in a real replica (SQLite, WAL, the committed
 * migrations, FTS5 kept by triggers), queried through the same `listIncoming` the core serves `documents.listIncoming`
 * with (first page of 50 rows + total count, as the UI asks). Target: median under 20 ms.
 * Baseline, measured in the same run on the same replica: the LIKE scan the foundation used (`search_text LIKE %word%`
 * per word over the same folded text, same page and count), i.e. what search costs without the FTS index.
 * Env: BENCH_DOCS (default 100000), BENCH_N (queries per figure, default 200).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { foldVietnamese } from '../src-shared/domain/text-fold';
import { incomingSearchText, listIncoming } from '../src-main/core/db/incoming.repo';
import { openReplica } from '../src-main/core/db/open-db';
import { printFigure, summarize } from './figures';

const BENCH = 'incoming-search';
const DOCS = Number(process.env.BENCH_DOCS ?? 100_000);
const N = Number(process.env.BENCH_N ?? 200);

const ISSUERS = [
  'Bộ Nội vụ', 'Bộ Tài chính', 'Sở Xây dựng Hà Nội', 'Sở Giao thông vận tải', 'UBND Quận Đống Đa', 'Sở Y tế',
  'Sở Giáo dục và Đào tạo', 'Văn phòng Chính phủ', 'Sở Tài nguyên và Môi trường', 'Kho bạc Nhà nước', 'Sở Tư pháp',
];
const NOTATIONS = ['SXD-VP', 'QĐ-BNV', 'BTC-NSNN', 'SGTVT-VP', 'UBND-TCKH', 'KH-SYT', 'TB-VPCP', 'BC-STNMT'];
const TOPICS = [
  'đăng ký kế hoạch xây dựng', 'đào tạo bồi dưỡng cán bộ', 'quyết toán ngân sách', 'phòng chống dịch bệnh',
  'cải cách hành chính', 'tuyển dụng viên chức', 'an toàn giao thông', 'chuyển đổi số', 'thi đua khen thưởng',
  'quản lý đất đai', 'bảo vệ môi trường', 'phòng cháy chữa cháy', 'kiểm tra công vụ', 'giải quyết khiếu nại',
  'đầu tư công', 'tổ chức hội nghị', 'báo cáo tình hình kinh tế', 'lịch công tác tuần', 'mua sắm tài sản',
];
const PREFIX = ['Về việc', 'Kế hoạch', 'Báo cáo', 'Thông báo', 'Đề nghị', 'Hướng dẫn', 'Triển khai'];
/** Deterministic pseudo-random numbers so every run indexes the same corpus. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const pick = <T>(r: () => number, a: readonly T[]) => a[Math.floor(r() * a.length)]!;

function fill(sqlite: ReturnType<typeof openReplica>['sqlite']): void {
  const r = rng(42);
  const insert = sqlite.prepare(
    `INSERT INTO incoming_documents (id, register_id, year, arrival_number, arrival_date, issuer, number, notation, document_date,
       doc_type, subject, urgency, secrecy, due_date, page_count, recipients, note, status, created_by, created_at,
       provisional_number, search_text, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 2, ?, '', 'registered', ?, ?, NULL, ?, ?)`,
  );
  const registerId = randomUUID();
  const userId = randomUUID();
  sqlite.transaction(() => {
    for (let i = 0; i < DOCS; i++) {
      const year = 2022 + (i % 5);
      const day = 1 + Math.floor(r() * 364);
      const date = new Date(Date.UTC(year, 0, day)).toISOString().slice(0, 10);
      const d = {
        issuer: pick(r, ISSUERS), number: String(1 + Math.floor(r() * 3000)), notation: pick(r, NOTATIONS),
        subject: `${pick(r, PREFIX)} ${pick(r, TOPICS)} năm ${year} (đợt ${1 + (i % 12)})`, recipients: 'Văn phòng', note: '',
      };
      insert.run(
        randomUUID(), registerId, year, 1 + Math.floor(i / 5), date, d.issuer, d.number, d.notation, date, 'CV', d.subject,
        i % 17 === 0 ? 'flash' : 'normal', 'none', d.recipients, userId, `${date}T02:00:00.000Z`, incomingSearchText(d), i + 1,
      );
    }
  })();
}

/** What a clerk types: one to three words of a topic, often without accents, the last one sometimes unfinished. */
function queries(n: number): string[] {
  const r = rng(7);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const words = pick(r, TOPICS).split(' ');
    const start = Math.floor(r() * Math.max(1, words.length - 1));
    let q = words.slice(start, start + 1 + Math.floor(r() * 3)).join(' ');
    if (r() < 0.6) q = foldVietnamese(q);
    if (r() < 0.3 && q.length > 3) q = q.slice(0, -1);
    if (r() < 0.2) q = `${q} ${pick(r, ['2023', 'dot 3', 'nam 2025'])}`;
    out.push(q);
  }
  return out;
}

function time(fn: (q: string) => unknown, n: number, inputs: string[]): number[] {
  for (let i = 0; i < 10; i++) fn(inputs[i % inputs.length]!);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const input = inputs[i % inputs.length]!;
    const t0 = performance.now();
    fn(input);
    samples.push(performance.now() - t0);
  }
  return samples;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vanban-bench-search-'));
  const replica = openReplica(join(dir, 'replica.db'));
  try {
    const t0 = performance.now();
    fill(replica.sqlite);
    process.stderr.write(`indexed ${DOCS} documents in ${Math.round(performance.now() - t0)} ms\n`);
    const qs = queries(N);

    const likeScan = (q: string) => {
      const words = foldVietnamese(q).split(/\s+/).filter(Boolean);
      const where = words.map(() => "search_text LIKE ? ESCAPE '\\'").join(' AND ');
      const args = words.map((w) => `%${escapeLike(w)}%`);
      replica.sqlite.prepare(`SELECT count(*) FROM incoming_documents WHERE ${where}`).pluck().get(...args);
      return replica.sqlite
        .prepare(`SELECT * FROM incoming_documents WHERE ${where} ORDER BY year DESC, arrival_number DESC LIMIT 50`)
        .all(...args);
    };
    const baseline = summarize(time(likeScan, Math.min(N, 50), qs));
    printFigure({ bench: BENCH, figure: 'like_scan_ms', unit: 'ms', ...baseline });

    const fts = (q: string) => listIncoming(replica.sqlite, { search: q, limit: 50, offset: 0 });
    printFigure({
      bench: BENCH, figure: `search_${DOCS}_docs_ms`, unit: 'ms', ...summarize(time(fts, N, qs)),
      baseline: { name: 'like_scan_ms', median: baseline.median },
    });
    const filtered = (q: string) =>
      listIncoming(replica.sqlite, { search: q, year: 2025, urgency: 'flash', limit: 50, offset: 0 });
    printFigure({
      bench: BENCH, figure: `search_filtered_${DOCS}_docs_ms`, unit: 'ms', ...summarize(time(filtered, N, qs)),
      baseline: { name: 'like_scan_ms', median: baseline.median },
    });
    const sample = listIncoming(replica.sqlite, { search: qs[0], limit: 5, offset: 0 });
    process.stderr.write(`"${qs[0]}" -> ${sample.total} documents\n`);
  } finally {
    replica.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
