/** Pulled văn bản đi rows (src-shared/sync/changes-outgoing.ts) into the replica table outgoing_rows; called from apply-pull.ts. */
import type Database from 'better-sqlite3';
import { OUTGOING_ENTITIES, type OutgoingEntity } from '../../../src-shared/sync/changes-outgoing';
import type { Change } from '../../../src-shared/sync/protocol';

export type OutgoingChange = Extract<Change, { entity: OutgoingEntity }>;

export function isOutgoingChange(change: Change): change is OutgoingChange {
  return (OUTGOING_ENTITIES as readonly string[]).includes(change.entity);
}

type Prepare = (sql: string) => { run: (...params: unknown[]) => unknown };

function parentOf(change: OutgoingChange): string {
  const d = change.data;
  if (!d) return change.id;
  if ('draftId' in d) return d.draftId;
  if ('outgoingId' in d) return d.outgoingId;
  return change.id;
}

/** Upserts the row, or deletes it when it was deleted or is no longer visible to the user. */
export function applyOutgoingChange(prepare: Prepare, change: OutgoingChange): void {
  if (change.deleted || !change.data) {
    prepare('DELETE FROM outgoing_rows WHERE entity = ? AND id = ?').run(change.entity, change.id);
    return;
  }
  prepare('INSERT OR REPLACE INTO outgoing_rows (entity, id, parent_id, data, version) VALUES (?, ?, ?, ?, ?)')
    .run(change.entity, change.id, parentOf(change), JSON.stringify(change.data), change.version);
}

/** The user's role or unit changed: what they may see is pulled again from 0. */
export function forgetAllOutgoing(sqlite: Database.Database): void {
  sqlite.prepare('DELETE FROM outgoing_rows').run();
}
