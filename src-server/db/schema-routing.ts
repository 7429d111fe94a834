/**
 * Server tables of routing, handling and task tracking (issue 6), re-exported by schema.ts.
 * Every replicated row carries `version` from the ONE `change_version` sequence (see schema.ts, db/versions.ts).
 * `access_revocations` are per-user tombstones: a row there makes the pull tell that user to drop an entity they
 * could see through an assignment that was taken away. `user_activity` is not replicated (reports only).
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { RoutingFile } from '../../src-shared/domain/routing';

const version = () =>
  bigint('version', { mode: 'number' })
    .notNull()
    .default(sql`nextval('change_version')`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey(),
    documentId: uuid('document_id'),
    taskId: uuid('task_id'),
    parentId: uuid('parent_id'),
    assigneeUserId: uuid('assignee_user_id'),
    assigneeUnitId: uuid('assignee_unit_id'),
    role: text('role').notNull(),
    dueDate: text('due_date'),
    status: text('status').notNull(),
    assignedBy: uuid('assigned_by').notNull(),
    directiveId: uuid('directive_id'),
    resultNote: text('result_note').notNull().default(''),
    replyNotation: text('reply_notation'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    index('assignments_document_idx').on(t.documentId),
    index('assignments_task_idx').on(t.taskId),
    index('assignments_user_idx').on(t.assigneeUserId),
    index('assignments_version_idx').on(t.version),
  ],
);

export const directives = pgTable(
  'directives',
  {
    id: uuid('id').primaryKey(),
    documentId: uuid('document_id').notNull(),
    authorId: uuid('author_id').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index('directives_document_idx').on(t.documentId), index('directives_version_idx').on(t.version)],
);

export const routingEvents = pgTable(
  'routing_events',
  {
    id: uuid('id').primaryKey(),
    documentId: uuid('document_id'),
    taskId: uuid('task_id'),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    index('routing_events_document_idx').on(t.documentId),
    index('routing_events_task_idx').on(t.taskId),
    index('routing_events_version_idx').on(t.version),
  ],
);

export const opinions = pgTable(
  'opinions',
  {
    id: uuid('id').primaryKey(),
    documentId: uuid('document_id'),
    taskId: uuid('task_id'),
    assignmentId: uuid('assignment_id'),
    authorId: uuid('author_id').notNull(),
    text: text('text').notNull(),
    files: jsonb('files').$type<RoutingFile[]>().notNull().default([]),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    index('opinions_document_idx').on(t.documentId),
    index('opinions_task_idx').on(t.taskId),
    index('opinions_version_idx').on(t.version),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    documentId: uuid('document_id'),
    assignedBy: uuid('assigned_by').notNull(),
    dueDate: text('due_date').notNull(),
    status: text('status').notNull(),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    version: version(),
  },
  (t) => [index('tasks_version_idx').on(t.version)],
);

export const taskReports = pgTable(
  'task_reports',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id').notNull(),
    assignmentId: uuid('assignment_id').notNull(),
    authorId: uuid('author_id').notNull(),
    percent: integer('percent').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index('task_reports_task_idx').on(t.taskId), index('task_reports_version_idx').on(t.version)],
);

export const extensionRequests = pgTable(
  'extension_requests',
  {
    id: uuid('id').primaryKey(),
    assignmentId: uuid('assignment_id').notNull(),
    documentId: uuid('document_id'),
    taskId: uuid('task_id'),
    requestedBy: uuid('requested_by').notNull(),
    currentDueDate: text('current_due_date').notNull(),
    requestedDueDate: text('requested_due_date').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    decidedBy: uuid('decided_by'),
    decisionNote: text('decision_note').notNull().default(''),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index('extension_requests_assignment_idx').on(t.assignmentId), index('extension_requests_version_idx').on(t.version)],
);

export const holidays = pgTable(
  'holidays',
  {
    date: text('date').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    active: boolean('active').notNull(),
    version: version(),
  },
  (t) => [index('holidays_version_idx').on(t.version)],
);

export const workFiles = pgTable(
  'work_files',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    retentionYears: integer('retention_years'),
    year: integer('year').notNull(),
    ownerId: uuid('owner_id').notNull(),
    unitId: uuid('unit_id'),
    description: text('description').notNull().default(''),
    status: text('status').notNull(),
    closedAt: text('closed_at'),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [uniqueIndex('work_files_year_code_uq').on(t.year, t.code), index('work_files_version_idx').on(t.version)],
);

export const workFileDocuments = pgTable(
  'work_file_documents',
  {
    id: uuid('id').primaryKey(),
    workFileId: uuid('work_file_id').notNull(),
    documentId: uuid('document_id').notNull(),
    addedBy: uuid('added_by').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    version: version(),
  },
  (t) => [
    uniqueIndex('work_file_documents_uq').on(t.workFileId, t.documentId),
    index('work_file_documents_version_idx').on(t.version),
  ],
);

/** Per-user tombstones: `entity` is 'incomingDocument' or 'task'. */
export const accessRevocations = pgTable(
  'access_revocations',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id').notNull(),
    entity: text('entity').notNull(),
    entityId: uuid('entity_id').notNull(),
    version: version(),
  },
  (t) => [index('access_revocations_user_version_idx').on(t.userId, t.version)],
);

/** One row per user and Vietnam day on which they signed in, pushed or pulled. */
export const userActivity = pgTable(
  'user_activity',
  {
    userId: uuid('user_id').notNull(),
    day: text('day').notNull(),
    firstAt: timestamp('first_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);
