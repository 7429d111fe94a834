/**
 * Read rules of routing (issue 6), used by visibility.ts, the pull and blob downloads. SQL conditions, so the
 * database filters. Clerks, leaders and admins see every document and task; a unit head sees what is assigned to
 * them or to their unit; staff see what is assigned to them. An assignment stops granting access once revoked.
 * Secret documents are never visible below the privileged roles, whatever the assignments.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { User } from '../../src-shared/domain/entities';
import type { Role } from '../../src-shared/domain/enums';

export type Viewer = Pick<User, 'id' | 'role' | 'unitId'>;

const SEES_ALL: ReadonlySet<Role> = new Set(['clerk', 'leader', 'admin']);
export const seesAllRouting = (u: Pick<User, 'role'>): boolean => SEES_ALL.has(u.role);

/** The assignment aliased `a` is (still) the viewer's: theirs, or their unit's when they head it. */
export function assignedTo(u: Viewer, a = 'a'): SQL {
  const unit = u.role === 'unitHead' && u.unitId ? sql` OR ${sql.raw(a)}.assignee_unit_id = ${u.unitId}` : sql``;
  return sql`(${sql.raw(a)}.status <> 'revoked' AND (${sql.raw(a)}.assignee_user_id = ${u.id}${unit}))`;
}

/** The non-secret document with id `docId` reaches the viewer through an assignment (directly or via a task). */
export function documentAssignedTo(u: Viewer, docId: SQL): SQL {
  return sql`(EXISTS (SELECT 1 FROM assignments a WHERE a.document_id = ${docId} AND ${assignedTo(u)})
    OR EXISTS (SELECT 1 FROM tasks t JOIN assignments a ON a.task_id = t.id WHERE t.document_id = ${docId} AND ${assignedTo(u)}))`;
}

export function taskVisibleById(u: Viewer, taskId: SQL): SQL {
  if (seesAllRouting(u)) return sql`true`;
  return sql`(EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = ${taskId} AND ${assignedTo(u)})
    OR EXISTS (SELECT 1 FROM tasks t WHERE t.id = ${taskId} AND t.assigned_by = ${u.id}))`;
}

export function documentVisibleById(u: Viewer, docId: SQL): SQL {
  if (seesAllRouting(u)) return sql`true`;
  return sql`EXISTS (SELECT 1 FROM incoming_documents d WHERE d.id = ${docId} AND d.secrecy = 'none' AND ${documentAssignedTo(u, sql`d.id`)})`;
}

/** A row tied to a document or a task (assignment, history, opinion, extension request). */
export function subjectVisible(u: Viewer, docId: SQL, taskId: SQL): SQL {
  if (seesAllRouting(u)) return sql`true`;
  return sql`((${docId} IS NOT NULL AND ${documentVisibleById(u, docId)}) OR (${taskId} IS NOT NULL AND ${taskVisibleById(u, taskId)}))`;
}

export function workFileVisibleById(u: Viewer, workFileId: SQL): SQL {
  if (seesAllRouting(u)) return sql`true`;
  const unit = u.role === 'unitHead' && u.unitId ? sql` OR w.unit_id = ${u.unitId}` : sql``;
  return sql`EXISTS (SELECT 1 FROM work_files w WHERE w.id = ${workFileId} AND (w.owner_id = ${u.id}${unit}))`;
}

/** Blobs attached to opinions the viewer may see are downloadable like document files. */
export function opinionFileVisible(u: Viewer, sha256: string): SQL {
  return sql`EXISTS (SELECT 1 FROM opinions o WHERE o.files @> ${JSON.stringify([{ sha256 }])}::jsonb
    AND ${subjectVisible(u, sql`o.document_id`, sql`o.task_id`)})`;
}
