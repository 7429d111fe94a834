/**
 * Routing commands of the desktop (issue 6): check what the user may do from the replica (the server checks again),
 * turn the input into a mutation with client-generated ids and queue it. Each command is ONE SQLite transaction.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/contract/errors';
import type { AssigneeInput, DueInput } from '../../../src-shared/contract/methods-routing';
import { todayInVietnam } from '../../../src-shared/domain/dates';
import type { User } from '../../../src-shared/domain/entities';
import type { RoutingFile } from '../../../src-shared/domain/routing';
import { computeDeadline, createWorkingCalendar } from '../../../src-shared/domain/working-days';
import type { AssigneeArgs, RoutingMutationArgs, RoutingMutationName } from '../../../src-shared/sync/mutations-routing';
import { loadRoutingModel, type RoutingModel } from './routing-model';
import { enqueueRouting } from './routing-outbox';
import { isMine } from './routing-views';

export type RoutingDeps = {
  sqlite: Database.Database;
  requireUser: () => User;
  /** Local data changed and a mutation waits: refresh the UI and run the sync now. */
  onQueued: () => void;
  now?: () => Date;
};

type ParsedAssignee = { assigneeUserId: string | null; assigneeUnitId: string | null; role: AssigneeArgs['role']; due: DueInput | null };

export function createRoutingCommands(deps: RoutingDeps) {
  const { sqlite } = deps;
  const now = deps.now ?? (() => new Date());

  function queue<N extends RoutingMutationName>(user: User, name: N, args: RoutingMutationArgs<N>): { id: string; queued: true } {
    sqlite.transaction(() => enqueueRouting(sqlite, user.id, name, args, now()))();
    deps.onQueued();
    const a = args as Record<string, unknown>;
    const id = [a.documentId, a.taskId, a.requestId, a.reportId, a.opinionId, a.workFileId, a.assignmentId, a.date, a.id].find((x) => typeof x === 'string');
    return { id: id as string, queued: true };
  }

  function model(): RoutingModel {
    return loadRoutingModel(sqlite);
  }

  function dueDate(due: DueInput | null, m: RoutingModel): string | null {
    if (!due) return null;
    if ('date' in due) return due.date;
    return computeDeadline(createWorkingCalendar([...m.holidays.values()]), todayInVietnam(now()), due.amount, due.unit);
  }

  function assignees(list: AssigneeInput[], m: RoutingModel): AssigneeArgs[] {
    return (list as ParsedAssignee[]).map((a) => ({
      assignmentId: randomUUID(), assigneeUserId: a.assigneeUserId ?? null, assigneeUnitId: a.assigneeUnitId ?? null, role: a.role,
      dueDate: dueDate(a.due ?? null, m),
    }));
  }

  function routingFiles(files: { sha256: string; name: string; kind: RoutingFile['kind'] }[]): RoutingFile[] {
    return files.map((f) => {
      const row = sqlite.prepare('SELECT size, mime FROM local_blobs WHERE sha256 = ?').get(f.sha256) as { size: number; mime: string } | undefined;
      if (!row) throw new AppError('FILE_INVALID', `Tệp "${f.name}" chưa được nạp vào máy (có thể đã bị xóa). Vui lòng chọn lại tệp.`);
      return { sha256: f.sha256, name: f.name, size: row.size, mime: row.mime, kind: f.kind };
    });
  }

  function documentExists(id: string): boolean {
    return sqlite.prepare('SELECT 1 FROM incoming_documents WHERE id = ? UNION ALL SELECT 1 FROM pending_incoming WHERE id = ?').get(id, id) !== undefined;
  }

  function ownOpenAssignment(user: User, m: RoutingModel, id: string) {
    const a = m.assignments.get(id);
    if (!a) throw new AppError('NOT_FOUND', 'Không tìm thấy phân công này. Vui lòng đồng bộ lại.');
    if (!isMine(user, a)) throw new AppError('FORBIDDEN', 'Chỉ người được giao mới thực hiện được thao tác này trên phân công.');
    if (a.status !== 'open') throw new AppError('CONFLICT', 'Phân công này đã được hoàn thành, trả lại hoặc giao cho người khác.');
    return a;
  }

  return {
    dueDate: (due: DueInput | null) => dueDate(due, model()),
    assignees: (list: AssigneeInput[]) => assignees(list, model()),
    routingFiles,
    queue,
    ownOpenAssignment: (id: string) => ownOpenAssignment(deps.requireUser(), model(), id),

    submit(p: { documentId: string; leaderId: string | null; note: string }) {
      const user = deps.requireUser();
      if (user.role !== 'clerk' && user.role !== 'admin') throw new AppError('FORBIDDEN', 'Chỉ văn thư được trình văn bản đến cho lãnh đạo.');
      if (!documentExists(p.documentId)) throw new AppError('NOT_FOUND');
      const status = model().documentStatus.get(p.documentId)?.status ?? 'registered';
      if (status !== 'registered') throw new AppError('CONFLICT', 'Văn bản này đã được trình hoặc đã được phân công.');
      return queue(user, 'document.submit', { documentId: p.documentId, eventId: randomUUID(), leaderId: p.leaderId, note: p.note });
    },

    assign(p: { documentId: string; directive: string; assignments: AssigneeInput[] }) {
      const user = deps.requireUser();
      if (user.role !== 'leader') throw new AppError('FORBIDDEN', 'Chỉ lãnh đạo cơ quan được bút phê và phân công xử lý văn bản.');
      if (!documentExists(p.documentId)) throw new AppError('NOT_FOUND');
      const m = model();
      const list = assignees(p.assignments, m);
      if (list.filter((a) => a.role === 'primary').length !== 1) {
        throw new AppError('INVALID_INPUT', 'Chọn đúng một người hoặc đơn vị xử lý chính.');
      }
      return queue(user, 'document.assign', { documentId: p.documentId, directiveId: randomUUID(), eventId: randomUUID(), directive: p.directive, assignments: list });
    },

    reassign(p: { assignmentId: string; note: string; assignments: AssigneeInput[] }) {
      const user = deps.requireUser();
      if (user.role !== 'unitHead' && user.role !== 'leader') throw new AppError('FORBIDDEN', 'Chỉ trưởng phòng (trong đơn vị) hoặc lãnh đạo được giao lại phân công.');
      const m = model();
      if (!m.assignments.get(p.assignmentId)) throw new AppError('NOT_FOUND', 'Không tìm thấy phân công này. Vui lòng đồng bộ lại.');
      return queue(user, 'assignment.reassign', { assignmentId: p.assignmentId, eventId: randomUUID(), note: p.note, assignments: assignees(p.assignments, m) });
    },

    addOpinion(p: { documentId: string | null; taskId: string | null; assignmentId: string | null; text: string; files: { sha256: string; name: string; kind: RoutingFile['kind'] }[] }) {
      const user = deps.requireUser();
      if ((p.documentId === null) === (p.taskId === null)) throw new AppError('INVALID_INPUT', 'Ý kiến phải thuộc một văn bản hoặc một nhiệm vụ.');
      return queue(user, 'opinion.add', {
        opinionId: randomUUID(), eventId: randomUUID(), documentId: p.documentId, taskId: p.taskId, assignmentId: p.assignmentId,
        text: p.text, files: routingFiles(p.files),
      });
    },

    complete(p: { assignmentId: string; resultNote: string; replyNotation: string | null; files: { sha256: string; name: string; kind: RoutingFile['kind'] }[] }) {
      const user = deps.requireUser();
      ownOpenAssignment(user, model(), p.assignmentId);
      return queue(user, 'assignment.complete', {
        assignmentId: p.assignmentId, eventId: randomUUID(), opinionId: randomUUID(), resultNote: p.resultNote,
        replyNotation: p.replyNotation, files: routingFiles(p.files),
      });
    },

    returnAssignment(p: { assignmentId: string; reason: string }) {
      const user = deps.requireUser();
      ownOpenAssignment(user, model(), p.assignmentId);
      return queue(user, 'assignment.return', { assignmentId: p.assignmentId, eventId: randomUUID(), reason: p.reason });
    },
  };
}

export type RoutingCommands = ReturnType<typeof createRoutingCommands>;
