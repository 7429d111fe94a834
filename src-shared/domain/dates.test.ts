import { describe, expect, it } from 'vitest';
import { formatDateVi, formatPlaceDate, registerYearOf, todayInVietnam } from './dates';
import { foldVietnamese } from './text-fold';

describe('dates', () => {
  it('writes the place-and-date line as Decree 30 requires', () => {
    expect(formatPlaceDate('Hà Nội', '2020-01-05')).toBe('Hà Nội, ngày 05 tháng 01 năm 2020');
    expect(formatPlaceDate('Hà Nội', '2020-02-15')).toBe('Hà Nội, ngày 15 tháng 02 năm 2020');
    expect(formatPlaceDate('Hà Nội', '2020-11-20')).toBe('Hà Nội, ngày 20 tháng 11 năm 2020');
    expect(formatPlaceDate('Hà Nội', '2020-03-09')).toBe('Hà Nội, ngày 09 tháng 3 năm 2020');
  });

  it('uses Vietnam time for the register year (numbers restart on 1 January local time)', () => {
    // 31 Dec 2025 18:00 UTC is already 1 Jan 2026 01:00 in Vietnam.
    expect(registerYearOf(new Date('2025-12-31T18:00:00Z'))).toBe(2026);
    expect(todayInVietnam(new Date('2025-12-31T16:59:00Z'))).toBe('2025-12-31');
    expect(formatDateVi('2026-01-05')).toBe('05/01/2026');
  });
});

describe('foldVietnamese', () => {
  it('folds accents and đ so that "dang ky" finds "Đăng ký"', () => {
    expect(foldVietnamese('Đăng ký văn bản ĐẾN')).toBe('dang ky van ban den');
    expect(foldVietnamese('Sở Xây dựng'.normalize('NFD'))).toBe('so xay dung');
  });
});
