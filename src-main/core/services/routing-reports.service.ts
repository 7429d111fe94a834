/**
 * Reports of routing and handling for leaders, from this desktop's replica (works offline), except the daily usage,
 * which only the server knows (it records who signed in, pushed or pulled each day) and is fetched when online.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/contract/errors';
import type { HandlingStats } from '../../../src-shared/contract/methods-routing-reports';
import { todayInVietnam } from '../../../src-shared/domain/dates';
import type { Organization, User } from '../../../src-shared/domain/entities';
import type { Holiday } from '../../../src-shared/domain/routing';
import { createWorkingCalendar, type WorkingCalendar } from '../../../src-shared/domain/working-days';
import { HANDLING_REGISTER_TITLE, renderHandlingRegisterPdf } from '../reports/handling-register.pdf';
import { directoryNames, handlingRegisterRows } from '../reports/handling-register.rows';
import { renderHandlingRegisterXlsx } from '../reports/handling-register.xlsx';
import { HANDLING_REPORT_TITLE, renderHandlingReportPdf } from '../reports/handling-report.pdf';
import { renderHandlingReportXlsx } from '../reports/handling-report.xlsx';
import { daysBetween, itemsInPeriod, statsByPerson, statsByUnit, type UsageDay } from '../reports/routing-stats';
import { handlingItems } from '../reports/routing-stats.rows';

export type UsageSource = (p: { from: string; to: string }) => Promise<{ days: { day: string; activeUsers: number; totalUsers: number }[] }>;

export type RoutingReportsDeps = {
  sqlite: Database.Database;
  requireUser: () => User;
  organization: () => Organization;
  resourcesDir: () => string;
  usage: UsageSource;
  now?: () => Date;
};

type Period = { from: string; to: string };
type Format = 'pdf' | 'xlsx';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The UI offers months and quarters; a year is the longest period a report covers. */
const MAX_DAYS = 366;

export function replicaCalendar(sqlite: Database.Database): WorkingCalendar {
  const configured = (sqlite.prepare('SELECT data FROM holidays').all() as { data: string }[]).map((r) => JSON.parse(r.data) as Holiday);
  return createWorkingCalendar(configured);
}

function checkPeriod(p: Period): void {
  if (p.from > p.to) throw new AppError('INVALID_INPUT', 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc. Vui lòng chọn lại kỳ báo cáo.');
  if ((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 > MAX_DAYS) {
    throw new AppError('INVALID_INPUT', 'Kỳ báo cáo dài nhất là một năm. Vui lòng chọn kỳ ngắn hơn.');
  }
}

export function createRoutingReportsService(deps: RoutingReportsDeps) {
  const now = deps.now ?? (() => new Date());
  const requireReader = () => {
    const user = deps.requireUser();
    if (user.role === 'staff') throw new AppError('FORBIDDEN', 'Báo cáo tình hình xử lý dành cho lãnh đạo, trưởng phòng và văn thư.');
    return user;
  };
  const file = (base: string, format: Format, bytes: Uint8Array) => ({
    fileName: `${base}.${format}`,
    mime: format === 'pdf' ? 'application/pdf' : XLSX_MIME,
    contentBase64: Buffer.from(bytes).toString('base64'),
  });

  async function usage(p: Period, cal: WorkingCalendar): Promise<{ usage: UsageDay[]; usageProblem: string | null }> {
    try {
      const res = await deps.usage(p);
      const byDay = new Map(res.days.map((d) => [d.day, d]));
      const usageDays = daysBetween(p.from, p.to < todayInVietnam(now()) ? p.to : todayInVietnam(now()), (d) => cal.isWorkingDay(d)).map((day) => {
        const d = byDay.get(day);
        const staffTotal = d?.totalUsers ?? res.days[0]?.totalUsers ?? 0;
        const activeUsers = d?.activeUsers ?? 0;
        return { day, activeUsers, staffTotal, rate: staffTotal ? Math.round((activeUsers / staffTotal) * 1000) / 10 : 0 };
      });
      return { usage: usageDays, usageProblem: null };
    } catch (err) {
      const offline = err instanceof AppError && (err.code === 'SERVER_UNREACHABLE' || err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_EXPIRED');
      return {
        usage: [],
        usageProblem: offline
          ? 'Số liệu sử dụng hệ thống do máy chủ ghi nhận: hãy kết nối mạng để xem phần này. Các số liệu khác vẫn tính trên máy.'
          : err instanceof AppError
            ? err.message
            : 'Chưa lấy được số liệu sử dụng hệ thống từ máy chủ. Vui lòng thử lại sau.',
      };
    }
  }

  async function stats(p: Period): Promise<HandlingStats> {
    requireReader();
    checkPeriod(p);
    const today = todayInVietnam(now());
    const names = directoryNames(deps.sqlite);
    const items = itemsInPeriod(handlingItems(deps.sqlite), p.from, p.to);
    return {
      byUnit: statsByUnit(items, names.unit, today),
      byPerson: statsByPerson(items, names.user, today),
      ...(await usage(p, replicaCalendar(deps.sqlite))),
    };
  }

  const header = (title: string, p: Period) => ({ organizationName: deps.organization().name, title, from: p.from, to: p.to, printedAt: now() });

  return {
    stats,
    async exportStats(p: Period & { format: Format }) {
      const report = await stats(p);
      const h = header(HANDLING_REPORT_TITLE, p);
      const bytes = p.format === 'pdf' ? await renderHandlingReportPdf(report, h, deps.resourcesDir()) : await renderHandlingReportXlsx(report, h);
      return file(`Bao-cao-xu-ly_${p.from}_${p.to}`, p.format, bytes);
    },
    async exportRegister(p: Period & { format: Format }) {
      requireReader();
      checkPeriod(p);
      const rows = handlingRegisterRows(deps.sqlite, p, replicaCalendar(deps.sqlite), todayInVietnam(now()));
      const h = header(HANDLING_REGISTER_TITLE, p);
      const bytes = p.format === 'pdf' ? await renderHandlingRegisterPdf(rows, h, deps.resourcesDir()) : await renderHandlingRegisterXlsx(rows, h);
      return file(`So-theo-doi-giai-quyet_${p.from}_${p.to}`, p.format, bytes);
    },
  };
}

export type RoutingReportsService = ReturnType<typeof createRoutingReportsService>;
