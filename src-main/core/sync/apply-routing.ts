/**
 * Pulled routing rows (issue 6) into the replica: called by apply-pull.ts inside the page's transaction.
 * Each entity goes to its table with the columns views filter on, and the full entity as JSON.
 */
import type Database from 'better-sqlite3';
import type { Change } from '../../../src-shared/sync/protocol';

export type RoutingChange = Extract<
  Change,
  { entity: 'assignment' | 'directive' | 'routingEvent' | 'opinion' | 'task' | 'taskReport' | 'extensionRequest' | 'holiday' | 'workFile' | 'workFileDocument' }
>;
export type RoutingEntity = RoutingChange['entity'];

/** Table and the extra columns (entity field per column) of each routing entity. */
const LAYOUT: Record<RoutingEntity, { table: string; columns: Record<string, string> }> = {
  assignment: {
    table: 'assignments',
    columns: {
      document_id: 'documentId', task_id: 'taskId', assignee_user_id: 'assigneeUserId', assignee_unit_id: 'assigneeUnitId',
      role: 'role', status: 'status', due_date: 'dueDate', assigned_by: 'assignedBy',
    },
  },
  directive: { table: 'directives', columns: { document_id: 'documentId' } },
  routingEvent: { table: 'routing_events', columns: { document_id: 'documentId', task_id: 'taskId', created_at: 'createdAt' } },
  opinion: { table: 'opinions', columns: { document_id: 'documentId', task_id: 'taskId' } },
  task: { table: 'tasks', columns: { document_id: 'documentId', status: 'status', due_date: 'dueDate', assigned_by: 'assignedBy' } },
  taskReport: { table: 'task_reports', columns: { task_id: 'taskId' } },
  extensionRequest: {
    table: 'extension_requests',
    columns: { assignment_id: 'assignmentId', document_id: 'documentId', task_id: 'taskId', status: 'status' },
  },
  holiday: { table: 'holidays', columns: {} },
  workFile: { table: 'work_files', columns: { status: 'status' } },
  workFileDocument: { table: 'work_file_documents', columns: { work_file_id: 'workFileId', document_id: 'documentId' } },
};

export function isRoutingChange(change: Change): change is RoutingChange {
  return Object.prototype.hasOwnProperty.call(LAYOUT, change.entity);
}

export function applyRoutingChange(prepare: (sql: string) => Database.Statement, change: RoutingChange): void {
  const { table, columns } = LAYOUT[change.entity];
  if (change.deleted || !change.data) {
    prepare(`DELETE FROM ${table} WHERE id = ?`).run(change.id);
    // A task the user lost access to takes its history, reports and requests with it.
    if (change.entity === 'task') {
      for (const t of ['assignments', 'routing_events', 'opinions', 'task_reports', 'extension_requests']) {
        prepare(`DELETE FROM ${t} WHERE task_id = ?`).run(change.id);
      }
    }
    return;
  }
  const data = change.data as Record<string, unknown>;
  const cols = Object.keys(columns);
  prepare(
    `INSERT OR REPLACE INTO ${table} (id, ${cols.map((c) => `${c}, `).join('')}data, version) VALUES (?, ${cols.map(() => '?, ').join('')}?, ?)`,
  ).run(change.id, ...cols.map((c) => (data[columns[c]!] ?? null) as string | null), JSON.stringify(data), change.version);
}

/** A document left the user's view: its routing rows go too (its tasks stay if still visible on their own). */
export function forgetDocumentRouting(sqlite: Database.Database, documentId: string): void {
  for (const table of ['assignments', 'directives', 'routing_events', 'opinions', 'extension_requests', 'work_file_documents']) {
    sqlite.prepare(`DELETE FROM ${table} WHERE document_id = ?`).run(documentId);
  }
}

/** Every routing row tied to documents or tasks (the user's role or unit changed: the pull restarts from 0). */
export function forgetAllRouting(sqlite: Database.Database): void {
  for (const table of ['assignments', 'directives', 'routing_events', 'opinions', 'tasks', 'task_reports', 'extension_requests', 'work_file_documents']) {
    sqlite.prepare(`DELETE FROM ${table}`).run();
  }
}

/** sha256 of files attached to confirmed opinions (kept in the file cache while referenced). */
export const OPINION_FILE_REFERENCE_SQL = 'EXISTS (SELECT 1 FROM opinions WHERE instr(data, @sha) > 0)';
