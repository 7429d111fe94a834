/**
 * Cơ quan ban hành autocomplete: the issuers this desktop has registered documents from (confirmed and pending), most
 * used first, plus a seeded list of common central and provincial bodies with their abbreviations. Matching ignores
 * accents, đ and case ("so xay dung", "SXD" and "Sở Xây dựng" all find "Sở Xây dựng"); every typed word must match,
 * the last one as a prefix.
 */
import type Database from 'better-sqlite3';
import { foldVietnamese } from '../../../src-shared/domain/text-fold';

export type IssuerSuggestion = { name: string; abbr: string | null; usedCount: number };

/** Common issuers with the abbreviations used in their symbols (ND30: symbol = type + "-" + issuer abbreviation). */
export const SEEDED_ISSUERS: readonly (readonly [string, string])[] = [
  ['Văn phòng Chính phủ', 'VPCP'], ['Bộ Nội vụ', 'BNV'], ['Bộ Tài chính', 'BTC'], ['Bộ Kế hoạch và Đầu tư', 'BKHĐT'],
  ['Bộ Tư pháp', 'BTP'], ['Bộ Xây dựng', 'BXD'], ['Bộ Y tế', 'BYT'], ['Bộ Giáo dục và Đào tạo', 'BGDĐT'],
  ['Bộ Giao thông vận tải', 'BGTVT'], ['Bộ Công an', 'BCA'], ['Bộ Quốc phòng', 'BQP'], ['Bộ Tài nguyên và Môi trường', 'BTNMT'],
  ['Bộ Lao động - Thương binh và Xã hội', 'BLĐTBXH'], ['Bộ Công Thương', 'BCT'], ['Bộ Nông nghiệp và Phát triển nông thôn', 'BNNPTNT'],
  ['Bộ Khoa học và Công nghệ', 'BKHCN'], ['Bộ Văn hóa, Thể thao và Du lịch', 'BVHTTDL'], ['Bộ Thông tin và Truyền thông', 'BTTTT'],
  ['Bộ Ngoại giao', 'BNG'], ['Thanh tra Chính phủ', 'TTCP'], ['Ngân hàng Nhà nước Việt Nam', 'NHNN'], ['Kho bạc Nhà nước', 'KBNN'],
  ['Tổng cục Thuế', 'TCT'], ['Bảo hiểm xã hội Việt Nam', 'BHXH'], ['Ban Cơ yếu Chính phủ', 'BCY'],
  ['Ủy ban nhân dân tỉnh', 'UBND'], ['Hội đồng nhân dân tỉnh', 'HĐND'], ['Văn phòng Ủy ban nhân dân tỉnh', 'VPUBND'],
  ['Sở Nội vụ', 'SNV'], ['Sở Tài chính', 'STC'], ['Sở Kế hoạch và Đầu tư', 'SKHĐT'], ['Sở Xây dựng', 'SXD'], ['Sở Y tế', 'SYT'],
  ['Sở Giáo dục và Đào tạo', 'SGDĐT'], ['Sở Giao thông vận tải', 'SGTVT'], ['Sở Tài nguyên và Môi trường', 'STNMT'],
  ['Sở Thông tin và Truyền thông', 'STTTT'], ['Sở Tư pháp', 'STP'], ['Sở Lao động - Thương binh và Xã hội', 'SLĐTBXH'],
  ['Sở Công Thương', 'SCT'], ['Sở Nông nghiệp và Phát triển nông thôn', 'SNNPTNT'], ['Sở Khoa học và Công nghệ', 'SKHCN'],
  ['Sở Văn hóa, Thể thao và Du lịch', 'SVHTTDL'], ['Công an tỉnh', 'CAT'], ['Thanh tra tỉnh', 'TTr'], ['Kho bạc Nhà nước tỉnh', 'KBNN'],
  ['Cục Thuế tỉnh', 'CT'], ['Bảo hiểm xã hội tỉnh', 'BHXH'],
];

const words = (s: string) => foldVietnamese(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function matches(query: string[], name: string, abbr: string | null): boolean {
  const nameWords = words(name);
  const abbrFolded = abbr ? foldVietnamese(abbr) : null;
  return query.every((q, i) => {
    const last = i === query.length - 1;
    const hit = (w: string) => (last ? w.startsWith(q) : w === q);
    return nameWords.some(hit) || (abbrFolded !== null && hit(abbrFolded));
  });
}

export function suggestIssuers(sqlite: Database.Database, query: string, limit: number): IssuerSuggestion[] {
  const q = words(query);
  const used = sqlite
    .prepare(
      `SELECT issuer, count(*) AS n FROM (
         SELECT issuer FROM incoming_documents
         UNION ALL SELECT p.issuer FROM pending_incoming p WHERE NOT EXISTS (SELECT 1 FROM incoming_documents c WHERE c.id = p.id)
       ) GROUP BY issuer`,
    )
    .all() as { issuer: string; n: number }[];
  // One entry per issuer whatever its spelling (case, accents): the most used spelling wins.
  const byKey = new Map<string, IssuerSuggestion>();
  for (const u of used.sort((a, b) => b.n - a.n)) {
    const key = words(u.issuer).join(' ');
    const prev = byKey.get(key);
    if (prev) prev.usedCount += u.n;
    else byKey.set(key, { name: u.issuer, abbr: null, usedCount: u.n });
  }
  for (const [name, abbr] of SEEDED_ISSUERS) {
    const key = words(name).join(' ');
    const prev = byKey.get(key);
    if (prev) prev.abbr ??= abbr;
    else byKey.set(key, { name, abbr, usedCount: 0 });
  }
  const startsWithQuery = (s: IssuerSuggestion) => (q.length > 0 && words(s.name)[0]?.startsWith(q[0]!)) || false;
  return [...byKey.values()]
    .filter((s) => q.length === 0 || matches(q, s.name, s.abbr))
    .sort((a, b) => b.usedCount - a.usedCount || Number(startsWithQuery(b)) - Number(startsWithQuery(a)) || a.name.localeCompare(b.name, 'vi'))
    .slice(0, limit);
}
