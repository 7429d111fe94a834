/**
 * Replica tables of routing, handling and task tracking (issue 6): confirmed server rows only. Each row keeps the
 * entity as the server sent it (`data`, JSON of the shared zod schema) plus the columns lists filter and join on.
 * Pending work is not stored here: views overlay the user's routing mutations still in the outbox (routing.overlay.ts).
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const assignments = sqliteTable(
  'assignments',
  {
    id: text('id').primaryKey(),
    documentId: text('document_id'),
    taskId: text('task_id'),
    assigneeUserId: text('assignee_user_id'),
    assigneeUnitId: text('assignee_unit_id'),
    role: text('role').notNull(),
    status: text('status').notNull(),
    dueDate: text('due_date'),
    assignedBy: text('assigned_by').notNull(),
    data: text('data').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [
    index('assignments_document_idx').on(t.documentId),
    index('assignments_task_idx').on(t.taskId),
    index('assignments_user_idx').on(t.assigneeUserId),
  ],
);

export const directives = sqliteTable(
  'directives',
  { id: text('id').primaryKey(), documentId: text('document_id').notNull(), data: text('data').notNull(), version: integer('version').notNull() },
  (t) => [index('directives_document_idx').on(t.documentId)],
);

export const routingEvents = sqliteTable(
  'routing_events',
  {
    id: text('id').primaryKey(),
    documentId: text('document_id'),
    taskId: text('task_id'),
    createdAt: text('created_at').notNull(),
    data: text('data').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [index('routing_events_document_idx').on(t.documentId), index('routing_events_task_idx').on(t.taskId)],
);

export const opinions = sqliteTable(
  'opinions',
  {
    id: text('id').primaryKey(),
    documentId: text('document_id'),
    taskId: text('task_id'),
    data: text('data').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [index('opinions_document_idx').on(t.documentId), index('opinions_task_idx').on(t.taskId)],
);

export const tasks = sqliteTable('tasks', {
  id: text('id').primaryKey(),
  documentId: text('document_id'),
  status: text('status').notNull(),
  dueDate: text('due_date').notNull(),
  assignedBy: text('assigned_by').notNull(),
  data: text('data').notNull(),
  version: integer('version').notNull(),
});

export const taskReports = sqliteTable(
  'task_reports',
  { id: text('id').primaryKey(), taskId: text('task_id').notNull(), data: text('data').notNull(), version: integer('version').notNull() },
  (t) => [index('task_reports_task_idx').on(t.taskId)],
);

export const extensionRequests = sqliteTable(
  'extension_requests',
  {
    id: text('id').primaryKey(),
    assignmentId: text('assignment_id').notNull(),
    documentId: text('document_id'),
    taskId: text('task_id'),
    status: text('status').notNull(),
    data: text('data').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [index('extension_requests_assignment_idx').on(t.assignmentId)],
);

/** id = the date (YYYY-MM-DD). */
export const holidays = sqliteTable('holidays', { id: text('id').primaryKey(), data: text('data').notNull(), version: integer('version').notNull() });

export const workFiles = sqliteTable('work_files', {
  id: text('id').primaryKey(),
  status: text('status').notNull(),
  data: text('data').notNull(),
  version: integer('version').notNull(),
});

export const workFileDocuments = sqliteTable(
  'work_file_documents',
  {
    id: text('id').primaryKey(),
    workFileId: text('work_file_id').notNull(),
    documentId: text('document_id').notNull(),
    data: text('data').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [index('work_file_documents_file_idx').on(t.workFileId), index('work_file_documents_document_idx').on(t.documentId)],
);
