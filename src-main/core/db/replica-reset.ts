/** Clearing the replica when another user signs in on this desktop (one data dir = one signed-in user). */
import type Database from 'better-sqlite3';

/**
 * Deletes everything the previous user could see. The client id and the mutation counter survive:
 * the server deduplicates on (clientId, mutation id), so ids must never be reused.
 * Callers check first that no pending mutation would be lost.
 */
export function clearReplicaForUser(sqlite: Database.Database, newUserId: string): void {
  sqlite.transaction(() => {
    for (const table of [
      'pending_incoming', 'outbox', 'blob_queue', 'local_blobs', 'auth_cache', 'arrival_number_changes',
      'document_files', 'incoming_documents', 'registers', 'users', 'units', 'offline_documents', 'download_queue',
    ]) {
      sqlite.prepare(`DELETE FROM ${table}`).run();
    }
    sqlite
      .prepare('UPDATE sync_state SET cursor = 0, user_id = ?, last_success_at = NULL, last_error = NULL, last_error_at = NULL WHERE id = 1')
      .run(newUserId);
  })();
}
