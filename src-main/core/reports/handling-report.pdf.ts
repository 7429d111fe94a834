/**
 * Báo cáo tình hình xử lý (for leaders): on-time and overdue rates per unit and per person with bar charts, and the
 * share of staff who used the system each working day. Charts first, the exact figures in tables after them.
 */
import { formatDateVi } from '../../../src-shared/domain/dates';
import { createReportPdf, formatPercent, type RegisterHeader, type TableSpec } from './report.pdf';
import type { HandlingStatsRow, UsageDay } from './routing-stats';

export type HandlingReport = { byUnit: HandlingStatsRow[]; byPerson: HandlingStatsRow[]; usage: UsageDay[] };

export const HANDLING_REPORT_TITLE = 'Báo cáo tình hình xử lý văn bản, nhiệm vụ';

export const STATS_COLUMNS = [
  'Tên', 'Tổng số', 'Đúng hạn', 'Trễ hạn (đã xong)', 'Quá hạn chưa xong', 'Đang trong hạn', 'Không hạn', 'Tỷ lệ đúng hạn', 'Tỷ lệ quá hạn',
] as const;
export const USAGE_COLUMNS = ['Ngày', 'Số người dùng', 'Tổng số cán bộ', 'Tỷ lệ sử dụng'] as const;

const pct = (v: number | null) => (v === null ? '—' : formatPercent(v));

export function statsCells(r: HandlingStatsRow): string[] {
  return [r.name, String(r.total), String(r.onTime), String(r.late), String(r.overdueOpen), String(r.inTime), String(r.noDeadline), pct(r.onTimeRate), pct(r.overdueRate)];
}

export function usageCells(u: UsageDay): string[] {
  return [formatDateVi(u.day), String(u.activeUsers), String(u.staffTotal), formatPercent(u.rate)];
}

const statsTable = (first: string, empty: string): TableSpec => ({
  columns: [first, ...STATS_COLUMNS.slice(1)],
  widths: [170, 50, 50, 60, 60, 60, 50, 60, 60],
  alignRight: [1, 2, 3, 4, 5, 6, 7, 8],
  emptyText: empty,
});

export async function renderHandlingReportPdf(report: HandlingReport, header: RegisterHeader, resourcesDir: string): Promise<Uint8Array> {
  const pdf = await createReportPdf(header, resourcesDir);
  const rated = (rows: HandlingStatsRow[]) =>
    rows.filter((r) => r.onTimeRate !== null).map((r) => ({ label: r.name, values: [r.onTimeRate ?? 0, r.overdueRate ?? 0] }));
  const series = [
    { name: 'Đúng hạn', color: 'green' as const },
    { name: 'Quá hạn', color: 'red' as const },
  ];
  pdf.paragraph(
    'Tính theo văn bản và nhiệm vụ có hạn xử lý trong kỳ, chỉ tính người (đơn vị) xử lý chính. Tỷ lệ tính trên số việc đã đến hạn: đúng hạn, trễ hạn và quá hạn chưa xong.',
  );
  pdf.heading('1. Theo đơn vị', 140);
  pdf.barChart({ title: 'Tỷ lệ đúng hạn và quá hạn theo đơn vị', items: rated(report.byUnit), series, percent: true });
  pdf.table(statsTable('Đơn vị', 'Không có văn bản, nhiệm vụ nào có hạn trong kỳ.'), report.byUnit.map(statsCells));
  pdf.heading('2. Theo cá nhân', 140);
  pdf.barChart({ title: 'Tỷ lệ đúng hạn và quá hạn theo cá nhân', items: rated(report.byPerson), series, percent: true });
  pdf.table(statsTable('Cán bộ', 'Không có văn bản, nhiệm vụ nào giao cho cá nhân có hạn trong kỳ.'), report.byPerson.map(statsCells));
  pdf.heading('3. Tỷ lệ cán bộ sử dụng hệ thống theo ngày làm việc', 140);
  pdf.barChart({
    title: 'Tỷ lệ sử dụng',
    items: report.usage.map((u) => ({ label: formatDateVi(u.day), values: [u.rate] })),
    series: [{ name: 'Cán bộ có sử dụng', color: 'blue' }],
    percent: true,
  });
  pdf.table(
    { columns: USAGE_COLUMNS, widths: [80, 80, 80, 80], alignRight: [1, 2, 3], emptyText: 'Không có ngày làm việc nào trong kỳ.' },
    report.usage.map(usageCells),
  );
  return pdf.save();
}
