/**
 * Working-day deadlines (issue 6): weekends and Vietnamese public holidays (Labour Code 2019 art. 112), plus the
 * days an admin configures (extra days off, weekend days worked to compensate).
 *
 * Lunar-dated holidays (Tết Nguyên đán, Giỗ Tổ Hùng Vương) cannot be computed cheaply and exactly, and the
 * Government fixes the Tết days of civil servants every year, so they are an explicit per-year table. Years outside
 * the table get only the solar holidays: an admin adds the rest with `holiday.set`, which also corrects this table
 * (a `workday` entry cancels a built-in day off; an inactive entry is ignored).
 */
import { splitIsoDate } from './dates';
import type { Holiday } from './routing';

export type DayOff = { date: string; name: string };

/** Working days (Mon–Fri) off for Tết per the Prime Minister's yearly notice; 2027–2028 follow the usual pattern. */
const LUNAR_HOLIDAYS: Record<number, DayOff[]> = {
  2025: [
    ...range('2025-01-27', 5).map((date) => ({ date, name: 'Tết Nguyên đán' })),
    { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương' },
  ],
  2026: [
    ...range('2026-02-16', 5).map((date) => ({ date, name: 'Tết Nguyên đán' })),
    // 10/3 âm lịch falls on Sunday 26/4: the day off moves to Monday.
    { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
  ],
  2027: [
    { date: '2027-02-04', name: 'Tết Nguyên đán' },
    { date: '2027-02-05', name: 'Tết Nguyên đán' },
    ...range('2027-02-08', 3).map((date) => ({ date, name: 'Tết Nguyên đán' })),
    { date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương' },
  ],
  2028: [
    ...range('2028-01-24', 5).map((date) => ({ date, name: 'Tết Nguyên đán' })),
    { date: '2028-04-04', name: 'Giỗ Tổ Hùng Vương' },
  ],
};

/** The day next to Quốc khánh (1/9 or 3/9), chosen each year. */
const NATIONAL_DAY_EXTRA: Record<number, string> = { 2025: '2025-09-01', 2026: '2026-09-01', 2027: '2027-09-03', 2028: '2028-09-01' };

export const BUILT_IN_HOLIDAY_YEARS = Object.keys(LUNAR_HOLIDAYS).map(Number);

function toDate(iso: string): Date {
  const { y, m, d } = splitIsoDate(iso);
  return new Date(Date.UTC(y, m - 1, d));
}
function toIso(d: Date): string {
  return d.toISOString().slice(0, 10);
}
export function addCalendarDays(iso: string, days: number): string {
  const d = toDate(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return toIso(d);
}
function range(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addCalendarDays(from, i));
}
export function isWeekend(iso: string): boolean {
  const day = toDate(iso).getUTCDay();
  return day === 0 || day === 6;
}

/** Built-in public holidays of a year (days off only; weekends are separate). */
export function builtInHolidays(year: number): DayOff[] {
  const solar: DayOff[] = [
    { date: `${year}-01-01`, name: 'Tết Dương lịch' },
    { date: `${year}-04-30`, name: 'Ngày Chiến thắng' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động' },
    { date: `${year}-09-02`, name: 'Quốc khánh' },
  ];
  const extra = NATIONAL_DAY_EXTRA[year];
  if (extra) solar.push({ date: extra, name: 'Quốc khánh' });
  const out: DayOff[] = [...(LUNAR_HOLIDAYS[year] ?? [])];
  const taken = new Set<string>([...out, ...solar].map((h) => h.date));
  for (const h of solar) {
    out.push(h);
    // A holiday on a weekend gives a compensating day off on the next working day (nghỉ bù).
    if (isWeekend(h.date)) {
      let d = addCalendarDays(h.date, 1);
      while (isWeekend(d) || taken.has(d)) d = addCalendarDays(d, 1);
      taken.add(d);
      out.push({ date: d, name: `Nghỉ bù ${h.name}` });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

export type WorkingCalendar = {
  isWorkingDay(iso: string): boolean;
  /** Name of the holiday on that date, or null (weekends have none). */
  holidayName(iso: string): string | null;
  /** The n-th working day after `from` (from itself not counted); n = 0 gives `from` moved to a working day. */
  addWorkingDays(from: string, n: number): string;
  /** Working days after `from` up to and including `to` (negative when `to` is earlier). */
  workingDaysBetween(from: string, to: string): number;
  /** Every day off of a year (built-in + configured), sorted. */
  holidaysOf(year: number): (DayOff & { source: 'builtIn' | 'configured' })[];
};

/** `configured` is the admin's list (holiday.set); it wins over the built-in table on the same date. */
export function createWorkingCalendar(configured: readonly Holiday[] = []): WorkingCalendar {
  const overrides = new Map(configured.filter((h) => h.active).map((h) => [h.date, h]));
  const cache = new Map<number, Map<string, DayOff & { source: 'builtIn' | 'configured' }>>();
  function yearMap(year: number) {
    let m = cache.get(year);
    if (!m) {
      m = new Map();
      for (const h of builtInHolidays(year)) m.set(h.date, { ...h, source: 'builtIn' });
      for (const [date, h] of overrides) {
        if (!date.startsWith(`${year}-`)) continue;
        if (h.kind === 'workday') m.delete(date);
        else m.set(date, { date, name: h.name, source: 'configured' });
      }
      cache.set(year, m);
    }
    return m;
  }
  const holidayName = (iso: string) => yearMap(splitIsoDate(iso).y).get(iso)?.name ?? null;
  const isWorkingDay = (iso: string) => {
    if (holidayName(iso) !== null) return false;
    if (overrides.get(iso)?.kind === 'workday') return true;
    return !isWeekend(iso);
  };
  return {
    isWorkingDay,
    holidayName,
    addWorkingDays(from, n) {
      let d = from;
      if (n <= 0) {
        while (!isWorkingDay(d)) d = addCalendarDays(d, 1);
        return d;
      }
      let left = n;
      while (left > 0) {
        d = addCalendarDays(d, 1);
        if (isWorkingDay(d)) left--;
      }
      return d;
    },
    workingDaysBetween(from, to) {
      if (to < from) return -this.workingDaysBetween(to, from);
      let count = 0;
      for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (isWorkingDay(d)) count++;
      return count;
    },
    holidaysOf(year) {
      return [...yearMap(year).values()].sort((a, b) => a.date.localeCompare(b.date));
    },
  };
}

export const DEADLINE_UNITS = ['calendar', 'working'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

/**
 * Hạn xử lý `amount` days after `from`. Calendar days whose last day is a day off end on the next working day
 * (Civil Code 2015 art. 148); working days skip weekends and holidays.
 */
export function computeDeadline(cal: WorkingCalendar, from: string, amount: number, unit: DeadlineUnit): string {
  if (unit === 'working') return cal.addWorkingDays(from, amount);
  return cal.addWorkingDays(addCalendarDays(from, amount), 0);
}
