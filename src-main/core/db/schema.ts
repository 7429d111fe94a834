/**
 * The desktop replica (`replica.db`): confirmed server state only, a mirror of the rows the server sent with their
 * version, and the pull cursor that describes how far this file got. Pending local state (outbox, overlays, queues)
 * lives in `local.db` (schema-local.ts), so a damaged or deleted replica is rebuilt from the server without losing it.
 * The UI shows confirmed ∪ pending.
 */
import { integer, sqliteTable, text, index } from 'drizzle-orm/sqlite-core';

export const units = sqliteTable('units', {
  id: text('id').primaryKey(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  parentId: text('parent_id'),
  version: integer('version').notNull(),
});

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull(),
  fullName: text('full_name').notNull(),
  role: text('role').notNull(),
  unitId: text('unit_id'),
  position: text('position').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull(),
  version: integer('version').notNull(),
});

export const registers = sqliteTable('registers', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  year: integer('year').notNull(),
  name: text('name').notNull(),
  lastNumber: integer('last_number').notNull(),
  version: integer('version').notNull(),
});

export const incomingDocuments = sqliteTable(
  'incoming_documents',
  {
    id: text('id').primaryKey(),
    registerId: text('register_id').notNull(),
    year: integer('year').notNull(),
    arrivalNumber: integer('arrival_number').notNull(),
    arrivalDate: text('arrival_date').notNull(),
    issuer: text('issuer').notNull(),
    number: text('number'),
    notation: text('notation').notNull(),
    documentDate: text('document_date').notNull(),
    docType: text('doc_type').notNull(),
    subject: text('subject').notNull(),
    urgency: text('urgency').notNull(),
    secrecy: text('secrecy').notNull(),
    dueDate: text('due_date'),
    pageCount: integer('page_count'),
    recipients: text('recipients').notNull(),
    note: text('note').notNull(),
    status: text('status').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    provisionalNumber: integer('provisional_number'),
    /** foldVietnamese(issuer + notation + subject): accent-insensitive search with a plain LIKE. */
    searchText: text('search_text').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [index('incoming_documents_year_idx').on(t.year, t.arrivalNumber)],
);

export const documentFiles = sqliteTable(
  'document_files',
  {
    id: text('id').primaryKey(),
    documentId: text('document_id').notNull(),
    sha256: text('sha256').notNull(),
    name: text('name').notNull(),
    size: integer('size').notNull(),
    mime: text('mime').notNull(),
    role: text('role').notNull(),
    pageCount: integer('page_count'),
    version: integer('version').notNull(),
  },
  (t) => [index('document_files_document_idx').on(t.documentId), index('document_files_sha_idx').on(t.sha256)],
);

/**
 * Single row (id = 1): the server version this file has pulled up to. It lives in the replica, not in local.db, so a
 * recreated replica starts from 0 by construction and a page's rows and its cursor always commit in the same file.
 */
export const pullState = sqliteTable('pull_state', {
  id: integer('id').primaryKey(),
  cursor: integer('cursor').notNull().default(0),
});
export * from './schema-outgoing';
export * from './schema-routing';
