/**
 * Routing of an incoming document (issue 6): submit to the leader, directive + assignment, re-assignment inside a
 * unit, opinions, completion and return. Who may act: clerks submit; leaders of the organization assign; a unit
 * head re-assigns only what belongs to their unit, only to people of that unit; only the assignee completes or
 * returns their own assignment (a unit head for the unit's).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { AppError } from '../../src-shared/contract/errors';
import { isSecret, type Secrecy } from '../../src-shared/domain/enums';
import type { RoutingMutationArgs } from '../../src-shared/sync/mutations-routing';
import type { Tx } from '../db/client';
import { incomingDocuments, users } from '../db/schema';
import * as r from '../db/schema-routing';
import type { AuthUser } from '../auth/visibility';
import {
  addEvent,
  checkAssignees,
  checkFiles,
  describeAssignees,
  insertAssignments,
  isAssignee,
  loadAssignment,
  loadDocument,
  loadTask,
  mayView,
  requireOpen,
  revokeAccess,
  touchSubject,
  userName,
  type AssignmentRow,
} from './routing-common';

type Args<N extends 'document.submit' | 'document.assign'> = RoutingMutationArgs<N>;
const sqlNext = () => sql`nextval('change_version')`;

async function setDocumentStatus(tx: Tx, id: string, status: string): Promise<void> {
  await tx.update(incomingDocuments).set({ status, version: sqlNext() }).where(eq(incomingDocuments.id, id));
}

export async function submitDocument(tx: Tx, user: AuthUser, a: Args<'document.submit'>): Promise<void> {
  if (user.role !== 'clerk' && user.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'Chỉ văn thư được trình văn bản đến cho lãnh đạo. Vui lòng chuyển cho văn thư.');
  }
  const doc = await loadDocument(tx, a.documentId);
  if (doc.status !== 'registered') {
    throw new AppError('CONFLICT', 'Văn bản này đã được trình hoặc đã được phân công. Vui lòng đồng bộ để xem tình trạng mới.');
  }
  let to = 'lãnh đạo';
  if (a.leaderId) {
    const [leader] = await tx.select().from(users).where(eq(users.id, a.leaderId));
    if (!leader || leader.role !== 'leader' || !leader.active) {
      throw new AppError('INVALID_INPUT', 'Người nhận trình không phải lãnh đạo cơ quan. Vui lòng chọn lãnh đạo.');
    }
    to = leader.fullName;
  }
  await setDocumentStatus(tx, doc.id, 'submitted');
  await addEvent(tx, a.eventId, user, { documentId: doc.id, taskId: null }, 'submitted', `Trình ${to}${a.note ? `. ${a.note}` : ''}`);
}

export async function assignDocument(tx: Tx, user: AuthUser, a: Args<'document.assign'>): Promise<void> {
  if (user.role !== 'leader') {
    throw new AppError('FORBIDDEN', 'Chỉ lãnh đạo cơ quan được bút phê và phân công xử lý văn bản. Vui lòng trình lãnh đạo.');
  }
  const doc = await loadDocument(tx, a.documentId);
  if (isSecret(doc.secrecy as Secrecy)) {
    throw new AppError('FORBIDDEN', 'Văn bản mật không được giao xử lý trên hệ thống. Vui lòng chuyển bản giấy theo quy định bảo vệ bí mật nhà nước.');
  }
  if (doc.status === 'cancelled' || doc.status === 'done') {
    throw new AppError('CONFLICT', 'Văn bản này đã hoàn thành hoặc đã bị hủy nên không phân công thêm được.');
  }
  const primary = await tx.select({ id: r.assignments.id }).from(r.assignments).where(
    and(eq(r.assignments.documentId, doc.id), eq(r.assignments.role, 'primary'), inArray(r.assignments.status, ['open', 'forwarded', 'done'])),
  );
  if (primary.length > 0) {
    throw new AppError('CONFLICT', 'Văn bản đã có người xử lý chính. Muốn đổi người xử lý, hãy dùng "Giao lại" trên phân công hiện có.');
  }
  const names = await checkAssignees(tx, a.assignments);
  await tx.insert(r.directives).values({ id: a.directiveId, documentId: doc.id, authorId: user.id, text: a.directive });
  await insertAssignments(tx, user, { documentId: doc.id, taskId: null }, a.assignments, { directiveId: a.directiveId });
  await setDocumentStatus(tx, doc.id, 'assigned');
  await touchSubject(tx, { documentId: doc.id, taskId: null });
  const text = `${a.directive ? `Bút phê: "${a.directive}". ` : ''}${describeAssignees(a.assignments, names)}`;
  await addEvent(tx, a.eventId, user, { documentId: doc.id, taskId: null }, 'directed', text);
}

/** Whether a unit head (or a leader) may hand this assignment on. */
async function mayReassign(tx: Tx, user: AuthUser, src: AssignmentRow): Promise<boolean> {
  if (user.role === 'leader') return true;
  if (user.role !== 'unitHead' || !user.unitId) return false;
  if (src.assigneeUnitId) return src.assigneeUnitId === user.unitId;
  if (src.assigneeUserId === user.id) return true;
  const [holder] = await tx.select({ unitId: users.unitId }).from(users).where(eq(users.id, src.assigneeUserId!));
  return holder?.unitId === user.unitId;
}

export async function reassign(tx: Tx, user: AuthUser, a: RoutingMutationArgs<'assignment.reassign'>): Promise<void> {
  const src = await loadAssignment(tx, a.assignmentId);
  if (!(await mayReassign(tx, user, src))) {
    throw new AppError(
      'FORBIDDEN',
      user.role === 'unitHead'
        ? 'Trưởng phòng chỉ được giao lại công việc của đơn vị mình. Phân công này thuộc đơn vị khác.'
        : 'Chỉ trưởng phòng (trong đơn vị) hoặc lãnh đạo được giao lại phân công.',
    );
  }
  requireOpen(src);
  const names = await checkAssignees(tx, a.assignments);
  if (user.role === 'unitHead') {
    const people = a.assignments.map((x) => x.assigneeUserId).filter((x): x is string => x !== null);
    if (people.length !== a.assignments.length) {
      throw new AppError('FORBIDDEN', 'Trưởng phòng chỉ giao lại cho người trong đơn vị mình, không giao cho đơn vị khác.');
    }
    const members = await tx.select({ id: users.id }).from(users).where(and(inArray(users.id, people), eq(users.unitId, user.unitId!)));
    if (members.length !== people.length) {
      throw new AppError('FORBIDDEN', 'Trưởng phòng chỉ giao lại cho người trong đơn vị mình. Vui lòng chọn người của đơn vị.');
    }
  }
  const primaries = a.assignments.filter((x) => x.role === 'primary').length;
  if (primaries > (src.role === 'primary' ? 1 : 0)) {
    throw new AppError('INVALID_INPUT', 'Chỉ phân công xử lý chính mới được giao tiếp vai trò xử lý chính, và chỉ cho một người.');
  }
  if (src.dueDate && a.assignments.some((x) => x.dueDate !== null && x.dueDate > src.dueDate!)) {
    throw new AppError('INVALID_INPUT', 'Hạn giao lại không được muộn hơn hạn lãnh đạo đã giao. Muốn thêm thời gian, hãy xin gia hạn.');
  }
  const subject = { documentId: src.documentId, taskId: src.taskId };
  // Taking work from a person revokes theirs; handing on the unit's (or one's own) keeps it as "forwarded".
  const takenFromOther = src.assigneeUserId !== null && src.assigneeUserId !== user.id;
  await tx.update(r.assignments).set({ status: takenFromOther ? 'revoked' : 'forwarded', version: sqlNext() }).where(eq(r.assignments.id, src.id));
  await insertAssignments(
    tx,
    user,
    subject,
    a.assignments.map((x) => ({ ...x, dueDate: x.dueDate ?? src.dueDate })),
    { parentId: src.id, directiveId: src.directiveId },
  );
  await touchSubject(tx, subject);
  if (takenFromOther) await revokeAccess(tx, src);
  await addEvent(tx, a.eventId, user, subject, 'reassigned', `${describeAssignees(a.assignments, names)}${a.note ? `. ${a.note}` : ''}`);
}

export async function addOpinion(tx: Tx, user: AuthUser, a: RoutingMutationArgs<'opinion.add'>): Promise<void> {
  const subject = { documentId: a.documentId, taskId: a.taskId };
  const secret = a.documentId ? isSecret((await loadDocument(tx, a.documentId)).secrecy as Secrecy) : false;
  if (a.taskId) await loadTask(tx, a.taskId);
  if (!(await mayView(tx, user, subject))) {
    throw new AppError('FORBIDDEN', 'Bạn không được giao xử lý văn bản/nhiệm vụ này nên không thể ghi ý kiến.');
  }
  if (a.assignmentId) {
    const own = await loadAssignment(tx, a.assignmentId);
    if (!isAssignee(user, own)) throw new AppError('FORBIDDEN', 'Chỉ người được giao mới ghi ý kiến theo phân công này.');
  }
  await checkFiles(tx, a.files, secret);
  await tx.insert(r.opinions).values({ id: a.opinionId, ...subject, assignmentId: a.assignmentId, authorId: user.id, text: a.text, files: a.files });
  const files = a.files.length ? ` (kèm ${a.files.length} tệp)` : '';
  await addEvent(tx, a.eventId, user, subject, 'opinion', `${a.text}${files}`);
}

/** The primary chain up to the leader's assignment is done when its last holder finishes. */
async function finishParents(tx: Tx, a: AssignmentRow, status: 'done'): Promise<void> {
  let parentId = a.parentId;
  while (parentId) {
    const [p] = await tx.select().from(r.assignments).where(eq(r.assignments.id, parentId));
    if (!p || p.status !== 'forwarded' || p.role !== a.role) return;
    await tx.update(r.assignments).set({ status, completedAt: new Date(), version: sqlNext() }).where(eq(r.assignments.id, p.id));
    parentId = p.parentId;
  }
}

export async function completeAssignment(tx: Tx, user: AuthUser, a: RoutingMutationArgs<'assignment.complete'>): Promise<void> {
  const asg = await loadAssignment(tx, a.assignmentId);
  if (!isAssignee(user, asg)) throw new AppError('FORBIDDEN', 'Chỉ người được giao mới đánh dấu hoàn thành phân công của mình.');
  requireOpen(asg);
  const subject = { documentId: asg.documentId, taskId: asg.taskId };
  const secret = asg.documentId ? isSecret((await loadDocument(tx, asg.documentId)).secrecy as Secrecy) : false;
  await checkFiles(tx, a.files, secret);
  await tx.update(r.assignments)
    .set({ status: 'done', resultNote: a.resultNote, replyNotation: a.replyNotation, completedAt: new Date(), version: sqlNext() })
    .where(eq(r.assignments.id, asg.id));
  await finishParents(tx, asg, 'done');
  if (a.files.length > 0 || a.resultNote) {
    await tx.insert(r.opinions).values({ id: a.opinionId, ...subject, assignmentId: asg.id, authorId: user.id, text: a.resultNote || 'Kết quả xử lý', files: a.files });
  }
  if (asg.role === 'primary') {
    if (asg.documentId) await setDocumentStatus(tx, asg.documentId, 'done');
    if (asg.taskId) await tx.update(r.tasks).set({ status: 'done', completedAt: new Date(), version: sqlNext() }).where(eq(r.tasks.id, asg.taskId));
  }
  const reply = a.replyNotation ? ` Văn bản trả lời: ${a.replyNotation}.` : '';
  await addEvent(tx, a.eventId, user, subject, 'completed', `${a.resultNote || 'Hoàn thành'}.${reply}`);
}

export async function returnAssignment(tx: Tx, user: AuthUser, a: RoutingMutationArgs<'assignment.return'>): Promise<void> {
  const asg = await loadAssignment(tx, a.assignmentId);
  if (!isAssignee(user, asg)) throw new AppError('FORBIDDEN', 'Chỉ người được giao mới trả lại phân công của mình.');
  requireOpen(asg);
  const subject = { documentId: asg.documentId, taskId: asg.taskId };
  await tx.update(r.assignments).set({ status: 'returned', resultNote: a.reason, version: sqlNext() }).where(eq(r.assignments.id, asg.id));
  if (asg.parentId) {
    // Back to whoever handed it on: their assignment is open again.
    await tx.update(r.assignments).set({ status: 'open', version: sqlNext() }).where(and(eq(r.assignments.id, asg.parentId), eq(r.assignments.status, 'forwarded')));
  } else if (asg.role === 'primary' && asg.documentId) {
    // The leader's primary handler returned it: it goes back to the leaders' inbox.
    await setDocumentStatus(tx, asg.documentId, 'submitted');
  }
  await addEvent(tx, a.eventId, user, subject, 'returned', `Trả lại ${await userName(tx, asg.assignedBy)}: ${a.reason}`);
}
