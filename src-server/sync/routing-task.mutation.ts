/**
 * Tasks (nhiệm vụ) and deadline extensions (issue 6). Leaders give tasks to anyone; a unit head only to people of
 * the unit. Progress reports and extension requests come only from the assignee; an extension must be asked
 * before the deadline passes, and only whoever made the assignment decides it.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { AppError } from '../../src-shared/contract/errors';
import { formatDateVi, todayInVietnam } from '../../src-shared/domain/dates';
import { addCalendarDays } from '../../src-shared/domain/working-days';
import type { RoutingMutationArgs } from '../../src-shared/sync/mutations-routing';
import type { Tx } from '../db/client';
import { users } from '../db/schema';
import * as r from '../db/schema-routing';
import type { AuthUser } from '../auth/visibility';
import { addEvent, checkAssignees, describeAssignees, insertAssignments, isAssignee, loadAssignment, loadDocument, mayView, requireOpen } from './routing-common';

const next = () => sql`nextval('change_version')`;

export async function createTask(tx: Tx, user: AuthUser, a: RoutingMutationArgs<'task.create'>): Promise<void> {
  if (user.role !== 'leader' && user.role !== 'unitHead') {
    throw new AppError('FORBIDDEN', 'Chỉ lãnh đạo hoặc trưởng phòng được giao nhiệm vụ.');
  }
  const names = await checkAssignees(tx, a.assignments);
  if (user.role === 'unitHead') {
    const people = a.assignments.map((x) => x.assigneeUserId).filter((x): x is string => x !== null);
    const members = people.length
      ? await tx.select({ id: users.id }).from(users).where(and(inArray(users.id, people), eq(users.unitId, user.unitId ?? sql`NULL`)))
      : [];
    if (people.length !== a.assignments.length || members.length !== people.length) {
      throw new AppError('FORBIDDEN', 'Trưởng phòng chỉ giao nhiệm vụ cho người trong đơn vị mình.');
    }
  }
  if (a.documentId) {
    await loadDocument(tx, a.documentId);
    if (!(await mayView(tx, user, { documentId: a.documentId, taskId: null }))) {
      throw new AppError('FORBIDDEN', 'Bạn không xem được văn bản này nên không thể giao nhiệm vụ từ văn bản.');
    }
  }
  const [exists] = await tx.select({ id: r.tasks.id }).from(r.tasks).where(eq(r.tasks.id, a.taskId));
  if (exists) return;
  await tx.insert(r.tasks).values({
    id: a.taskId, title: a.title, description: a.description, documentId: a.documentId, assignedBy: user.id, dueDate: a.dueDate, status: 'open',
  });
  await insertAssignments(tx, user, { documentId: null, taskId: a.taskId }, a.assignments.map((x) => ({ ...x, dueDate: x.dueDate ?? a.dueDate })));
  await addEvent(tx, a.eventId, user, { documentId: null, taskId: a.taskId }, 'taskCreated',
    `${a.title} (hạn ${formatDateVi(a.dueDate)}). ${describeAssignees(a.assignments, names)}`);
}

export async function reportTask(tx: Tx, user: AuthUser, a: RoutingMutationArgs<'task.report'>): Promise<void> {
  const asg = await loadAssignment(tx, a.assignmentId);
  if (!asg.taskId) throw new AppError('INVALID_INPUT', 'Báo cáo tiến độ chỉ dành cho nhiệm vụ. Với văn bản, hãy ghi ý kiến xử lý.');
  if (!isAssignee(user, asg)) throw new AppError('FORBIDDEN', 'Chỉ người được giao nhiệm vụ mới báo cáo tiến độ.');
  requireOpen(asg);
  await tx.insert(r.taskReports).values({ id: a.reportId, taskId: asg.taskId, assignmentId: asg.id, authorId: user.id, percent: a.percent, text: a.text });
  await addEvent(tx, a.eventId, user, { documentId: null, taskId: asg.taskId }, 'progress', `Tiến độ ${a.percent}%: ${a.text}`);
}

export async function requestExtension(
  tx: Tx,
  user: AuthUser,
  a: RoutingMutationArgs<'task.requestExtension'>,
  now: Date = new Date(),
): Promise<void> {
  const asg = await loadAssignment(tx, a.assignmentId);
  if (!isAssignee(user, asg)) throw new AppError('FORBIDDEN', 'Chỉ người được giao mới được xin gia hạn phân công của mình.');
  requireOpen(asg);
  if (!asg.dueDate) throw new AppError('INVALID_INPUT', 'Phân công này không có hạn xử lý nên không cần xin gia hạn.');
  // The request may have waited offline: trust the desktop's date, but never more than one day behind the server's.
  const asked = [a.requestedOn, addCalendarDays(todayInVietnam(now), -1)].sort().at(-1)!;
  if (asked > asg.dueDate) {
    throw new AppError('FORBIDDEN', `Đã quá hạn xử lý (${formatDateVi(asg.dueDate)}) nên không thể xin gia hạn. Hãy báo cáo trực tiếp người giao việc.`);
  }
  if (a.requestedDueDate <= asg.dueDate) {
    throw new AppError('INVALID_INPUT', `Hạn đề nghị phải sau hạn hiện tại (${formatDateVi(asg.dueDate)}).`);
  }
  const pending = await tx.select({ id: r.extensionRequests.id }).from(r.extensionRequests)
    .where(and(eq(r.extensionRequests.assignmentId, asg.id), eq(r.extensionRequests.status, 'pending')));
  if (pending.length) throw new AppError('CONFLICT', 'Đã có một đề nghị gia hạn đang chờ duyệt cho phân công này. Vui lòng chờ người giao việc quyết định.');
  await tx.insert(r.extensionRequests).values({
    id: a.requestId, assignmentId: asg.id, documentId: asg.documentId, taskId: asg.taskId, requestedBy: user.id,
    currentDueDate: asg.dueDate, requestedDueDate: a.requestedDueDate, reason: a.reason, status: 'pending',
  });
  await addEvent(tx, a.eventId, user, asg, 'extensionRequested',
    `Xin gia hạn từ ${formatDateVi(asg.dueDate)} đến ${formatDateVi(a.requestedDueDate)}: ${a.reason}`);
}

export async function decideExtension(tx: Tx, user: AuthUser, a: RoutingMutationArgs<'task.decideExtension'>): Promise<void> {
  const [req] = await tx.select().from(r.extensionRequests).where(eq(r.extensionRequests.id, a.requestId)).for('update');
  if (!req) throw new AppError('NOT_FOUND', 'Không tìm thấy đề nghị gia hạn này. Vui lòng đồng bộ lại.');
  const asg = await loadAssignment(tx, req.assignmentId);
  if (asg.assignedBy !== user.id) throw new AppError('FORBIDDEN', 'Chỉ người đã giao việc mới được duyệt đề nghị gia hạn.');
  if (req.status !== 'pending') throw new AppError('CONFLICT', 'Đề nghị gia hạn này đã được quyết định trước đó.');
  await tx.update(r.extensionRequests)
    .set({ status: a.approve ? 'approved' : 'refused', decidedBy: user.id, decisionNote: a.note, decidedAt: new Date(), version: next() })
    .where(eq(r.extensionRequests.id, req.id));
  if (a.approve) {
    await tx.update(r.assignments).set({ dueDate: req.requestedDueDate, version: next() }).where(eq(r.assignments.id, asg.id));
    if (asg.taskId && asg.role === 'primary' && asg.parentId === null) {
      await tx.update(r.tasks).set({ dueDate: req.requestedDueDate, version: next() }).where(eq(r.tasks.id, asg.taskId));
    }
  }
  const text = a.approve
    ? `Đồng ý gia hạn đến ${formatDateVi(req.requestedDueDate)}${a.note ? `. ${a.note}` : ''}`
    : `Không đồng ý gia hạn${a.note ? `: ${a.note}` : ''}`;
  await addEvent(tx, a.eventId, user, asg, a.approve ? 'extensionApproved' : 'extensionRefused', text);
}

