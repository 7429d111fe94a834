/**
 * Read side of tasks, extension requests, work files and reminders (issue 6), from the replica + pending overlay.
 * Due soon = open with at most DUE_SOON_WORKING_DAYS working days left; overdue = open past its due date.
 */
import { AppError } from '../../../src-shared/contract/errors';
import type { ExtensionView, Reminder, TaskDetail, TaskItem, WorkFileItem } from '../../../src-shared/contract/methods-routing';
import { formatDateVi } from '../../../src-shared/domain/dates';
import { WORK_FILE_HANDOVER_MONTHS, WORK_FILE_HANDOVER_WARN_DAYS, type Task, type WorkFile } from '../../../src-shared/domain/routing';
import { addCalendarDays } from '../../../src-shared/domain/working-days';
import type { Row } from './routing-model';
import { assignmentView, deadlineFlags, documentSummary, extensionView, historyOf, isMine, opinionsOf, type ViewContext } from './routing-views';

function taskItem(v: ViewContext, t: Row<Task>): TaskItem {
  const assignments = [...v.model.assignments.values()].filter((a) => a.taskId === t.id && a.status !== 'revoked');
  const views = assignments.map((a) => assignmentView(v, a));
  const mine = views.find((a) => isMine(v.user, a) && a.status === 'open') ?? views.find((a) => isMine(v.user, a)) ?? null;
  const primary = views.filter((a) => a.role === 'primary').at(-1);
  const reports = [...v.model.reports.values()].filter((r) => r.taskId === t.id).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  // Deadline of the user's own assignment when they hold one (an approved extension moves it), else the task's.
  const due = mine?.dueDate ?? t.dueDate;
  return {
    ...t,
    assignedByName: v.name(t.assignedBy),
    primaryAssigneeName: primary?.assigneeName ?? '',
    assignments: views,
    myAssignment: mine,
    progress: t.status === 'done' ? 100 : (reports.at(-1)?.percent ?? 0),
    documentSubject: t.documentId ? (documentSummary(v, t.documentId)?.subject ?? null) : null,
    ...deadlineFlags(v, due, t.status === 'open'),
  };
}

export function listTasks(v: ViewContext, scope: 'mine' | 'assignedByMe' | 'all', filter: 'open' | 'dueSoon' | 'overdue' | 'done' | 'all'): TaskItem[] {
  const items = [...v.model.tasks.values()]
    .map((t) => taskItem(v, t))
    .filter((t) => {
      if (scope === 'mine' && !t.myAssignment) return false;
      if (scope === 'assignedByMe' && t.assignedBy !== v.user.id) return false;
      if (filter === 'open') return t.status === 'open';
      if (filter === 'dueSoon') return t.dueSoon;
      if (filter === 'overdue') return t.overdue;
      if (filter === 'done') return t.status === 'done';
      return true;
    });
  return items.sort((a, b) => (a.myAssignment?.dueDate ?? a.dueDate).localeCompare(b.myAssignment?.dueDate ?? b.dueDate));
}

export function taskDetail(v: ViewContext, taskId: string): TaskDetail {
  const t = v.model.tasks.get(taskId);
  if (!t) throw new AppError('NOT_FOUND', 'Không tìm thấy nhiệm vụ này. Có thể bạn không còn được giao; vui lòng đồng bộ lại.');
  const ofTask = (x: { taskId: string | null }) => x.taskId === taskId;
  return {
    ...taskItem(v, t),
    reports: [...v.model.reports.values()].filter(ofTask).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((r) => ({ ...r, authorName: v.name(r.authorId) })),
    opinions: opinionsOf(v, ofTask),
    history: historyOf(v, ofTask),
    extensionRequests: [...v.model.extensions.values()].filter(ofTask).map((x) => extensionView(v, x)),
  };
}

export function extensionRequests(v: ViewContext, scope: 'toDecide' | 'mine' | 'all'): ExtensionView[] {
  return [...v.model.extensions.values()]
    .map((x) => extensionView(v, x))
    .filter((x) => (scope === 'toDecide' ? x.canDecide : scope === 'mine' ? x.requestedBy === v.user.id : true))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Closed files are handed to the archive within a year of closing (DOMAIN.md); warned 30 days before. */
export function handoverDueDate(w: Pick<WorkFile, 'status' | 'closedAt'>): string | null {
  if (w.status !== 'closed' || !w.closedAt) return null;
  const [y, m, d] = w.closedAt.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 + WORK_FILE_HANDOVER_MONTHS, d));
  return date.toISOString().slice(0, 10);
}

function workFileItem(v: ViewContext, w: Row<WorkFile>): WorkFileItem {
  const due = handoverDueDate(w);
  const warn = due !== null && v.today >= addCalendarDays(due, -WORK_FILE_HANDOVER_WARN_DAYS);
  return {
    ...w,
    ownerName: v.name(w.ownerId),
    documentCount: [...v.model.workFileDocuments.values()].filter((d) => d.workFileId === w.id).length,
    handoverDueDate: due,
    handoverWarning: warn
      ? v.today > due
        ? `Hồ sơ đã quá hạn nộp lưu (${formatDateVi(due)}). Hãy nộp hồ sơ vào lưu trữ cơ quan ngay.`
        : `Hồ sơ phải nộp lưu trước ngày ${formatDateVi(due)}. Hãy chuẩn bị nộp vào lưu trữ cơ quan.`
      : null,
  };
}

export function listWorkFiles(v: ViewContext, year: number | undefined, status: 'open' | 'closed' | 'all'): WorkFileItem[] {
  return [...v.model.workFiles.values()]
    .filter((w) => (year === undefined || w.year === year) && (status === 'all' || w.status === status))
    .sort((a, b) => b.year - a.year || a.code.localeCompare(b.code))
    .map((w) => workFileItem(v, w));
}

export function workFileDetail(v: ViewContext, id: string) {
  const w = v.model.workFiles.get(id);
  if (!w) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ này. Vui lòng đồng bộ lại.');
  const documents = [...v.model.workFileDocuments.values()]
    .filter((d) => d.workFileId === id)
    .map((d) => documentSummary(v, d.documentId))
    .filter((d) => d !== null);
  return { ...workFileItem(v, w), documents };
}

/** What the user should be reminded of now. Keys are stable, so the shell notifies each once per day and kind. */
export function reminders(v: ViewContext): Reminder[] {
  const out: Reminder[] = [];
  for (const a of v.model.assignments.values()) {
    if (a.status !== 'open' || !isMine(v.user, a) || !a.dueDate) continue;
    const flags = deadlineFlags(v, a.dueDate, true);
    if (!flags.overdue && !flags.dueSoon) continue;
    const title = a.taskId ? (v.model.tasks.get(a.taskId)?.title ?? '') : (documentSummary(v, a.documentId!)?.subject ?? '');
    const kind = flags.overdue ? 'overdue' : 'dueSoon';
    out.push({
      key: `${kind}:${a.id}:${v.today}`,
      kind,
      subjectKind: a.taskId ? 'task' : 'document',
      subjectId: (a.taskId ?? a.documentId)!,
      assignmentId: a.id,
      title,
      dueDate: a.dueDate,
      message: flags.overdue
        ? `Đã quá hạn xử lý (${formatDateVi(a.dueDate)}). Hãy hoàn thành hoặc báo cáo người giao việc.`
        : `Sắp đến hạn xử lý (${formatDateVi(a.dueDate)}, còn ${flags.workingDaysLeft} ngày làm việc). Nếu cần thêm thời gian, hãy xin gia hạn trước hạn.`,
    });
  }
  for (const x of extensionRequests(v, 'toDecide')) {
    out.push({
      key: `extension:${x.id}`, kind: 'extensionPending', subjectKind: x.taskId ? 'task' : 'document', subjectId: (x.taskId ?? x.documentId)!,
      assignmentId: x.assignmentId, title: x.subjectTitle, dueDate: x.currentDueDate,
      message: `${x.requestedByName} xin gia hạn đến ${formatDateVi(x.requestedDueDate)}. Hãy duyệt hoặc từ chối.`,
    });
  }
  for (const w of listWorkFiles(v, undefined, 'closed')) {
    if (!w.handoverWarning || w.ownerId !== v.user.id) continue;
    out.push({
      key: `handover:${w.id}:${v.today}`, kind: 'handoverSoon', subjectKind: 'workFile', subjectId: w.id, assignmentId: null,
      title: `${w.code} - ${w.title}`, dueDate: w.handoverDueDate, message: w.handoverWarning,
    });
  }
  return out;
}
