import { describe, expect, it } from 'vitest';
import { addCalendarDays, builtInHolidays, computeDeadline, createWorkingCalendar } from './working-days';

describe('working-day deadlines with Vietnamese public holidays', () => {
  const cal = createWorkingCalendar();

  it('skips weekends', () => {
    // Friday 2026-03-06 + 1 working day = Monday 2026-03-09.
    expect(cal.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(cal.workingDaysBetween('2026-03-06', '2026-03-13')).toBe(5);
    expect(cal.isWorkingDay('2026-03-07')).toBe(false);
  });

  it('knows the Tết days off of 2025–2028 from the explicit table', () => {
    expect(cal.holidayName('2026-02-16')).toBe('Tết Nguyên đán');
    expect(cal.holidayName('2026-02-20')).toBe('Tết Nguyên đán');
    expect(cal.isWorkingDay('2026-02-23')).toBe(true);
    // 10 working days from Friday 13 Feb 2026 jump over the whole Tết week.
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    for (const year of [2025, 2026, 2027, 2028]) {
      expect(builtInHolidays(year).filter((h) => h.name === 'Tết Nguyên đán')).toHaveLength(5);
      expect(builtInHolidays(year).some((h) => /Giỗ Tổ Hùng Vương/.test(h.name))).toBe(true);
    }
  });

  it('gives a compensating day off when a solar holiday falls on a weekend', () => {
    // 2/9/2028 is a Saturday: the next working day (Monday 4/9) is off.
    expect(cal.holidayName('2028-09-04')).toBe('Nghỉ bù Quốc khánh');
    // 30/4 and 1/5 2027 are Friday and Saturday: Monday 3/5 is off.
    expect(cal.isWorkingDay('2027-05-03')).toBe(false);
    expect(cal.isWorkingDay('2026-04-30')).toBe(false);
    expect(cal.isWorkingDay('2026-01-01')).toBe(false);
  });

  it('lets the admin add days off, mark weekend working days and cancel a built-in day', () => {
    const custom = createWorkingCalendar([
      { date: '2026-03-10', name: 'Nghỉ theo quyết định của UBND tỉnh', kind: 'holiday', active: true },
      { date: '2026-03-14', name: 'Làm bù', kind: 'workday', active: true },
      { date: '2026-09-01', name: 'Đi làm', kind: 'workday', active: true },
      { date: '2026-03-11', name: 'Đã bỏ', kind: 'holiday', active: false },
    ]);
    expect(custom.isWorkingDay('2026-03-10')).toBe(false);
    expect(custom.isWorkingDay('2026-03-14')).toBe(true);
    expect(custom.isWorkingDay('2026-09-01')).toBe(true);
    expect(custom.isWorkingDay('2026-03-11')).toBe(true);
    expect(custom.holidaysOf(2026).find((h) => h.date === '2026-03-10')?.source).toBe('configured');
  });

  it('computes deadlines in calendar or working days; a calendar deadline on a day off moves to the next working day', () => {
    expect(computeDeadline(cal, '2026-03-02', 10, 'working')).toBe('2026-03-16');
    expect(computeDeadline(cal, '2026-03-02', 5, 'calendar')).toBe('2026-03-09'); // Saturday 7 → Monday 9
    expect(computeDeadline(cal, '2026-03-02', 4, 'calendar')).toBe('2026-03-06');
    expect(addCalendarDays('2028-02-28', 2)).toBe('2028-03-01');
  });
});
