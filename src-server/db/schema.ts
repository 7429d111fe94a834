/**
 * The agency server's PostgreSQL schema (drizzle pg-core). Migrations in ./migrations are generated from this file
 * by drizzle-kit and never edited by hand.
 *
 * Invariant: every row that clients replicate carries `version`, taken from the ONE sequence `change_version` on
 * every insert and update. Writers take a transaction-scoped advisory lock before drawing versions (see
 * db/versions.ts), so versions become visible in commit order and a pull cursor never skips a row.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const changeVersion = pgSequence('change_version', { startWith: 1, increment: 1 });

const version = () =>
  bigint('version', { mode: 'number' })
    .notNull()
    .default(sql`nextval('change_version')`);

export const organization = pgTable('organization', {
  /** Always 1: one organization per server. */
  singleton: integer('singleton').primaryKey().default(1),
  id: text('id').notNull(),
  name: text('name').notNull(),
  abbr: text('abbr').notNull(),
  place: text('place').notNull(),
});

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    parentId: uuid('parent_id'),
    version: version(),
  },
  (t) => [uniqueIndex('units_code_uq').on(t.code), index('units_version_idx').on(t.version)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    role: text('role').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    position: text('position').notNull().default(''),
    active: boolean('active').notNull().default(true),
    /** scrypt hash, hex; never leaves the server. */
    passwordHash: text('password_hash').notNull(),
    /** Per-user random salt, hex. */
    passwordSalt: text('password_salt').notNull(),
    version: version(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username), index('users_version_idx').on(t.version)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 (hex) of the bearer token; the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    clientId: uuid('client_id').notNull(),
    deviceName: text('device_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const registers = pgTable(
  'registers',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    lastNumber: integer('last_number').notNull().default(0),
    version: version(),
  },
  (t) => [uniqueIndex('registers_kind_year_uq').on(t.kind, t.year), index('registers_version_idx').on(t.version)],
);

export const incomingDocuments = pgTable(
  'incoming_documents',
  {
    id: uuid('id').primaryKey(),
    registerId: uuid('register_id')
      .notNull()
      .references(() => registers.id),
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
    recipients: text('recipients').notNull().default(''),
    note: text('note').notNull().default(''),
    status: text('status').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    provisionalNumber: integer('provisional_number'),
    version: version(),
  },
  (t) => [
    // The database itself refuses a duplicate arrival number, whatever the application does.
    uniqueIndex('incoming_register_number_uq').on(t.registerId, t.arrivalNumber),
    index('incoming_version_idx').on(t.version),
  ],
);

export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  complete: boolean('complete').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const documentFiles = pgTable(
  'document_files',
  {
    id: uuid('id').primaryKey(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => incomingDocuments.id),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    name: text('name').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mime: text('mime').notNull(),
    role: text('role').notNull(),
    pageCount: integer('page_count'),
    version: version(),
  },
  (t) => [
    index('document_files_document_idx').on(t.documentId),
    index('document_files_sha_idx').on(t.sha256),
    index('document_files_version_idx').on(t.version),
  ],
);

export const clientMutations = pgTable('client_mutations', {
  clientId: uuid('client_id').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  lastMutationId: bigint('last_mutation_id', { mode: 'number' }).notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const mutationRejections = pgTable(
  'mutation_rejections',
  {
    clientId: uuid('client_id').notNull(),
    mutationId: bigint('mutation_id', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.mutationId] })],
);
export * from './schema-routing';
export * from './schema-outgoing';
