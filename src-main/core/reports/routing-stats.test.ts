import { describe, expect, it } from 'vitest';
import { countItems, dailyUsage, daysBetween, itemsInPeriod, statsByPerson, statsByUnit, type HandlingItem } from './routing-stats';

const item = (over: Partial<HandlingItem>): HandlingItem => ({ kind: 'document', userId: 'an', unitId: 'vp', deadline: '2026-11-10', doneOn: null, ...over });

describe('handling rates', () => {
  const today = '2026-11-20';
  const items: HandlingItem[] = [
    item({ doneOn: '2026-11-09' }), // on time
    item({ doneOn: '2026-11-10' }), // on the deadline day: on time
    item({ doneOn: '2026-11-12' }), // late
    item({}), // open, past the deadline
    item({ deadline: '2026-11-25' }), // open, in time
    item({ deadline: null, doneOn: '2026-11-05' }), // no deadline
    item({ userId: 'binh', unitId: 'kh', doneOn: '2026-11-01', kind: 'task' }),
    item({ userId: null, unitId: 'kh' }), // assigned to the unit itself, overdue
  ];

  it('counts on time, late, overdue and in-time items and rates them over the due ones', () => {
    const c = countItems(items.slice(0, 6), today);
    expect(c).toMatchObject({ total: 6, onTime: 2, late: 1, overdueOpen: 1, inTime: 1, noDeadline: 1, onTimeRate: 50, overdueRate: 50 });
    expect(countItems([item({ deadline: '2026-12-01' })], today)).toMatchObject({ onTimeRate: null, overdueRate: null });
  });

  it('groups by unit (a person counts for their unit) and by person, names sorted in Vietnamese order', () => {
    const units = statsByUnit(items, (id) => ({ vp: 'Văn phòng', kh: 'Phòng Kế hoạch' })[id] ?? id, today);
    expect(units.map((u) => [u.name, u.total, u.onTimeRate, u.overdueRate])).toEqual([
      ['Phòng Kế hoạch', 2, 50, 50],
      ['Văn phòng', 6, 50, 50],
    ]);
    const people = statsByPerson(items, (id) => ({ an: 'Nguyễn Văn An', binh: 'Trần Thị Bình' })[id] ?? id, today);
    expect(people.map((p) => [p.name, p.total, p.onTime])).toEqual([
      ['Nguyễn Văn An', 6, 2],
      ['Trần Thị Bình', 1, 1],
    ]);
  });

  it('keeps items due in the period, and undated ones finished in it', () => {
    const inNov = itemsInPeriod(
      [item({ deadline: '2026-10-31' }), item({ deadline: '2026-11-01' }), item({ deadline: null, doneOn: '2026-11-30' }), item({ deadline: null })],
      '2026-11-01',
      '2026-11-30',
    );
    expect(inNov.map((i) => i.deadline ?? `done ${i.doneOn}`)).toEqual(['2026-11-01', 'done 2026-11-30']);
  });
});

describe('daily usage', () => {
  it('is the share of staff active on each working day; other users and duplicates do not count', () => {
    const weekdays = daysBetween('2026-11-20', '2026-11-24', (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
    expect(weekdays).toEqual(['2026-11-20', '2026-11-23', '2026-11-24']);
    const usage = dailyUsage(
      [
        { userId: 'a', day: '2026-11-20' },
        { userId: 'a', day: '2026-11-20' },
        { userId: 'b', day: '2026-11-20' },
        { userId: 'admin', day: '2026-11-20' },
        { userId: 'c', day: '2026-11-23' },
      ],
      ['a', 'b', 'c', 'd'],
      weekdays,
    );
    expect(usage).toEqual([
      { day: '2026-11-20', activeUsers: 2, staffTotal: 4, rate: 50 },
      { day: '2026-11-23', activeUsers: 1, staffTotal: 4, rate: 25 },
      { day: '2026-11-24', activeUsers: 0, staffTotal: 4, rate: 0 },
    ]);
  });
});
