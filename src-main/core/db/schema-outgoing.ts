/**
 * Confirmed văn bản đi rows in the replica (issue 7), re-exported by schema.ts. One table for the six pulled entities
 * (outgoingDraft, draftVersion, draftStep, outgoingDocument, outgoingRecipient, postalEntry): each row is the entity as
 * the server sent it (validated by the pull schema), keyed by (entity, id), with the parent id (draft or issued
 * document) indexed for the detail views. The desktop never edits these rows; pending work stays in the outbox.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const outgoingRows = sqliteTable(
  'outgoing_rows',
  {
    entity: text('entity').notNull(),
    id: text('id').notNull(),
    /** draftId (versions, steps), outgoingId (recipients, postal entries), own id otherwise. */
    parentId: text('parent_id').notNull(),
    /** JSON of the entity (src-shared/domain/outgoing.ts). */
    data: text('data').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.id] }), index('outgoing_rows_parent_idx').on(t.entity, t.parentId)],
);
