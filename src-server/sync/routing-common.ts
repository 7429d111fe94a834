/**
 * Shared steps of the routing appliers (issue 6): loading the subject and the people, writing history rows,
 * re-sending a subject to users who just gained access (version bump), and tombstones for users who lost it.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { AppError } from '../../src-shared/contract/errors';
import { formatDateVi } from '../../src-shared/domain/dates';
import { ASSIGNMENT_ROLE_LABELS, type ROUTING_EVENT_KINDS, type RoutingFile } from '../../src-shared/domain/routing';
import type { AssigneeArgs } from '../../src-shared/sync/mutations-routing';
import type { Tx } from '../db/client';
import { blobs, documentFiles, incomingDocuments, units, users } from '../db/schema';
import * as r from '../db/schema-routing';
import type { AuthUser } from '../auth/visibility';
import { documentVisibleById, taskVisibleById, type Viewer } from '../auth/visibility-routing';
import { queryRows } from '../db/client';

export type AssignmentRow = typeof r.assignments.$inferSelect;
type EventKind = (typeof ROUTING_EVENT_KINDS)[number];
const bump = sql`nextval('change_version')`;

export async function loadDocument(tx: Tx, id: string) {
  const [doc] = await tx.select().from(incomingDocuments).where(eq(incomingDocuments.id, id));
  if (!doc) throw new AppError('NOT_FOUND', 'Không tìm thấy văn bản đến này trên máy chủ. Có thể văn bản chưa được vào sổ xong; vui lòng đồng bộ lại.');
  return doc;
}

export async function loadTask(tx: Tx, id: string) {
  const [task] = await tx.select().from(r.tasks).where(eq(r.tasks.id, id));
  if (!task) throw new AppError('NOT_FOUND', 'Không tìm thấy nhiệm vụ này. Có thể nhiệm vụ đã bị xóa; vui lòng đồng bộ lại.');
  return task;
}

export async function loadAssignment(tx: Tx, id: string): Promise<AssignmentRow> {
  const [a] = await tx.select().from(r.assignments).where(eq(r.assignments.id, id)).for('update');
  if (!a) throw new AppError('NOT_FOUND', 'Không tìm thấy phân công này. Có thể nó đã được giao lại; vui lòng đồng bộ lại.');
  return a;
}

export async function mayView(tx: Tx, user: Viewer, subject: { documentId: string | null; taskId: string | null }): Promise<boolean> {
  const cond = subject.documentId
    ? documentVisibleById(user, sql`${subject.documentId}::uuid`)
    : taskVisibleById(user, sql`${subject.taskId}::uuid`);
  const rows = await queryRows<{ ok: boolean }>(tx, sql`SELECT ${cond} AS ok`);
  return rows[0]?.ok === true;
}

/** The assignee themself, or the head of the assigned unit. */
export function isAssignee(user: AuthUser, a: AssignmentRow): boolean {
  if (a.assigneeUserId) return a.assigneeUserId === user.id;
  return user.role === 'unitHead' && user.unitId !== null && a.assigneeUnitId === user.unitId;
}

export function requireOpen(a: AssignmentRow): void {
  if (a.status !== 'open') {
    throw new AppError('CONFLICT', 'Phân công này đã được hoàn thành, trả lại hoặc giao cho người khác. Vui lòng đồng bộ để xem tình trạng mới.');
  }
}

/** Checks every assignee exists (active person or unit) and returns their display names for the history. */
export async function checkAssignees(tx: Tx, list: readonly AssigneeArgs[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const userIds = list.flatMap((a) => (a.assigneeUserId ? [a.assigneeUserId] : []));
  const unitIds = list.flatMap((a) => (a.assigneeUnitId ? [a.assigneeUnitId] : []));
  if (userIds.length) {
    for (const u of await tx.select().from(users).where(inArray(users.id, userIds))) if (u.active) names.set(u.id, u.fullName);
  }
  if (unitIds.length) for (const u of await tx.select().from(units).where(inArray(units.id, unitIds))) names.set(u.id, u.name);
  for (const id of [...userIds, ...unitIds]) {
    if (!names.has(id)) throw new AppError('NOT_FOUND', 'Người hoặc đơn vị được giao không còn trong danh bạ. Vui lòng chọn lại người nhận.');
  }
  const seen = new Set<string>();
  for (const a of list) {
    const key = a.assigneeUserId ?? a.assigneeUnitId!;
    if (seen.has(key)) throw new AppError('INVALID_INPUT', `${names.get(key)} được chọn hai lần. Mỗi người/đơn vị chỉ nhận một vai trò.`);
    seen.add(key);
  }
  return names;
}

export function describeAssignees(list: readonly AssigneeArgs[], names: Map<string, string>): string {
  return list
    .map((a) => `${ASSIGNMENT_ROLE_LABELS[a.role]}: ${names.get(a.assigneeUserId ?? a.assigneeUnitId!)}${a.dueDate ? ` (hạn ${formatDateVi(a.dueDate)})` : ''}`)
    .join('; ');
}

export async function insertAssignments(
  tx: Tx,
  user: AuthUser,
  subject: { documentId: string | null; taskId: string | null },
  list: readonly AssigneeArgs[],
  extra: { parentId?: string | null; directiveId?: string | null } = {},
): Promise<void> {
  const taken = await tx.select({ id: r.assignments.id }).from(r.assignments).where(inArray(r.assignments.id, list.map((a) => a.assignmentId)));
  if (taken.length) throw new AppError('CONFLICT', 'Phân công này đã được ghi nhận trước đó. Vui lòng đồng bộ lại.');
  await tx.insert(r.assignments).values(
    list.map((a) => ({
      id: a.assignmentId, documentId: subject.documentId, taskId: subject.taskId, parentId: extra.parentId ?? null,
      assigneeUserId: a.assigneeUserId, assigneeUnitId: a.assigneeUnitId, role: a.role, dueDate: a.dueDate, status: 'open',
      assignedBy: user.id, directiveId: extra.directiveId ?? null,
    })),
  );
}

export async function addEvent(
  tx: Tx,
  id: string,
  actor: AuthUser,
  subject: { documentId: string | null; taskId: string | null },
  kind: EventKind,
  text: string,
): Promise<void> {
  await tx.insert(r.routingEvents).values({ id, documentId: subject.documentId, taskId: subject.taskId, kind, actorId: actor.id, text: text.slice(0, 4000) }).onConflictDoNothing();
}

/** Files of an opinion must be uploaded completely first; secret documents never carry files. */
export async function checkFiles(tx: Tx, files: readonly RoutingFile[], secret: boolean): Promise<void> {
  if (files.length === 0) return;
  if (secret) throw new AppError('SECRET_FILE_FORBIDDEN');
  const stored = await tx.select({ sha256: blobs.sha256, size: blobs.size }).from(blobs)
    .where(and(inArray(blobs.sha256, files.map((f) => f.sha256)), eq(blobs.complete, true)));
  const sizeOf = new Map(stored.map((b) => [b.sha256, b.size]));
  for (const f of files) {
    if (sizeOf.get(f.sha256) !== f.size) {
      throw new AppError('FILE_INVALID', `Tệp "${f.name}" chưa được tải lên máy chủ đầy đủ. Hệ thống sẽ tải lại tệp; vui lòng gửi lại sau khi tệp tải xong.`);
    }
  }
}

/**
 * New versions for a subject and everything under it, so users who just gained access receive rows that were
 * written before (a pull only sends versions above the user's cursor).
 */
export async function touchSubject(tx: Tx, subject: { documentId: string | null; taskId: string | null }): Promise<void> {
  if (subject.documentId) {
    const id = subject.documentId;
    await tx.update(incomingDocuments).set({ version: bump }).where(eq(incomingDocuments.id, id));
    await tx.update(documentFiles).set({ version: bump }).where(eq(documentFiles.documentId, id));
    await tx.update(r.directives).set({ version: bump }).where(eq(r.directives.documentId, id));
    await tx.update(r.assignments).set({ version: bump }).where(eq(r.assignments.documentId, id));
    await tx.update(r.routingEvents).set({ version: bump }).where(eq(r.routingEvents.documentId, id));
    await tx.update(r.opinions).set({ version: bump }).where(eq(r.opinions.documentId, id));
    await tx.update(r.extensionRequests).set({ version: bump }).where(eq(r.extensionRequests.documentId, id));
  }
  if (subject.taskId) {
    const id = subject.taskId;
    await tx.update(r.tasks).set({ version: bump }).where(eq(r.tasks.id, id));
    await tx.update(r.assignments).set({ version: bump }).where(eq(r.assignments.taskId, id));
    await tx.update(r.taskReports).set({ version: bump }).where(eq(r.taskReports.taskId, id));
    await tx.update(r.routingEvents).set({ version: bump }).where(eq(r.routingEvents.taskId, id));
    await tx.update(r.opinions).set({ version: bump }).where(eq(r.opinions.taskId, id));
    await tx.update(r.extensionRequests).set({ version: bump }).where(eq(r.extensionRequests.taskId, id));
  }
}

/** After an assignment was taken away: tombstones for the people who no longer see its subject. */
export async function revokeAccess(tx: Tx, a: AssignmentRow): Promise<void> {
  const affected = await tx.select().from(users).where(
    a.assigneeUserId
      ? eq(users.id, a.assigneeUserId)
      : and(eq(users.role, 'unitHead'), eq(users.unitId, a.assigneeUnitId ?? sql`NULL`)),
  );
  for (const u of affected) {
    const viewer = { id: u.id, role: u.role as Viewer['role'], unitId: u.unitId };
    if (await mayView(tx, viewer, a)) continue;
    const entity = a.documentId ? 'incomingDocument' : 'task';
    await tx.insert(r.accessRevocations).values({ userId: u.id, entity, entityId: (a.documentId ?? a.taskId)! });
  }
}

export async function userName(tx: Tx, id: string): Promise<string> {
  const [u] = await tx.select({ fullName: users.fullName }).from(users).where(eq(users.id, id));
  return u?.fullName ?? '';
}

