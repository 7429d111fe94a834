/**
 * Applies one pulled page to the confirmed mirror. The page's rows and the new cursor commit in ONE
 * transaction, so an interrupted initial sync resumes from the last page instead of restarting.
 * A confirmed incoming document replaces the pending overlay row with the same id. Rows and cursor live in replica.db,
 * the overlay in local.db: SQLite commits the replica first, so a crash in between can only leave an overlay row
 * beside its confirmed row, which openReplica removes (never a lost pending row).
 */
import type Database from 'better-sqlite3';
import type { Change, PullResponse } from '../../../src-shared/sync/protocol';
import { incomingSearchText } from '../db/incoming.repo';
import {
  OPINION_FILE_REFERENCE_SQL,
  applyRoutingChange,
  forgetAllRouting,
  forgetDocumentRouting,
  isRoutingChange,
  type RoutingChange,
} from './apply-routing';
import { applyOutgoingChange, forgetAllOutgoing, isOutgoingChange, type OutgoingChange } from './apply-pull-outgoing';

const TABLE: Record<Exclude<Change['entity'], OutgoingChange['entity'] | RoutingChange['entity']>, string> = {
  unit: 'units',
  user: 'users',
  register: 'registers',
  incomingDocument: 'incoming_documents',
  documentFile: 'document_files',
};

type Prepare = (sql: string) => Database.Statement;

function upsert(prepare: Prepare, change: Exclude<Change, OutgoingChange | RoutingChange>): void {
  switch (change.entity) {
    case 'unit': {
      const d = change.data!;
      prepare('INSERT OR REPLACE INTO units (id, code, name, parent_id, version) VALUES (?, ?, ?, ?, ?)')
        .run(d.id, d.code, d.name, d.parentId, change.version);
      return;
    }
    case 'user': {
      const d = change.data!;
      prepare('INSERT OR REPLACE INTO users (id, username, full_name, role, unit_id, position, active, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(d.id, d.username, d.fullName, d.role, d.unitId, d.position, d.active ? 1 : 0, change.version);
      return;
    }
    case 'register': {
      const d = change.data!;
      prepare('INSERT OR REPLACE INTO registers (id, kind, year, name, last_number, version) VALUES (?, ?, ?, ?, ?, ?)')
        .run(d.id, d.kind, d.year, d.name, d.lastNumber, change.version);
      return;
    }
    case 'incomingDocument': {
      const d = change.data!;
      prepare(
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
      prepare('DELETE FROM pending_incoming WHERE id = ?').run(d.id);
      // The clerk saw another number while offline: record when the server's number replaced it (first time only).
      if (d.provisionalNumber !== null && d.provisionalNumber !== d.arrivalNumber) {
        prepare(
            `INSERT OR IGNORE INTO arrival_number_changes (document_id, provisional_number, confirmed_number, changed_at)
             VALUES (?, ?, ?, ?)`,
          )
          .run(d.id, d.provisionalNumber, d.arrivalNumber, new Date().toISOString());
      }
      return;
    }
    case 'documentFile': {
      const d = change.data!;
      prepare(
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

/** Cached file bytes no confirmed document, queued upload or pending registration refers to any more. */
function unreferenced(sqlite: Database.Database, shas: Set<string>): string[] {
  const stillUsed = sqlite.prepare(
    `SELECT 1 WHERE EXISTS (SELECT 1 FROM document_files WHERE sha256 = @sha)
        OR EXISTS (SELECT 1 FROM blob_queue WHERE sha256 = @sha)
        OR EXISTS (SELECT 1 FROM pending_incoming WHERE instr(files, @sha) > 0)
        OR EXISTS (SELECT 1 FROM scan_intake WHERE staged_sha256 = @sha)
        OR ${OPINION_FILE_REFERENCE_SQL}`,
  ).pluck();
  const gone = [...shas].filter((sha) => !stillUsed.get({ sha }));
  for (const sha of gone) sqlite.prepare('DELETE FROM local_blobs WHERE sha256 = ?').run(sha);
  return gone;
}

/**
 * Returns the entity names that changed (for data.changed events). `ownerId` is the user the page was pulled for;
 * it is checked inside the transaction so a page can never land in a replica cleared for someone else.
 *
 * Lost access removes the local copy: a tombstone deletes the row (and a document's files); when the owner's own
 * role or unit changed, every confirmed document is dropped and the cursor goes back to 0, so the next pages bring
 * exactly what the user may see now (pending work in the outbox and overlay is kept). Cached file bytes nobody
 * refers to any more are reported to `forgetBlob` after the commit.
 */
export function applyPullPage(
  sqlite: Database.Database,
  page: PullResponse,
  ownerId?: string,
  forgetBlob?: (sha256: string) => void,
): string[] {
  const touched = new Set<string>();
  const dropped = new Set<string>();
  const shasOf = (where: string, id: string) => {
    for (const sha of sqlite.prepare(`SELECT sha256 FROM document_files WHERE ${where} = ?`).pluck().all(id) as string[]) dropped.add(sha);
  };
  let forgotten: string[] = [];
  // One prepared statement per SQL text for the whole page: preparing per row dominated large initial syncs.
  const statements = new Map<string, Database.Statement>();
  const prepare: Prepare = (sql) => {
    let st = statements.get(sql);
    if (!st) statements.set(sql, (st = sqlite.prepare(sql)));
    return st;
  };
  sqlite.transaction(() => {
    if (ownerId !== undefined && sqlite.prepare('SELECT user_id FROM sync_state WHERE id = 1').pluck().get() !== ownerId) {
      throw new ReplicaOwnerChangedError();
    }
    let rescope = false;
    for (const change of page.changes) {
      touched.add(change.entity);
      if (change.entity === 'user' && change.data && change.id === ownerId) {
        const before = prepare('SELECT role, unit_id AS unitId FROM users WHERE id = ?').get(change.id) as
          | { role: string; unitId: string | null }
          | undefined;
        if (before && (before.role !== change.data.role || before.unitId !== change.data.unitId)) rescope = true;
      }
      if (isOutgoingChange(change)) {
        applyOutgoingChange(prepare, change);
      } else if (isRoutingChange(change)) {
        applyRoutingChange(prepare, change);
      } else if (change.deleted || !change.data) {
        if (change.entity === 'documentFile') shasOf('id', change.id);
        if (change.entity === 'incomingDocument') {
          shasOf('document_id', change.id);
          sqlite.prepare('DELETE FROM document_files WHERE document_id = ?').run(change.id);
          forgetDocumentRouting(sqlite, change.id);
        }
        prepare(`DELETE FROM ${TABLE[change.entity]} WHERE id = ?`).run(change.id);
      } else {
        upsert(prepare, change);
      }
    }
    if (rescope) {
      for (const sha of sqlite.prepare('SELECT sha256 FROM document_files').pluck().all() as string[]) dropped.add(sha);
      sqlite.prepare('DELETE FROM document_files').run();
      sqlite.prepare('DELETE FROM incoming_documents').run();
      forgetAllRouting(sqlite);
      touched.add('incomingDocument');
      forgetAllOutgoing(sqlite);
    }
    sqlite.prepare('UPDATE pull_state SET cursor = ? WHERE id = 1').run(rescope ? 0 : page.cursor);
    forgotten = unreferenced(sqlite, dropped);
  })();
  if (forgetBlob) for (const sha of forgotten) forgetBlob(sha);
  return [...touched];
}
