/**
 * Holidays (admin only) and work files (hồ sơ công việc): anyone opens their own file; only its owner (or an admin)
 * adds documents the owner may see and closes it.
 */
import { and, eq, sql } from 'drizzle-orm';
import { AppError } from '../../src-shared/contract/errors';
import type { RoutingMutationArgs } from '../../src-shared/sync/mutations-routing';
import type { Tx } from '../db/client';
import * as r from '../db/schema-routing';
import type { AuthUser } from '../auth/visibility';
import { addEvent, loadDocument, mayView } from './routing-common';

const next = () => sql`nextval('change_version')`;

export async function setHoliday(tx: Tx, user: AuthUser, a: RoutingMutationArgs<'holiday.set'>): Promise<void> {
  if (user.role !== 'admin') throw new AppError('FORBIDDEN', 'Chỉ quản trị hệ thống được sửa danh sách ngày nghỉ lễ.');
  await tx.insert(r.holidays).values({ date: a.date, name: a.name, kind: a.kind, active: a.active })
    .onConflictDoUpdate({ target: r.holidays.date, set: { name: a.name, kind: a.kind, active: a.active, version: next() } });
}

export async function createWorkFile(tx: Tx, user: AuthUser, a: RoutingMutationArgs<'workfile.create'>): Promise<void> {
  const [same] = await tx.select().from(r.workFiles).where(and(eq(r.workFiles.year, a.year), eq(r.workFiles.code, a.code)));
  if (same) {
    if (same.id === a.workFileId) return;
    throw new AppError('CONFLICT', `Năm ${a.year} đã có hồ sơ số ${a.code} ("${same.title}"). Vui lòng chọn số, ký hiệu khác.`);
  }
  await tx.insert(r.workFiles).values({
    id: a.workFileId, code: a.code, title: a.title, retentionYears: a.retentionYears, year: a.year, ownerId: user.id,
    unitId: user.unitId, description: a.description, status: 'open',
  });
}

async function ownFile(tx: Tx, user: AuthUser, id: string) {
  const [file] = await tx.select().from(r.workFiles).where(eq(r.workFiles.id, id)).for('update');
  if (!file) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ này. Vui lòng đồng bộ lại.');
  if (file.ownerId !== user.id && user.role !== 'admin') throw new AppError('FORBIDDEN', 'Chỉ người lập hồ sơ được thay đổi hồ sơ này.');
  return file;
}

export async function addWorkFileDocument(tx: Tx, user: AuthUser, a: RoutingMutationArgs<'workfile.addDocument'>): Promise<void> {
  const file = await ownFile(tx, user, a.workFileId);
  if (file.status !== 'open') throw new AppError('CONFLICT', 'Hồ sơ đã đóng, không thêm văn bản được nữa.');
  await loadDocument(tx, a.documentId);
  if (!(await mayView(tx, user, { documentId: a.documentId, taskId: null }))) {
    throw new AppError('FORBIDDEN', 'Bạn không xem được văn bản này nên không thể đưa vào hồ sơ.');
  }
  const [already] = await tx.select().from(r.workFileDocuments)
    .where(and(eq(r.workFileDocuments.workFileId, file.id), eq(r.workFileDocuments.documentId, a.documentId)));
  if (already) return;
  await tx.insert(r.workFileDocuments).values({ id: a.id, workFileId: file.id, documentId: a.documentId, addedBy: user.id });
  await addEvent(tx, a.eventId, user, { documentId: a.documentId, taskId: null }, 'addedToWorkFile', `Đưa vào hồ sơ ${file.code} - ${file.title}`);
}

export async function closeWorkFile(tx: Tx, user: AuthUser, a: RoutingMutationArgs<'workfile.close'>): Promise<void> {
  const file = await ownFile(tx, user, a.workFileId);
  if (file.status === 'closed') return;
  await tx.update(r.workFiles).set({ status: 'closed', closedAt: a.closedAt, version: next() }).where(eq(r.workFiles.id, file.id));
}
