/**
 * Document types of Decree 30/2020 (art. 7, appendix III) with their abbreviations.
 * Pure data: the single list every layer uses (form pickers, notation checks, registers, edXML).
 */

export type DocTypeCode =
  | 'NQ' | 'QD' | 'CT' | 'QC' | 'QYD' | 'TC' | 'TB' | 'HD' | 'CTR' | 'KH'
  | 'PA' | 'DEA' | 'DA' | 'BC' | 'BB' | 'TTR' | 'HDG' | 'CV' | 'CD' | 'BGN'
  | 'BTT' | 'GUQ' | 'GM' | 'GGT' | 'GNP' | 'PG' | 'PC' | 'PB' | 'THC'
  | 'SY' | 'TRS' | 'SL';

export type DocType = {
  /** Stable ASCII code used in storage and on the wire. */
  code: DocTypeCode;
  /** Vietnamese name as written on the document ("Quyết định"). */
  name: string;
  /** Abbreviation used in the symbol ("QĐ"); null for công văn and thư công, which have none. */
  abbr: string | null;
  /** Abbreviations of older registers (Circular 01/2011) accepted on import. */
  legacyAbbr?: readonly string[];
  /** True for the copy forms (sao y, trích sao, sao lục), which share one running number. */
  isCopy?: boolean;
};

export const DOC_TYPES: readonly DocType[] = [
  { code: 'NQ', name: 'Nghị quyết', abbr: 'NQ' },
  { code: 'QD', name: 'Quyết định', abbr: 'QĐ' },
  { code: 'CT', name: 'Chỉ thị', abbr: 'CT' },
  { code: 'QC', name: 'Quy chế', abbr: 'QC' },
  { code: 'QYD', name: 'Quy định', abbr: 'QyĐ' },
  { code: 'TC', name: 'Thông cáo', abbr: 'TC' },
  { code: 'TB', name: 'Thông báo', abbr: 'TB' },
  { code: 'HD', name: 'Hướng dẫn', abbr: 'HD' },
  { code: 'CTR', name: 'Chương trình', abbr: 'CTr' },
  { code: 'KH', name: 'Kế hoạch', abbr: 'KH' },
  { code: 'PA', name: 'Phương án', abbr: 'PA' },
  { code: 'DEA', name: 'Đề án', abbr: 'ĐA' },
  { code: 'DA', name: 'Dự án', abbr: 'DA' },
  { code: 'BC', name: 'Báo cáo', abbr: 'BC' },
  { code: 'BB', name: 'Biên bản', abbr: 'BB' },
  { code: 'TTR', name: 'Tờ trình', abbr: 'TTr' },
  { code: 'HDG', name: 'Hợp đồng', abbr: 'HĐ' },
  { code: 'CV', name: 'Công văn', abbr: null },
  { code: 'CD', name: 'Công điện', abbr: 'CĐ' },
  { code: 'BGN', name: 'Bản ghi nhớ', abbr: 'BGN', legacyAbbr: ['GN'] },
  { code: 'BTT', name: 'Bản thỏa thuận', abbr: 'BTT', legacyAbbr: ['TTh'] },
  { code: 'GUQ', name: 'Giấy ủy quyền', abbr: 'GUQ', legacyAbbr: ['UQ'] },
  { code: 'GM', name: 'Giấy mời', abbr: 'GM' },
  { code: 'GGT', name: 'Giấy giới thiệu', abbr: 'GGT' },
  { code: 'GNP', name: 'Giấy nghỉ phép', abbr: 'GNP', legacyAbbr: ['NP'] },
  { code: 'PG', name: 'Phiếu gửi', abbr: 'PG' },
  { code: 'PC', name: 'Phiếu chuyển', abbr: 'PC' },
  { code: 'PB', name: 'Phiếu báo', abbr: 'PB' },
  { code: 'THC', name: 'Thư công', abbr: null },
  { code: 'SY', name: 'Bản sao y', abbr: 'SY', isCopy: true },
  { code: 'TRS', name: 'Bản trích sao', abbr: 'TrS', isCopy: true },
  { code: 'SL', name: 'Bản sao lục', abbr: 'SL', isCopy: true },
] as const;

export const DOC_TYPE_CODES = DOC_TYPES.map((t) => t.code) as [DocTypeCode, ...DocTypeCode[]];

const byCode = new Map<string, DocType>(DOC_TYPES.map((t) => [t.code, t]));

export function docTypeByCode(code: string): DocType | undefined {
  return byCode.get(code);
}

/** Finds the type whose current or legacy abbreviation matches (case-sensitive, as ND30 writes them). */
export function docTypeByAbbr(abbr: string): DocType | undefined {
  const a = abbr.normalize('NFC');
  return DOC_TYPES.find((t) => t.abbr === a || (t.legacyAbbr ?? []).includes(a));
}
