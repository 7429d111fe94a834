import { describe, expect, it } from 'vitest';
import { draftOneItemPerLine } from '../../../tests/helpers/signing-drafts';
import { pdfkitDocument, pdfLibDocument } from '../../../tests/helpers/signing-fixtures';
import { locateFillIn, nd30DateLine } from './fill-in-locator';

describe('number and issue date written in at issuance', () => {
  it('formats the date line as ND30 does (leading zero for days below 10 and for January and February)', () => {
    expect(nd30DateLine('2020-01-05', 'Hà Nội')).toBe('Hà Nội, ngày 05 tháng 01 năm 2020');
    expect(nd30DateLine('2026-02-28', 'Thử Nghiệm')).toBe('Thử Nghiệm, ngày 28 tháng 02 năm 2026');
    expect(nd30DateLine('2026-03-09')).toBe('ngày 09 tháng 3 năm 2026');
    expect(nd30DateLine('2026-11-23')).toBe('ngày 23 tháng 11 năm 2026');
  });

  it('puts the number before the printed symbol and day/month into the blanks of the date line', async () => {
    const texts = await locateFillIn(await draftOneItemPerLine(), { numberAndSymbol: '07/QĐ-UBND', issueDate: '2026-01-05', place: 'Thử Nghiệm' });
    // The symbol and the year are printed already; the place too.
    expect(texts.map((t) => t.text)).toEqual(['07', '05', '01']);
    expect(texts.every((t) => t.pageIndex === 0 && t.y === 750 && t.fontSize === 13)).toBe(true);
    const [number, day, month] = texts as [(typeof texts)[0], (typeof texts)[0], (typeof texts)[0]];
    expect(number.x).toBeGreaterThan(95); // after "Số:" (x 75)
    expect(number.x).toBeLessThan(150);
    expect(day.x).toBeLessThan(month.x);
  });

  it('writes the whole date line beside "Số:" when the draft has none, and refuses a file without "Số:"', async () => {
    const texts = await locateFillIn(await pdfLibDocument(), { numberAndSymbol: '125/QĐ-UBND', issueDate: '2026-11-23', place: 'Hà Nội' });
    expect(texts.map((t) => t.text)).toEqual(['125', 'Hà Nội, ngày 23 tháng 11 năm 2026']);
    await expect(locateFillIn(await pdfkitDocument(), { numberAndSymbol: '1/QĐ', issueDate: '2026-11-23' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
