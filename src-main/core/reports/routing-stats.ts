/**
 * Handling figures for leaders, computed from plain rows so they can be tested without a database: on-time and
 * overdue rates per unit and per person for a period, and the share of staff who used the system each working day.
 *
 * Rules (written down because a leader will ask):
 * - Only the primary handler's assignment counts (xử lý chính owns the result; coordinators and informed do not).
 * - An item belongs to the period when its deadline falls in it. Items without a deadline are counted as "không hạn"
 *   and stay out of the rates.
 * - Due items = done on time + done late + open past the deadline. On-time rate = on time / due; overdue rate =
 *   (done late + open past deadline) / due. Items still open before their deadline are "đang trong hạn" and excluded.
 * - A person's items count for the person and for the person's unit; an item assigned to a unit counts for the unit.
 */

export type HandlingItem = {
  kind: 'document' | 'task';
  /** Assigned person, or null when the assignment went to a unit. */
  userId: string | null;
  /** The assignee unit, or the person's unit. */
  unitId: string | null;
  /** Hạn xử lý, YYYY-MM-DD. */
  deadline: string | null;
  /** Date the handler marked it done, YYYY-MM-DD, or null while open. */
  doneOn: string | null;
};

export type HandlingCounts = {
  total: number;
  onTime: number;
  late: number;
  /** Still open after the deadline (as of `today`). */
  overdueOpen: number;
  /** Still open, deadline not passed. */
  inTime: number;
  noDeadline: number;
  /** Percentages 0–100 over due items, null when nothing was due. */
  onTimeRate: number | null;
  overdueRate: number | null;
};

export type HandlingStatsRow = HandlingCounts & { key: string; name: string };

export type UsageDay = { day: string; activeUsers: number; staffTotal: number; rate: number };

const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

export function countItems(items: readonly HandlingItem[], today: string): HandlingCounts {
  const c = { total: items.length, onTime: 0, late: 0, overdueOpen: 0, inTime: 0, noDeadline: 0 };
  for (const it of items) {
    if (!it.deadline) c.noDeadline++;
    else if (it.doneOn && it.doneOn <= it.deadline) c.onTime++;
    else if (it.doneOn) c.late++;
    else if (it.deadline < today) c.overdueOpen++;
    else c.inTime++;
  }
  const due = c.onTime + c.late + c.overdueOpen;
  return { ...c, onTimeRate: rate(c.onTime, due), overdueRate: rate(c.late + c.overdueOpen, due) };
}

/** Items whose deadline is in [from, to], plus those without a deadline that were finished in it. */
export function itemsInPeriod(items: readonly HandlingItem[], from: string, to: string): HandlingItem[] {
  return items.filter((it) =>
    it.deadline ? it.deadline >= from && it.deadline <= to : it.doneOn !== null && it.doneOn >= from && it.doneOn <= to,
  );
}

function groupRows(
  items: readonly HandlingItem[],
  keyOf: (it: HandlingItem) => string | null,
  nameOf: (key: string) => string,
  today: string,
): HandlingStatsRow[] {
  const groups = new Map<string, HandlingItem[]>();
  for (const it of items) {
    const key = keyOf(it);
    if (key === null) continue;
    const list = groups.get(key) ?? [];
    list.push(it);
    groups.set(key, list);
  }
  return [...groups.entries()]
    .map(([key, list]) => ({ key, name: nameOf(key), ...countItems(list, today) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

export function statsByUnit(items: readonly HandlingItem[], unitName: (id: string) => string, today: string): HandlingStatsRow[] {
  return groupRows(items, (it) => it.unitId, unitName, today);
}

export function statsByPerson(items: readonly HandlingItem[], userName: (id: string) => string, today: string): HandlingStatsRow[] {
  return groupRows(items, (it) => it.userId, userName, today);
}

/** Every day from..to (inclusive) for which `isWorkingDay` holds, as YYYY-MM-DD. */
export function daysBetween(from: string, to: string, isWorkingDay: (day: string) => boolean): string[] {
  const out: string[] = [];
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  // A year of days at most: the UI limits periods, this guards the loop.
  for (let i = 0; d <= end && i < 400; i++) {
    const iso = d.toISOString().slice(0, 10);
    if (isWorkingDay(iso)) out.push(iso);
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/** Share of staff (the given user ids) who used the system on each working day of the period. */
export function dailyUsage(
  activity: readonly { userId: string; day: string }[],
  staffIds: readonly string[],
  days: readonly string[],
): UsageDay[] {
  const staff = new Set(staffIds);
  const byDay = new Map<string, Set<string>>();
  for (const a of activity) {
    if (!staff.has(a.userId)) continue;
    const set = byDay.get(a.day) ?? new Set<string>();
    set.add(a.userId);
    byDay.set(a.day, set);
  }
  return days.map((day) => {
    const activeUsers = byDay.get(day)?.size ?? 0;
    return { day, activeUsers, staffTotal: staff.size, rate: rate(activeUsers, staff.size) ?? 0 };
  });
}
