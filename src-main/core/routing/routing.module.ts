/**
 * Routing, handling and task tracking on the desktop (issue 6): commands queue mutations (routing-commands.ts),
 * queries read the replica + pending overlay (routing-queries.ts, tasks-queries.ts), and reminders go out as the
 * `tasks.reminder` event after each data change and on a timer (the shell turns new ones into notifications).
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors';
import type { AssigneeInput, DueInput, Reminder } from '../../../src-shared/contract/methods-routing';
import { registerYearOf, todayInVietnam } from '../../../src-shared/domain/dates';
import type { HolidayKind } from '../../../src-shared/domain/routing';
import { createWorkingCalendar, computeDeadline, type DeadlineUnit } from '../../../src-shared/domain/working-days';
import { createRoutingCommands, type RoutingDeps } from './routing-commands';
import { loadRoutingModel } from './routing-model';
import { documentRouting, leaderInbox, myDocuments } from './routing-queries';
import { viewContext } from './routing-views';
import { extensionRequests, listTasks, listWorkFiles, reminders, taskDetail, workFileDetail } from './tasks-queries';

export type UsageReport = {
  days: { day: string; activeUsers: number; totalUsers: number; share: number }[];
  users: { userId: string; fullName: string; activeDays: number }[];
};

export type RoutingModuleDeps = RoutingDeps & {
  /** Fetches GET /api/reports/usage (online only). */
  fetchUsage: (from: string, to: string) => Promise<UsageReport>;
  emitReminders: (items: Reminder[]) => void;
};

export function createRoutingModule(deps: RoutingModuleDeps) {
  const { sqlite } = deps;
  const now = deps.now ?? (() => new Date());
  const commands = createRoutingCommands(deps);
  const view = () => viewContext(sqlite, loadRoutingModel(sqlite), deps.requireUser(), now());

  return {
    ...commands,
    leaderInbox: (includeAssigned: boolean) => leaderInbox(view(), includeAssigned),
    myDocuments: (role: Parameters<typeof myDocuments>[1], state: Parameters<typeof myDocuments>[2]) => myDocuments(view(), role, state),
    getDocument: (id: string) => documentRouting(view(), id),
    listTasks: (scope: Parameters<typeof listTasks>[1], filter: Parameters<typeof listTasks>[2]) => listTasks(view(), scope, filter),
    getTask: (id: string) => taskDetail(view(), id),
    extensionRequests: (scope: Parameters<typeof extensionRequests>[1]) => extensionRequests(view(), scope),
    reminders: () => reminders(view()),
    listWorkFiles: (year: number | undefined, status: 'open' | 'closed' | 'all') => listWorkFiles(view(), year, status),
    getWorkFile: (id: string) => workFileDetail(view(), id),

    createTask(p: { title: string; description: string; documentId: string | null; due: DueInput; assignments: AssigneeInput[] }) {
      const user = deps.requireUser();
      if (user.role !== 'leader' && user.role !== 'unitHead') throw new AppError('FORBIDDEN', 'Chỉ lãnh đạo hoặc trưởng phòng được giao nhiệm vụ.');
      const dueDate = commands.dueDate(p.due)!;
      const list = commands.assignees(p.assignments);
      if (list.filter((a) => a.role === 'primary').length !== 1) throw new AppError('INVALID_INPUT', 'Chọn đúng một người chủ trì thực hiện nhiệm vụ.');
      return commands.queue(user, 'task.create', {
        taskId: randomUUID(), eventId: randomUUID(), title: p.title, description: p.description, documentId: p.documentId, dueDate, assignments: list,
      });
    },
    report(p: { assignmentId: string; percent: number; text: string }) {
      const user = deps.requireUser();
      const a = commands.ownOpenAssignment(p.assignmentId);
      if (!a.taskId) throw new AppError('INVALID_INPUT', 'Báo cáo tiến độ chỉ dành cho nhiệm vụ. Với văn bản, hãy ghi ý kiến xử lý.');
      return commands.queue(user, 'task.report', { reportId: randomUUID(), eventId: randomUUID(), assignmentId: a.id, percent: p.percent, text: p.text });
    },
    requestExtension(p: { assignmentId: string; requestedDueDate: string; reason: string }) {
      const user = deps.requireUser();
      const a = commands.ownOpenAssignment(p.assignmentId);
      const today = todayInVietnam(now());
      if (!a.dueDate) throw new AppError('INVALID_INPUT', 'Phân công này không có hạn xử lý nên không cần xin gia hạn.');
      if (today > a.dueDate) throw new AppError('FORBIDDEN', 'Đã quá hạn xử lý nên không thể xin gia hạn. Hãy báo cáo trực tiếp người giao việc.');
      if (p.requestedDueDate <= a.dueDate) throw new AppError('INVALID_INPUT', 'Hạn đề nghị phải sau hạn hiện tại.');
      return commands.queue(user, 'task.requestExtension', {
        requestId: randomUUID(), eventId: randomUUID(), assignmentId: a.id, requestedDueDate: p.requestedDueDate, reason: p.reason, requestedOn: today,
      });
    },
    decideExtension(p: { requestId: string; approve: boolean; note: string }) {
      const user = deps.requireUser();
      const x = extensionRequests(view(), 'all').find((r) => r.id === p.requestId);
      if (!x) throw new AppError('NOT_FOUND', 'Không tìm thấy đề nghị gia hạn này. Vui lòng đồng bộ lại.');
      if (!x.canDecide) throw new AppError('FORBIDDEN', 'Chỉ người đã giao việc mới được duyệt đề nghị gia hạn (và chỉ khi đề nghị đang chờ duyệt).');
      return commands.queue(user, 'task.decideExtension', { requestId: p.requestId, eventId: randomUUID(), approve: p.approve, note: p.note });
    },

    holidays(year: number) {
      deps.requireUser();
      const configured = [...loadRoutingModel(sqlite).holidays.values()];
      const days = createWorkingCalendar(configured).holidaysOf(year);
      return { days: days.map((d) => ({ date: d.date, name: d.name, source: d.source })), configured: configured.filter((h) => h.date.startsWith(`${year}-`)) };
    },
    setHoliday(p: { date: string; name: string; kind: HolidayKind; active: boolean }) {
      const user = deps.requireUser();
      if (user.role !== 'admin') throw new AppError('FORBIDDEN', 'Chỉ quản trị hệ thống được sửa danh sách ngày nghỉ lễ.');
      return commands.queue(user, 'holiday.set', p);
    },
    computeDeadline(p: { from?: string; amount: number; unit: DeadlineUnit }) {
      deps.requireUser();
      const cal = createWorkingCalendar([...loadRoutingModel(sqlite).holidays.values()]);
      const from = p.from ?? todayInVietnam(now());
      const dueDate = computeDeadline(cal, from, p.amount, p.unit);
      return { dueDate, workingDays: cal.workingDaysBetween(from, dueDate) };
    },

    createWorkFile(p: { code: string; title: string; retentionYears: number | null; year?: number; description: string }) {
      const user = deps.requireUser();
      const year = p.year ?? registerYearOf(now());
      const clash = listWorkFiles(view(), year, 'all').find((w) => w.code.toLowerCase() === p.code.toLowerCase());
      if (clash) throw new AppError('CONFLICT', `Năm ${year} đã có hồ sơ số ${p.code} ("${clash.title}"). Vui lòng chọn số, ký hiệu khác.`);
      return commands.queue(user, 'workfile.create', {
        workFileId: randomUUID(), code: p.code, title: p.title, retentionYears: p.retentionYears, year, description: p.description,
      });
    },
    addToWorkFile(p: { workFileId: string; documentId: string }) {
      const user = deps.requireUser();
      const w = workFileDetail(view(), p.workFileId);
      if (w.ownerId !== user.id && user.role !== 'admin') throw new AppError('FORBIDDEN', 'Chỉ người lập hồ sơ được thêm văn bản vào hồ sơ.');
      if (w.status !== 'open') throw new AppError('CONFLICT', 'Hồ sơ đã đóng, không thêm văn bản được nữa.');
      return commands.queue(user, 'workfile.addDocument', { id: randomUUID(), workFileId: p.workFileId, documentId: p.documentId, eventId: randomUUID() });
    },
    closeWorkFile(p: { workFileId: string }) {
      const user = deps.requireUser();
      const w = workFileDetail(view(), p.workFileId);
      if (w.ownerId !== user.id && user.role !== 'admin') throw new AppError('FORBIDDEN', 'Chỉ người lập hồ sơ được đóng hồ sơ này.');
      return commands.queue(user, 'workfile.close', { workFileId: p.workFileId, closedAt: todayInVietnam(now()) });
    },

    usage(p: { from: string; to: string }) {
      const user = deps.requireUser();
      if (user.role !== 'leader' && user.role !== 'admin') throw new AppError('FORBIDDEN', 'Chỉ lãnh đạo hoặc quản trị được xem báo cáo sử dụng hệ thống.');
      return deps.fetchUsage(p.from, p.to);
    },

    /** Sends the current reminders (after a pull, a local change, sign-in, or the periodic tick). */
    publishReminders() {
      try {
        deps.emitReminders(reminders(view()));
      } catch (err) {
        // Signed out: nothing to remind.
        if (!(err instanceof AppError)) throw err;
      }
    },
  };
}

export type RoutingModule = ReturnType<typeof createRoutingModule>;
