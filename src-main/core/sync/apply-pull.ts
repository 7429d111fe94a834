/**
 * Applies one pulled page to the confirmed mirror. The page's rows and the new cursor commit in ONE
 * transaction, so an interrupted initial sync resumes from the last page instead of restarting.
 * A confirmed incoming document replaces the pending overlay row with the same id.
 */
import type Database from 'better-sqlite3';
import type { Change, PullResponse } from '../../../src-shared/sync/protocol';
import { incomingSearchText } from '../db/incoming.repo';

const TABLE: Record<Change['entity'], string> = {
  unit: 'units',
  user: 'users',
  register: 'registers',
  incomingDocument: 'incoming_documents',
  documentFile: 'document_files',
};

function upsert(sqlite: Database.Database, change: Change): void {
  switch (change.entity) {
    case 'unit': {
      const d = change.data!;
      sqlite
        .prepare('INSERT OR REPLACE INTO units (id, code, name, parent_id, version) VALUES (?, ?, ?, ?, ?)')
        .run(d.id, d.code, d.name, d.parentId, change.version);
      return;
    }
    case 'user': {
      const d = change.data!;
      sqlite
        .prepare('INSERT OR REPLACE INTO users (id, username, full_name, role, unit_id, position, active, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(d.id, d.username, d.fullName, d.role, d.unitId, d.position, d.active ? 1 : 0, change.version);
      return;
    }
    case 'register': {
      const d = change.data!;
      sqlite
        .prepare('INSERT OR REPLACE INTO registers (id, kind, year, name, last_number, version) VALUES (?, ?, ?, ?, ?, ?)')
        .run(d.id, d.kind, d.year, d.name, d.lastNumber, change.version);
      return;
    }
    case 'incomingDocument': {
      const d = change.data!;
      sqlite
        .prepare(
          `INSERT OR REPLACE INTO incoming_documents (id, register_id, year, arrival_number, arrival_date, issuer, number, notation,
             document_date, doc_type, subject, urgency, secrecy, due_date, page_count, recipients, note, status, created_by,
             created_at, provisional_number, search_text, version)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          d.id, d.registerId, d.year, d.arrivalNumber, d.arrivalDate, d.issuer, d.number, d.notation, d.documentDate,
          d.docType, d.subject, d.urgency, d.secrecy, d.dueDate, d.pageCount, d.recipients, d.note, d.status, d.createdBy,
          d.createdAt, d.provisionalNumber, incomingSearchText(d), change.version,
        );
      // The server confirmed it: the optimistic row has done its job.
      sqlite.prepare('DELETE FROM pending_incoming WHERE id = ?').run(d.id);
      // The clerk saw another number while offline: record when the server's number replaced it (first time only).
      if (d.provisionalNumber !== null && d.provisionalNumber !== d.arrivalNumber) {
        sqlite
          .prepare(
            `INSERT OR IGNORE INTO arrival_number_changes (document_id, provisional_number, confirmed_number, changed_at)
             VALUES (?, ?, ?, ?)`,
          )
          .run(d.id, d.provisionalNumber, d.arrivalNumber, new Date().toISOString());
      }
      return;
    }
    case 'documentFile': {
      const d = change.data!;
      sqlite
        .prepare(
          'INSERT OR REPLACE INTO document_files (id, document_id, sha256, name, size, mime, role, page_count, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(d.id, d.documentId, d.sha256, d.name, d.size, d.mime, d.role, d.pageCount, change.version);
      return;
    }
    default: {
      const missing: never = change;
      throw new Error(`unhandled entity ${JSON.stringify(missing)}`);
    }
  }
}

/** The replica changed hands (another user signed in) while a page was in flight: the page is not theirs. */
export class ReplicaOwnerChangedError extends Error {
  constructor() {
    super('replica owner changed during pull');
    this.name = 'ReplicaOwnerChangedError';
  }
}

/**
 * Returns the entity names that changed (for data.changed events). `ownerId` is the user the page was pulled for;
 * it is checked inside the transaction so a page can never land in a replica cleared for someone else.
 */
export function applyPullPage(sqlite: Database.Database, page: PullResponse, ownerId?: string): string[] {
  const touched = new Set<string>();
  sqlite.transaction(() => {
    if (ownerId !== undefined && sqlite.prepare('SELECT user_id FROM sync_state WHERE id = 1').pluck().get() !== ownerId) {
      throw new ReplicaOwnerChangedError();
    }
    for (const change of page.changes) {
      touched.add(change.entity);
      if (change.deleted || !change.data) {
        sqlite.prepare(`DELETE FROM ${TABLE[change.entity]} WHERE id = ?`).run(change.id);
      } else {
        upsert(sqlite, change);
      }
    }
    sqlite.prepare('UPDATE sync_state SET cursor = ? WHERE id = 1').run(page.cursor);
  })();
  return [...touched];
}
