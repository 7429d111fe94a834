/**
 * The routing state one desktop shows (issue 6): confirmed rows of the replica with the user's queued routing
 * mutations replayed on top, in order (optimistic, works offline). A refused mutation changes nothing confirmed;
 * what it created stays visible, marked `rejected` with the server's reason, so the user can see why.
 */
import type Database from 'better-sqlite3';
import type {
  Assignment,
  Directive,
  ExtensionRequest,
  Holiday,
  Opinion,
  RoutingEvent,
  RoutingEventKind,
  Task,
  TaskReport,
  WorkFile,
  WorkFileDocument,
} from '../../../src-shared/domain/routing';
import type { IncomingStatus } from '../../../src-shared/domain/enums';
import { pendingRoutingMutations, type PendingRoutingMutation } from './routing-outbox';

export type Sync = { syncState: 'synced' | 'pending' | 'rejected'; rejectReason: string | null };
export type Row<T> = T & Sync;

export type RoutingModel = {
  assignments: Map<string, Row<Assignment>>;
  directives: Map<string, Row<Directive>>;
  events: Map<string, Row<RoutingEvent>>;
  opinions: Map<string, Row<Opinion>>;
  tasks: Map<string, Row<Task>>;
  reports: Map<string, Row<TaskReport>>;
  extensions: Map<string, Row<ExtensionRequest>>;
  holidays: Map<string, Holiday>;
  workFiles: Map<string, Row<WorkFile>>;
  workFileDocuments: Map<string, Row<WorkFileDocument>>;
  /** Document status after the pending mutations (confirmed status otherwise). */
  documentStatus: Map<string, Row<{ status: IncomingStatus }>>;
};

const SYNCED: Sync = { syncState: 'synced', rejectReason: null };

function load<T>(sqlite: Database.Database, table: string): Map<string, Row<T>> {
  const m = new Map<string, Row<T>>();
  for (const r of sqlite.prepare(`SELECT id, data FROM ${table}`).all() as { id: string; data: string }[]) {
    m.set(r.id, { ...(JSON.parse(r.data) as T), ...SYNCED });
  }
  return m;
}

export function loadRoutingModel(sqlite: Database.Database): RoutingModel {
  const model: RoutingModel = {
    assignments: load(sqlite, 'assignments'),
    directives: load(sqlite, 'directives'),
    events: load(sqlite, 'routing_events'),
    opinions: load(sqlite, 'opinions'),
    tasks: load(sqlite, 'tasks'),
    reports: load(sqlite, 'task_reports'),
    extensions: load(sqlite, 'extension_requests'),
    holidays: new Map([...load<Holiday>(sqlite, 'holidays').values()].map((h) => [h.date, { date: h.date, name: h.name, kind: h.kind, active: h.active }])),
    workFiles: load(sqlite, 'work_files'),
    workFileDocuments: load(sqlite, 'work_file_documents'),
    documentStatus: new Map(
      (sqlite.prepare('SELECT id, status FROM incoming_documents').all() as { id: string; status: IncomingStatus }[]).map((d) => [
        d.id,
        { status: d.status, ...SYNCED },
      ]),
    ),
  };
  for (const m of pendingRoutingMutations(sqlite)) replay(model, m);
  return model;
}

/** Adds a row unless the confirmed one already arrived (the server's row wins). */
function add<T extends { id: string }>(map: Map<string, Row<T>>, row: T, sync: Sync): void {
  if (!map.has(row.id)) map.set(row.id, { ...row, ...sync });
}

function replay(model: RoutingModel, m: PendingRoutingMutation): void {
  const sync: Sync = { syncState: m.status, rejectReason: m.rejectReason };
  const live = m.status === 'pending';
  const at = m.createdAt;
  const event = (id: string, documentId: string | null, taskId: string | null, kind: RoutingEventKind, text: string) =>
    add(model.events, { id, documentId, taskId, kind, actorId: m.userId, text, createdAt: at }, sync);
  const change = <T>(map: Map<string, Row<T>>, id: string, patch: Partial<T>) => {
    const row = map.get(id);
    if (live && row) map.set(id, { ...row, ...patch, syncState: 'pending', rejectReason: null });
  };
  const docStatus = (id: string | null, status: IncomingStatus) => {
    if (live && id) model.documentStatus.set(id, { status, syncState: 'pending', rejectReason: null });
  };
  const newAssignments = (
    subject: { documentId: string | null; taskId: string | null },
    list: RoutingAssigneeList,
    extra: { parentId: string | null; directiveId: string | null; fallbackDue: string | null },
  ) => {
    for (const a of list) {
      add(model.assignments, {
        id: a.assignmentId, ...subject, parentId: extra.parentId, assigneeUserId: a.assigneeUserId, assigneeUnitId: a.assigneeUnitId,
        role: a.role, dueDate: a.dueDate ?? extra.fallbackDue, status: 'open', assignedBy: m.userId, directiveId: extra.directiveId,
        resultNote: '', replyNotation: null, completedAt: null, createdAt: at,
      }, sync);
    }
  };
  switch (m.name) {
    case 'document.submit':
      docStatus(m.args.documentId, 'submitted');
      return event(m.args.eventId, m.args.documentId, null, 'submitted', m.args.note || 'Trình lãnh đạo');
    case 'document.assign':
      add(model.directives, { id: m.args.directiveId, documentId: m.args.documentId, authorId: m.userId, text: m.args.directive, createdAt: at }, sync);
      newAssignments({ documentId: m.args.documentId, taskId: null }, m.args.assignments, { parentId: null, directiveId: m.args.directiveId, fallbackDue: null });
      docStatus(m.args.documentId, 'assigned');
      return event(m.args.eventId, m.args.documentId, null, 'directed', m.args.directive);
    case 'assignment.reassign': {
      const src = model.assignments.get(m.args.assignmentId);
      if (!src) return;
      const takenFromOther = src.assigneeUserId !== null && src.assigneeUserId !== m.userId;
      change(model.assignments, src.id, { status: takenFromOther ? 'revoked' : 'forwarded' });
      newAssignments(src, m.args.assignments, { parentId: src.id, directiveId: src.directiveId, fallbackDue: src.dueDate });
      return event(m.args.eventId, src.documentId, src.taskId, 'reassigned', m.args.note || 'Giao lại trong đơn vị');
    }
    case 'opinion.add':
      add(model.opinions, {
        id: m.args.opinionId, documentId: m.args.documentId, taskId: m.args.taskId, assignmentId: m.args.assignmentId,
        authorId: m.userId, text: m.args.text, files: m.args.files, createdAt: at,
      }, sync);
      return event(m.args.eventId, m.args.documentId, m.args.taskId, 'opinion', m.args.text);
    case 'assignment.complete': {
      const a = model.assignments.get(m.args.assignmentId);
      if (!a) return;
      change(model.assignments, a.id, { status: 'done', resultNote: m.args.resultNote, replyNotation: m.args.replyNotation, completedAt: at });
      if (m.args.files.length > 0 || m.args.resultNote) {
        add(model.opinions, {
          id: m.args.opinionId, documentId: a.documentId, taskId: a.taskId, assignmentId: a.id, authorId: m.userId,
          text: m.args.resultNote || 'Kết quả xử lý', files: m.args.files, createdAt: at,
        }, sync);
      }
      if (a.role === 'primary') {
        docStatus(a.documentId, 'done');
        if (a.taskId) change(model.tasks, a.taskId, { status: 'done', completedAt: at });
      }
      return event(m.args.eventId, a.documentId, a.taskId, 'completed', m.args.resultNote || 'Hoàn thành');
    }
    case 'assignment.return': {
      const a = model.assignments.get(m.args.assignmentId);
      if (!a) return;
      change(model.assignments, a.id, { status: 'returned', resultNote: m.args.reason });
      if (a.parentId) change(model.assignments, a.parentId, { status: 'open' });
      else if (a.role === 'primary') docStatus(a.documentId, 'submitted');
      return event(m.args.eventId, a.documentId, a.taskId, 'returned', m.args.reason);
    }
    case 'task.create':
      add(model.tasks, {
        id: m.args.taskId, title: m.args.title, description: m.args.description, documentId: m.args.documentId, assignedBy: m.userId,
        dueDate: m.args.dueDate, status: 'open', createdAt: at, completedAt: null,
      }, sync);
      newAssignments({ documentId: null, taskId: m.args.taskId }, m.args.assignments, { parentId: null, directiveId: null, fallbackDue: m.args.dueDate });
      return event(m.args.eventId, null, m.args.taskId, 'taskCreated', m.args.title);
    case 'task.report': {
      const a = model.assignments.get(m.args.assignmentId);
      if (!a?.taskId) return;
      add(model.reports, { id: m.args.reportId, taskId: a.taskId, assignmentId: a.id, authorId: m.userId, percent: m.args.percent, text: m.args.text, createdAt: at }, sync);
      return event(m.args.eventId, null, a.taskId, 'progress', `Tiến độ ${m.args.percent}%: ${m.args.text}`);
    }
    case 'task.requestExtension': {
      const a = model.assignments.get(m.args.assignmentId);
      if (!a) return;
      add(model.extensions, {
        id: m.args.requestId, assignmentId: a.id, documentId: a.documentId, taskId: a.taskId, requestedBy: m.userId,
        currentDueDate: a.dueDate ?? m.args.requestedDueDate, requestedDueDate: m.args.requestedDueDate, reason: m.args.reason,
        status: 'pending', decidedBy: null, decisionNote: '', decidedAt: null, createdAt: at,
      }, sync);
      return event(m.args.eventId, a.documentId, a.taskId, 'extensionRequested', m.args.reason);
    }
    case 'task.decideExtension': {
      const x = model.extensions.get(m.args.requestId);
      if (!x) return;
      change(model.extensions, x.id, { status: m.args.approve ? 'approved' : 'refused', decidedBy: m.userId, decisionNote: m.args.note, decidedAt: at });
      if (m.args.approve) change(model.assignments, x.assignmentId, { dueDate: x.requestedDueDate });
      return event(m.args.eventId, x.documentId, x.taskId, m.args.approve ? 'extensionApproved' : 'extensionRefused', m.args.note);
    }
    case 'holiday.set':
      if (live) model.holidays.set(m.args.date, { ...m.args });
      return;
    case 'workfile.create':
      add(model.workFiles, {
        id: m.args.workFileId, code: m.args.code, title: m.args.title, retentionYears: m.args.retentionYears, year: m.args.year,
        ownerId: m.userId, unitId: null, description: m.args.description, status: 'open', closedAt: null, createdAt: at,
      }, sync);
      return;
    case 'workfile.addDocument':
      add(model.workFileDocuments, { id: m.args.id, workFileId: m.args.workFileId, documentId: m.args.documentId, addedBy: m.userId, addedAt: at }, sync);
      return;
    case 'workfile.close':
      change(model.workFiles, m.args.workFileId, { status: 'closed', closedAt: m.args.closedAt });
      return;
    default: {
      const missing: never = m;
      throw new Error(`routing mutation without overlay: ${JSON.stringify(missing)}`);
    }
  }
}

type RoutingAssigneeList = {
  assignmentId: string;
  assigneeUserId: string | null;
  assigneeUnitId: string | null;
  role: Assignment['role'];
  dueDate: string | null;
}[];
