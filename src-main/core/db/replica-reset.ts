/** Clearing the replica when another user signs in on this desktop (one data dir = one signed-in user). */
import type Database from 'better-sqlite3';

/**
 * Deletes everything the previous user could see. The client id and the mutation counter survive:
 * the server deduplicates on (clientId, mutation id), so ids must never be reused.
 * Callers check first that no pending mutation would be lost.
 *
 * Two transactions, replica first: a transaction over replica.db and local.db is atomic per file only (WAL). If the
 * process dies in between, sync_state.user_id still names the previous user, so the next sign-in clears again;
 * the new user can never see a replica that still holds the previous user's documents.
 */
export function clearReplicaForUser(sqlite: Database.Database, newUserId: string): void {
  sqlite.transaction(() => {
    for (const table of ['document_files', 'incoming_documents', 'registers', 'users', 'units', 'outgoing_rows']) {
      sqlite.prepare(`DELETE FROM ${table}`).run();
    }
    sqlite.prepare('UPDATE pull_state SET cursor = 0 WHERE id = 1').run();
  })();
  sqlite.transaction(() => {
    for (const table of [
      'pending_incoming', 'outbox', 'blob_queue', 'local_blobs', 'auth_cache', 'arrival_number_changes',
      'offline_documents', 'download_queue',
    ]) {
      sqlite.prepare(`DELETE FROM ${table}`).run();
    }
    sqlite
      .prepare('UPDATE sync_state SET user_id = ?, last_success_at = NULL, last_error = NULL, last_error_at = NULL WHERE id = 1')
      .run(newUserId);
  })();
}
