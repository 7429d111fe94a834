/**
 * Server tables of văn bản đi (issue 7), re-exported by schema.ts so drizzle-kit generates their migrations.
 * Every replicated row carries `version` from the one `change_version` sequence (see schema.ts).
 *
 * Invariants kept by the database itself: an issued number is unique in its register (register_id, number), and
 * a draft is issued at most once (outgoing_documents.id = the draft's id).
 */
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { OutgoingFileRef } from '../../src-shared/domain/outgoing';
import { registers, units, users } from './schema';

const version = () =>
  bigint('version', { mode: 'number' })
    .notNull()
    .default(sql`nextval('change_version')`);
const stamp = (name: string) => timestamp(name, { withTimezone: true });

export const outgoingDrafts = pgTable(
  'outgoing_drafts',
  {
    id: uuid('id').primaryKey(),
    status: text('status').notNull(),
    docType: text('doc_type').notNull(),
    subject: text('subject').notNull(),
    urgency: text('urgency').notNull(),
    secrecy: text('secrecy').notNull(),
    notation: text('notation').notNull(),
    recipientsText: text('recipients_text').notNull().default(''),
    dueDate: text('due_date'),
    language: text('language').notNull().default('vi'),
    pageAmount: integer('page_amount'),
    description: text('description').notNull().default(''),
    issuedAmount: integer('issued_amount').notNull().default(1),
    unitId: uuid('unit_id').references(() => units.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    signerId: uuid('signer_id').references(() => users.id),
    currentVersionId: uuid('current_version_id').notNull(),
    createdAt: stamp('created_at').notNull().defaultNow(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
    version: version(),
  },
  (t) => [index('outgoing_drafts_version_idx').on(t.version), index('outgoing_drafts_unit_idx').on(t.unitId)],
);

export const draftVersions = pgTable(
  'draft_versions',
  {
    id: uuid('id').primaryKey(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => outgoingDrafts.id),
    versionNo: integer('version_no').notNull(),
    kind: text('kind').notNull(),
    pdf: jsonb('pdf').$type<OutgoingFileRef>().notNull(),
    /** sha256 of the PDF, for blob download checks. */
    pdfSha256: text('pdf_sha256').notNull(),
    docx: jsonb('docx').$type<OutgoingFileRef | null>(),
    attachments: jsonb('attachments').$type<OutgoingFileRef[]>().notNull(),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: stamp('created_at').notNull().defaultNow(),
    version: version(),
  },
  (t) => [
    uniqueIndex('draft_versions_no_uq').on(t.draftId, t.versionNo),
    index('draft_versions_version_idx').on(t.version),
  ],
);

export const draftSteps = pgTable(
  'draft_steps',
  {
    id: uuid('id').primaryKey(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => outgoingDrafts.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    comment: text('comment').notNull().default(''),
    at: stamp('at').notNull().defaultNow(),
    version: version(),
  },
  (t) => [index('draft_steps_draft_idx').on(t.draftId), index('draft_steps_version_idx').on(t.version)],
);

export const outgoingDocuments = pgTable(
  'outgoing_documents',
  {
    /** Same id as the draft it was issued from. */
    id: uuid('id')
      .primaryKey()
      .references(() => outgoingDrafts.id),
    registerId: uuid('register_id')
      .notNull()
      .references(() => registers.id),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    notation: text('notation').notNull(),
    issuedDate: text('issued_date').notNull(),
    docType: text('doc_type').notNull(),
    subject: text('subject').notNull(),
    urgency: text('urgency').notNull(),
    secrecy: text('secrecy').notNull(),
    signerName: text('signer_name').notNull(),
    signerPosition: text('signer_position').notNull(),
    recipientsText: text('recipients_text').notNull(),
    keptBy: text('kept_by').notNull(),
    issuedAmount: integer('issued_amount').notNull(),
    note: text('note').notNull().default(''),
    status: text('status').notNull(),
    signedPdf: jsonb('signed_pdf').$type<OutgoingFileRef>().notNull(),
    issuedPdf: jsonb('issued_pdf').$type<OutgoingFileRef | null>(),
    issuedAttachments: jsonb('issued_attachments').$type<OutgoingFileRef[]>().notNull(),
    revokedAt: stamp('revoked_at'),
    revokeReason: text('revoke_reason'),
    replacedById: uuid('replaced_by_id'),
    replacesId: uuid('replaces_id'),
    dispatchedAt: stamp('dispatched_at'),
    issuedBy: uuid('issued_by')
      .notNull()
      .references(() => users.id),
    issuedAt: stamp('issued_at').notNull().defaultNow(),
    provisionalNumber: integer('provisional_number'),
    version: version(),
  },
  (t) => [
    // The database itself refuses a second document with the same number in a register.
    uniqueIndex('outgoing_register_number_uq').on(t.registerId, t.number),
    index('outgoing_documents_version_idx').on(t.version),
  ],
);

export const outgoingRecipients = pgTable(
  'outgoing_recipients',
  {
    id: uuid('id').primaryKey(),
    outgoingId: uuid('outgoing_id')
      .notNull()
      .references(() => outgoingDocuments.id),
    channel: text('channel').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    userId: uuid('user_id').references(() => users.id),
    organId: text('organ_id'),
    name: text('name').notNull(),
    email: text('email'),
    address: text('address'),
    status: text('status').notNull(),
    statusCode: text('status_code'),
    note: text('note').notNull().default(''),
    sentAt: stamp('sent_at'),
    readAt: stamp('read_at'),
    version: version(),
  },
  (t) => [
    index('outgoing_recipients_outgoing_idx').on(t.outgoingId),
    index('outgoing_recipients_user_idx').on(t.userId),
    index('outgoing_recipients_unit_idx').on(t.unitId),
    index('outgoing_recipients_version_idx').on(t.version),
  ],
);

export const postalEntries = pgTable(
  'postal_entries',
  {
    id: uuid('id').primaryKey(),
    outgoingId: uuid('outgoing_id')
      .notNull()
      .references(() => outgoingDocuments.id),
    year: integer('year').notNull(),
    date: text('date').notNull(),
    recipientName: text('recipient_name').notNull(),
    envelopes: integer('envelopes').notNull(),
    receipt: text('receipt').notNull().default(''),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    version: version(),
  },
  (t) => [index('postal_entries_version_idx').on(t.version)],
);

