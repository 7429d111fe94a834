/**
 * The routing tables' part of a pull page (issue 6): rows in the pull's version window the user may see
 * (auth/visibility-routing.ts), and the user's access tombstones. Read inside pull.service's snapshot.
 */
import { and, asc, eq, gt, lte, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Change } from '../../src-shared/sync/protocol';
import type { AssignmentRole, AssignmentStatus, ExtensionStatus, HolidayKind, RoutingEventKind, TaskStatus, WorkFileStatus } from '../../src-shared/domain/routing';
import type { Tx } from '../db/client';
import * as r from '../db/schema-routing';
import { subjectVisible, taskVisibleById, documentVisibleById, workFileVisibleById, seesAllRouting, type Viewer } from '../auth/visibility-routing';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** `version > cursor`, or a version window `(after, upTo]` (pull-window.ts), on each routing table. */
export type VersionFilter = number | { after: number; upTo: number };

export async function pullRouting(tx: Tx, user: Viewer, versions: VersionFilter, take: number): Promise<Change[]> {
  const inRange = (col: AnyColumn): SQL =>
    typeof versions === 'number' ? gt(col, versions) : and(gt(col, versions.after), lte(col, versions.upTo))!;
  const subject = (doc: unknown, task: unknown) => subjectVisible(user, sql`${doc}`, sql`${task}`);
  const out: Change[] = [];
  const page = <T extends { version: number }>(rows: T[], f: (row: T) => Change) => {
    for (const row of rows) out.push(f(row));
  };

  page(
    await tx.select().from(r.assignments)
      .where(and(inRange(r.assignments.version), subject(r.assignments.documentId, r.assignments.taskId)))
      .orderBy(asc(r.assignments.version)).limit(take),
    (a) => ({
      entity: 'assignment', id: a.id, version: a.version, deleted: false,
      data: {
        id: a.id, documentId: a.documentId, taskId: a.taskId, parentId: a.parentId, assigneeUserId: a.assigneeUserId,
        assigneeUnitId: a.assigneeUnitId, role: a.role as AssignmentRole, dueDate: a.dueDate, status: a.status as AssignmentStatus,
        assignedBy: a.assignedBy, directiveId: a.directiveId, resultNote: a.resultNote, replyNotation: a.replyNotation,
        completedAt: iso(a.completedAt), createdAt: a.createdAt.toISOString(),
      },
    }),
  );
  page(
    await tx.select().from(r.directives)
      .where(and(inRange(r.directives.version), documentVisibleById(user, sql`${r.directives.documentId}`)))
      .orderBy(asc(r.directives.version)).limit(take),
    (d) => ({
      entity: 'directive', id: d.id, version: d.version, deleted: false,
      data: { id: d.id, documentId: d.documentId, authorId: d.authorId, text: d.text, createdAt: d.createdAt.toISOString() },
    }),
  );
  page(
    await tx.select().from(r.routingEvents)
      .where(and(inRange(r.routingEvents.version), subject(r.routingEvents.documentId, r.routingEvents.taskId)))
      .orderBy(asc(r.routingEvents.version)).limit(take),
    (e) => ({
      entity: 'routingEvent', id: e.id, version: e.version, deleted: false,
      data: {
        id: e.id, documentId: e.documentId, taskId: e.taskId, kind: e.kind as RoutingEventKind, actorId: e.actorId,
        text: e.text, createdAt: e.createdAt.toISOString(),
      },
    }),
  );
  page(
    await tx.select().from(r.opinions)
      .where(and(inRange(r.opinions.version), subject(r.opinions.documentId, r.opinions.taskId)))
      .orderBy(asc(r.opinions.version)).limit(take),
    (o) => ({
      entity: 'opinion', id: o.id, version: o.version, deleted: false,
      data: {
        id: o.id, documentId: o.documentId, taskId: o.taskId, assignmentId: o.assignmentId, authorId: o.authorId,
        text: o.text, files: o.files, createdAt: o.createdAt.toISOString(),
      },
    }),
  );
  page(
    await tx.select().from(r.tasks)
      .where(and(inRange(r.tasks.version), taskVisibleById(user, sql`${r.tasks.id}`)))
      .orderBy(asc(r.tasks.version)).limit(take),
    (t) => ({
      entity: 'task', id: t.id, version: t.version, deleted: false,
      data: {
        id: t.id, title: t.title, description: t.description, documentId: t.documentId, assignedBy: t.assignedBy,
        dueDate: t.dueDate, status: t.status as TaskStatus, createdAt: t.createdAt.toISOString(), completedAt: iso(t.completedAt),
      },
    }),
  );
  page(
    await tx.select().from(r.taskReports)
      .where(and(inRange(r.taskReports.version), taskVisibleById(user, sql`${r.taskReports.taskId}`)))
      .orderBy(asc(r.taskReports.version)).limit(take),
    (t) => ({
      entity: 'taskReport', id: t.id, version: t.version, deleted: false,
      data: {
        id: t.id, taskId: t.taskId, assignmentId: t.assignmentId, authorId: t.authorId, percent: t.percent, text: t.text,
        createdAt: t.createdAt.toISOString(),
      },
    }),
  );
  page(
    await tx.select().from(r.extensionRequests)
      .where(and(inRange(r.extensionRequests.version), subject(r.extensionRequests.documentId, r.extensionRequests.taskId)))
      .orderBy(asc(r.extensionRequests.version)).limit(take),
    (x) => ({
      entity: 'extensionRequest', id: x.id, version: x.version, deleted: false,
      data: {
        id: x.id, assignmentId: x.assignmentId, documentId: x.documentId, taskId: x.taskId, requestedBy: x.requestedBy,
        currentDueDate: x.currentDueDate, requestedDueDate: x.requestedDueDate, reason: x.reason,
        status: x.status as ExtensionStatus, decidedBy: x.decidedBy, decisionNote: x.decisionNote, decidedAt: iso(x.decidedAt),
        createdAt: x.createdAt.toISOString(),
      },
    }),
  );
  page(
    await tx.select().from(r.holidays).where(inRange(r.holidays.version)).orderBy(asc(r.holidays.version)).limit(take),
    (h) => ({
      entity: 'holiday', id: h.date, version: h.version, deleted: false,
      data: { date: h.date, name: h.name, kind: h.kind as HolidayKind, active: h.active },
    }),
  );
  page(
    await tx.select().from(r.workFiles)
      .where(and(inRange(r.workFiles.version), workFileVisibleById(user, sql`${r.workFiles.id}`)))
      .orderBy(asc(r.workFiles.version)).limit(take),
    (w) => ({
      entity: 'workFile', id: w.id, version: w.version, deleted: false,
      data: {
        id: w.id, code: w.code, title: w.title, retentionYears: w.retentionYears, year: w.year, ownerId: w.ownerId,
        unitId: w.unitId, description: w.description, status: w.status as WorkFileStatus, closedAt: w.closedAt,
        createdAt: w.createdAt.toISOString(),
      },
    }),
  );
  page(
    await tx.select().from(r.workFileDocuments)
      .where(and(inRange(r.workFileDocuments.version), workFileVisibleById(user, sql`${r.workFileDocuments.workFileId}`)))
      .orderBy(asc(r.workFileDocuments.version)).limit(take),
    (w) => ({
      entity: 'workFileDocument', id: w.id, version: w.version, deleted: false,
      data: { id: w.id, workFileId: w.workFileId, documentId: w.documentId, addedBy: w.addedBy, addedAt: w.addedAt.toISOString() },
    }),
  );
  if (!seesAllRouting(user)) {
    page(
      await tx.select().from(r.accessRevocations)
        .where(and(eq(r.accessRevocations.userId, user.id), inRange(r.accessRevocations.version)))
        .orderBy(asc(r.accessRevocations.version)).limit(take),
      (t) => ({ entity: t.entity as 'incomingDocument' | 'task', id: t.entityId, version: t.version, deleted: true }),
    );
  }
  return out;
}
