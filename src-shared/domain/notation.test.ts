import { describe, expect, it } from 'vitest';
import { buildNotation, formatDocNumber, formatNumberNotation, parseNumberNotation } from './notation';

describe('parseNumberNotation', () => {
  it('parses a typed document and recognises its type', () => {
    const r = parseNumberNotation('15/QĐ-BNV');
    expect(r).toMatchObject({ ok: true, number: '15', notation: 'QĐ-BNV', issuerAbbr: 'BNV' });
    expect(r.ok && r.docType?.code).toBe('QD');
  });

  it('parses a công văn, whose symbol starts with the issuer', () => {
    const r = parseNumberNotation('1866/SXD-VP');
    expect(r).toMatchObject({ ok: true, number: '1866', notation: 'SXD-VP', docType: null, issuerAbbr: 'SXD-VP' });
  });

  it('accepts the legacy abbreviations of Circular 01/2011', () => {
    for (const [text, code] of [['12/GN-UBND', 'BGN'], ['3/TTh-SYT', 'BTT'], ['7/UQ-STC', 'GUQ'], ['9/NP-VP', 'GNP']] as const) {
      const r = parseNumberNotation(text);
      expect(r.ok && r.docType?.code, text).toBe(code);
    }
  });

  it('normalises decomposed Vietnamese input to NFC', () => {
    const decomposed = '45/KH-STTTT'.replace('KH', 'KH').normalize('NFD');
    const r = parseNumberNotation('15/Q\u0110-BNV'.normalize('NFD'));
    expect(r.ok && r.notation).toBe('QĐ-BNV');
    expect(parseNumberNotation(decomposed).ok).toBe(true);
  });

  it.each([
    ['', 'Chưa nhập'],
    ['15 /QĐ-BNV', 'khoảng trắng'],
    ['QĐ-BNV', 'SỐ/KÝ HIỆU'],
    ['1a/QĐ-BNV', 'chữ số'],
    ['15/', 'Thiếu ký hiệu'],
    ['15/QĐ--BNV', 'chữ, số'],
  ])('rejects %j with a Vietnamese message', (input, fragment) => {
    const r = parseNumberNotation(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(fragment);
  });
});

describe('numbers and symbols', () => {
  it('pads numbers below 10 with a zero', () => {
    expect(formatDocNumber(5)).toBe('05');
    expect(formatDocNumber(10)).toBe('10');
    expect(() => formatDocNumber(0)).toThrow();
  });

  it('builds symbols for typed documents and công văn', () => {
    expect(buildNotation('QD', 'BNV')).toBe('QĐ-BNV');
    expect(buildNotation('CV', 'SXD', 'VP')).toBe('SXD-VP');
    expect(formatNumberNotation('05', 'BNV-VP')).toBe('05/BNV-VP');
  });
});
