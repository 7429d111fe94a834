/**
 * Số, ký hiệu (number and symbol) rules of Decree 30: `NUMBER/SYMBOL`, e.g. `15/QĐ-BNV`, `1866/SXD-VP`.
 * Pure functions; the registration form and the server both use them.
 */
import { docTypeByAbbr, docTypeByCode, type DocType } from './doc-types';

/** Numbers below 10 carry a leading zero (`05`). */
export function formatDocNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`document number must be a positive integer: ${n}`);
  return n < 10 ? `0${n}` : String(n);
}

export type ParsedNotation = {
  /** The number as written ("05", "1866"); null for documents without a number. */
  number: string | null;
  /** The symbol after the slash ("QĐ-BNV", "SXD-VP"). */
  notation: string;
  /** The document type recognised from the symbol's first part, when it names one. */
  docType: DocType | null;
  /** Issuing body's abbreviation (and drafting unit) as written in the symbol. */
  issuerAbbr: string;
};

export type NotationProblem = { ok: false; message: string };

const SYMBOL_PART = /^[\p{Lu}\p{Ll}\d.&]+$/u;

/**
 * Parses `NUMBER/SYMBOL`. Accepts the legacy abbreviations of Circular 01/2011 (GN, TTh, UQ, NP).
 * Returns a Vietnamese message when the text is not a valid number and symbol.
 */
export function parseNumberNotation(input: string): ({ ok: true } & ParsedNotation) | NotationProblem {
  const text = input.normalize('NFC').trim();
  if (!text) return { ok: false, message: 'Chưa nhập số, ký hiệu.' };
  if (/\s/.test(text)) return { ok: false, message: 'Số, ký hiệu không được chứa khoảng trắng (ví dụ: 15/QĐ-BNV).' };
  const slash = text.indexOf('/');
  if (slash < 0) return { ok: false, message: 'Số, ký hiệu phải có dạng SỐ/KÝ HIỆU, ví dụ 1866/SXD-VP.' };
  const numberPart = text.slice(0, slash);
  const notation = text.slice(slash + 1);
  if (!/^\d{1,11}$/.test(numberPart)) return { ok: false, message: 'Số văn bản phải là chữ số Ả Rập (ví dụ: 05, 1866).' };
  if (!notation) return { ok: false, message: 'Thiếu ký hiệu sau dấu "/".' };
  if (notation.length > 30) return { ok: false, message: 'Ký hiệu dài quá 30 ký tự.' };
  const parts = notation.split('-');
  if (parts.some((p) => !p || !SYMBOL_PART.test(p.replace(/\//g, '')))) {
    return { ok: false, message: 'Ký hiệu chỉ gồm chữ, số và dấu "-" giữa các phần (ví dụ: QĐ-UBND).' };
  }
  const first = parts[0] ?? '';
  const docType = parts.length > 1 ? docTypeByAbbr(first) ?? null : null;
  const issuerAbbr = docType ? parts.slice(1).join('-') : notation;
  return { ok: true, number: numberPart, notation, docType, issuerAbbr };
}

/** Builds the symbol of a new document: typed `QĐ-BNV`, công văn `SXD-VP`. */
export function buildNotation(docTypeCode: string, issuerAbbr: string, unitAbbr?: string): string {
  const t = docTypeByCode(docTypeCode);
  if (!t) throw new RangeError(`unknown document type ${docTypeCode}`);
  if (t.abbr === null) return unitAbbr ? `${issuerAbbr}-${unitAbbr}` : issuerAbbr;
  return `${t.abbr}-${issuerAbbr}`;
}

export function formatNumberNotation(number: string | null, notation: string): string {
  return number ? `${number}/${notation}` : notation;
}
