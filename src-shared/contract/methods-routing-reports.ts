/**
 * Reports of routing and handling for leaders (issue 6), spread into methods.ts: the incoming-handling tracking
 * register (sổ theo dõi giải quyết văn bản đến, 7 columns) and the handling report (on-time/overdue rates per unit and
 * per person, daily usage), on screen as figures and as PDF/XLSX files built by the core.
 */
import { z } from 'zod';
import { isoDate } from '../domain/entities';

const method = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R) => ({ params, result });

const period = z.object({ from: isoDate, to: isoDate });
const exportedFile = z.object({ fileName: z.string(), mime: z.string(), contentBase64: z.string() });

export const handlingStatsRowSchema = z.object({
  key: z.string(),
  name: z.string(),
  total: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  overdueOpen: z.number().int(),
  inTime: z.number().int(),
  noDeadline: z.number().int(),
  /** Percentages 0–100 over the items already due; null when nothing was due in the period. */
  onTimeRate: z.number().nullable(),
  overdueRate: z.number().nullable(),
});
export type HandlingStatsRowView = z.infer<typeof handlingStatsRowSchema>;

export const handlingStatsSchema = z.object({
  byUnit: z.array(handlingStatsRowSchema),
  byPerson: z.array(handlingStatsRowSchema),
  usage: z.array(z.object({ day: isoDate, activeUsers: z.number().int(), staffTotal: z.number().int(), rate: z.number() })),
  /** Vietnamese: why the daily usage could not be shown (it comes from the server: offline), else null. */
  usageProblem: z.string().nullable(),
});
export type HandlingStats = z.infer<typeof handlingStatsSchema>;

export const ROUTING_REPORT_METHODS = {
  /** Sổ theo dõi giải quyết văn bản đến for an arrival-date range, as PDF or Excel. */
  'reports.handlingRegister': method(period.extend({ format: z.enum(['pdf', 'xlsx']) }), exportedFile),
  /** The handling figures of a period (deadlines in it), for the on-screen charts. Leaders, unit heads and admins. */
  'reports.handlingStats': method(period, handlingStatsSchema),
  /** The same report as a printable PDF (with charts) or an Excel workbook. */
  'reports.exportHandlingStats': method(period.extend({ format: z.enum(['pdf', 'xlsx']) }), exportedFile),
} as const;
