/**
 * Building the contract's view rows (methods-routing.ts) from the routing model: names, deadline flags on the
 * working calendar, document summaries (confirmed or still pending registration).
 */
import type Database from 'better-sqlite3';
import type { AssignmentView, ExtensionView, HistoryItem, OpinionView, RoutingDocumentSummary } from '../../../src-shared/contract/methods-routing';
import { todayInVietnam } from '../../../src-shared/domain/dates';
import type { User } from '../../../src-shared/domain/entities';
import { DUE_SOON_WORKING_DAYS, type Assignment, type ExtensionRequest } from '../../../src-shared/domain/routing';
import { createWorkingCalendar, type WorkingCalendar } from '../../../src-shared/domain/working-days';
import type { RoutingModel, Row } from './routing-model';

export type ViewContext = {
  sqlite: Database.Database;
  model: RoutingModel;
  user: User;
  today: string;
  calendar: WorkingCalendar;
  name: (id: string | null) => string;
};

export function viewContext(sqlite: Database.Database, model: RoutingModel, user: User, now: Date): ViewContext {
  const names = new Map<string, string>();
  for (const u of sqlite.prepare('SELECT id, full_name FROM users').all() as { id: string; full_name: string }[]) names.set(u.id, u.full_name);
  for (const u of sqlite.prepare('SELECT id, name FROM units').all() as { id: string; name: string }[]) names.set(u.id, u.name);
  return {
    sqlite,
    model,
    user,
    today: todayInVietnam(now),
    calendar: createWorkingCalendar([...model.holidays.values()]),
    name: (id) => (id ? (names.get(id) ?? '') : ''),
  };
}

/** The assignment is the user's own, or their unit's when they head it. */
export function isMine(user: User, a: Pick<Assignment, 'assigneeUserId' | 'assigneeUnitId'>): boolean {
  if (a.assigneeUserId) return a.assigneeUserId === user.id;
  return user.role === 'unitHead' && user.unitId !== null && a.assigneeUnitId === user.unitId;
}

export function deadlineFlags(v: ViewContext, dueDate: string | null, open: boolean) {
  if (!dueDate) return { overdue: false, dueSoon: false, workingDaysLeft: null };
  const left = v.calendar.workingDaysBetween(v.today, dueDate);
  return {
    overdue: open && v.today > dueDate,
    dueSoon: open && v.today <= dueDate && left <= DUE_SOON_WORKING_DAYS,
    workingDaysLeft: left,
  };
}

export function assignmentView(v: ViewContext, a: Row<Assignment>): AssignmentView {
  return {
    ...a,
    assigneeName: v.name(a.assigneeUserId ?? a.assigneeUnitId),
    assignedByName: v.name(a.assignedBy),
    ...deadlineFlags(v, a.dueDate, a.status === 'open'),
  };
}

export function historyOf(v: ViewContext, match: (e: { documentId: string | null; taskId: string | null }) => boolean): HistoryItem[] {
  return [...v.model.events.values()]
    .filter(match)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((e) => ({ ...e, actorName: v.name(e.actorId) }));
}

export function opinionsOf(v: ViewContext, match: (o: { documentId: string | null; taskId: string | null }) => boolean): OpinionView[] {
  return [...v.model.opinions.values()]
    .filter(match)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((o) => ({ ...o, authorName: v.name(o.authorId) }));
}

export function extensionView(v: ViewContext, x: Row<ExtensionRequest>): ExtensionView {
  const a = v.model.assignments.get(x.assignmentId);
  const subjectTitle = x.taskId
    ? (v.model.tasks.get(x.taskId)?.title ?? '')
    : x.documentId
      ? (documentSummary(v, x.documentId)?.subject ?? '')
      : '';
  return {
    ...x,
    requestedByName: v.name(x.requestedBy),
    decidedByName: x.decidedBy ? v.name(x.decidedBy) : null,
    subjectTitle,
    canDecide: x.status === 'pending' && x.syncState !== 'rejected' && a?.assignedBy === v.user.id,
  };
}

type DocRow = {
  id: string; arrival_number: number | null; arrival_date: string; issuer: string; number: string | null; notation: string;
  document_date: string; doc_type: string; subject: string; urgency: string; secrecy: string; due_date: string | null; status?: string;
};

/** A document of the replica, or one still waiting to be registered on the server (provisional number). */
export function documentSummary(v: ViewContext, id: string): RoutingDocumentSummary | null {
  const row =
    (v.sqlite.prepare(
      `SELECT id, arrival_number, arrival_date, issuer, number, notation, document_date, doc_type, subject, urgency, secrecy, due_date, status
       FROM incoming_documents WHERE id = ?`,
    ).get(id) as DocRow | undefined) ??
    (v.sqlite.prepare(
      `SELECT id, provisional_number AS arrival_number, arrival_date, issuer, number, notation, document_date, doc_type, subject, urgency,
         secrecy, due_date FROM pending_incoming WHERE id = ?`,
    ).get(id) as DocRow | undefined);
  if (!row) return null;
  const status = v.model.documentStatus.get(id)?.status ?? (row.status as RoutingDocumentSummary['status'] | undefined) ?? 'registered';
  return {
    id: row.id, arrivalNumber: row.arrival_number, arrivalDate: row.arrival_date, issuer: row.issuer, number: row.number,
    notation: row.notation, documentDate: row.document_date, docType: row.doc_type as RoutingDocumentSummary['docType'],
    subject: row.subject, urgency: row.urgency as RoutingDocumentSummary['urgency'], secrecy: row.secrecy as RoutingDocumentSummary['secrecy'],
    dueDate: row.due_date, status,
  };
}
