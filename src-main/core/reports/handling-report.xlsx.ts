/**
 * The leaders' handling report in Excel: one sheet per view (units, people, daily usage) with the counts as numbers
 * (so a leader can sort and sum) and data bars on the rates in place of a chart.
 */
import type ExcelJS from 'exceljs';
import { formatDateVi } from '../../../src-shared/domain/dates';
import { STATS_COLUMNS, USAGE_COLUMNS, type HandlingReport } from './handling-report.pdf';
import type { RegisterHeader } from './report.pdf';
import { addTableSheet, createWorkbook, workbookBytes } from './report.xlsx';
import type { HandlingStatsRow } from './routing-stats';

const STATS_WIDTHS = [34, 10, 10, 12, 12, 12, 10, 12, 12];

/** Rates as fractions with a percent format: Excel shows "87,5%" in a Vietnamese locale and can compute with them. */
const frac = (v: number | null) => (v === null ? '' : v / 100);

function statsRow(r: HandlingStatsRow): (string | number)[] {
  return [r.name, r.total, r.onTime, r.late, r.overdueOpen, r.inTime, r.noDeadline, frac(r.onTimeRate), frac(r.overdueRate)];
}

function percentColumns(ws: ExcelJS.Worksheet, cols: { col: string; color: string }[], firstRow: number, count: number) {
  if (count === 0) return;
  for (const { col, color } of cols) {
    ws.getColumn(col).numFmt = '0.0%';
    ws.addConditionalFormatting({
      ref: `${col}${firstRow}:${col}${firstRow + count - 1}`,
      rules: [{ type: 'dataBar', priority: 1, minLength: 0, maxLength: 100, gradient: false, border: false, color: { argb: color }, cfvo: [{ type: 'num', value: 0 }, { type: 'num', value: 1 }] } as ExcelJS.DataBarRuleType],
    });
  }
}

export async function renderHandlingReportXlsx(report: HandlingReport, header: RegisterHeader): Promise<Uint8Array> {
  const wb = createWorkbook(header);
  const rates = [
    { col: 'H', color: 'FF63BE7B' },
    { col: 'I', color: 'FFF8696B' },
  ];
  const units = addTableSheet(wb, header, { name: 'Theo đơn vị', columns: ['Đơn vị', ...STATS_COLUMNS.slice(1)], widths: STATS_WIDTHS }, report.byUnit.map(statsRow));
  percentColumns(units, rates, 5, report.byUnit.length);
  const people = addTableSheet(wb, header, { name: 'Theo cá nhân', columns: ['Cán bộ', ...STATS_COLUMNS.slice(1)], widths: STATS_WIDTHS }, report.byPerson.map(statsRow));
  percentColumns(people, rates, 5, report.byPerson.length);
  const usage = addTableSheet(
    wb,
    header,
    { name: 'Sử dụng hệ thống', columns: USAGE_COLUMNS, widths: [14, 16, 16, 16], landscape: false },
    report.usage.map((u) => [formatDateVi(u.day), u.activeUsers, u.staffTotal, u.rate / 100]),
  );
  percentColumns(usage, [{ col: 'D', color: 'FF5B8FD1' }], 5, report.usage.length);
  return workbookBytes(wb);
}
