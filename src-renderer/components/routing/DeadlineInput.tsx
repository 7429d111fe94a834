/**
 * Hạn xử lý as a clerk or leader thinks of it: "10 ngày làm việc", "15 ngày" (calendar) or a date. The resulting date
 * is computed live with the agency's holiday list (weekends, public holidays, the admin's extra days) and shown beside
 * the input, so the leader sees the real deadline before sending.
 */
import { DatePicker, InputNumber, Segmented, Space, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import type { DueInput } from '../../../src-shared/contract';
import { computeDeadline, createWorkingCalendar, todayInVietnam, type WorkingCalendar } from '../../../src-shared/domain';
import { dateVi } from '../../lib/format';
import { useHolidays } from '../../lib/routing-queries';

export type DueValue =
  | { mode: 'none' }
  | { mode: 'working' | 'calendar'; amount: number }
  | { mode: 'date'; date: string };

export const DEFAULT_DUE: DueValue = { mode: 'working', amount: 10 };

/** The agency's working calendar for this year and next (a deadline late in the year runs into January). */
export function useWorkingCalendar(): WorkingCalendar {
  const year = Number(todayInVietnam().slice(0, 4));
  const thisYear = useHolidays(year);
  const nextYear = useHolidays(year + 1);
  return useMemo(
    () => createWorkingCalendar([...(thisYear.data?.configured ?? []), ...(nextYear.data?.configured ?? [])]),
    [thisYear.data, nextYear.data],
  );
}

export function dueDateOf(value: DueValue, cal: WorkingCalendar, from = todayInVietnam()): string | null {
  if (value.mode === 'none') return null;
  if (value.mode === 'date') return value.date;
  return computeDeadline(cal, from, value.amount, value.mode);
}

/** What the contract takes: the amount and unit (the core computes with the same calendar) or the date. */
export function toDueInput(value: DueValue): DueInput | null {
  if (value.mode === 'none') return null;
  if (value.mode === 'date') return { date: value.date };
  return { amount: value.amount, unit: value.mode };
}

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
export function weekdayDateVi(iso: string): string {
  return `${WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()]}, ${dateVi(iso)}`;
}

export function DeadlineInput({
  value,
  onChange,
  allowNone = false,
  label,
}: {
  value: DueValue;
  onChange: (v: DueValue) => void;
  allowNone?: boolean;
  /** Accessible name, e.g. "Hạn xử lý của Phòng Tổ chức cán bộ". */
  label: string;
}) {
  const cal = useWorkingCalendar();
  const due = dueDateOf(value, cal);
  const modes = [
    { value: 'working', label: 'Ngày làm việc' },
    { value: 'calendar', label: 'Ngày lịch' },
    { value: 'date', label: 'Chọn ngày' },
    ...(allowNone ? [{ value: 'none', label: 'Không hạn' }] : []),
  ];
  return (
    <Space size={6} wrap className="deadline-input" data-testid="deadline-input">
      <Segmented
        size="small"
        aria-label={`${label}: cách tính`}
        value={value.mode}
        options={modes}
        onChange={(m) => {
          const mode = m as DueValue['mode'];
          if (mode === 'none') onChange({ mode });
          else if (mode === 'date') onChange({ mode, date: due ?? dueDateOf(DEFAULT_DUE, cal)! });
          else onChange({ mode, amount: value.mode === 'working' || value.mode === 'calendar' ? value.amount : 10 });
        }}
      />
      {(value.mode === 'working' || value.mode === 'calendar') && (
        <InputNumber
          size="small"
          aria-label={`${label}: số ngày`}
          min={0}
          max={3650}
          value={value.amount}
          style={{ width: 72 }}
          onChange={(n) => onChange({ mode: value.mode, amount: typeof n === 'number' ? n : 0 } as DueValue)}
          suffix="ngày"
        />
      )}
      {value.mode === 'date' && (
        <DatePicker
          size="small"
          aria-label={`${label}: ngày`}
          format={['DD/MM/YYYY', 'D/M/YYYY', 'DDMMYYYY']}
          allowClear={false}
          value={dayjs(value.date)}
          disabledDate={(d) => d.format('YYYY-MM-DD') < todayInVietnam()}
          onChange={(d) => d && onChange({ mode: 'date', date: d.format('YYYY-MM-DD') })}
        />
      )}
      {due && (
        <Tooltip title={cal.isWorkingDay(due) ? 'Hạn xử lý tính theo lịch làm việc của cơ quan' : `${cal.holidayName(due) ?? 'Ngày nghỉ'}: hạn rơi vào ngày nghỉ`}>
          <span className="deadline-result" data-testid="deadline-result">
            → {weekdayDateVi(due)}
          </span>
        </Tooltip>
      )}
    </Space>
  );
}
