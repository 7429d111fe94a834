/**
 * Opens the replica: WAL, synchronous=NORMAL, foreign keys on, committed migrations applied at open.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type ReplicaDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export type Replica = { db: ReplicaDb; sqlite: Database.Database; close(): void };

export const DEFAULT_MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export function openReplica(file: string, migrationsFolder = DEFAULT_MIGRATIONS_FOLDER): Replica {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 32 MB page cache: searching 100,000 documents touches thousands of rows; the 2 MB default re-reads them each time.
  sqlite.pragma('cache_size = -32768');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  // The client id identifies this installation's outbox on the server; created once, kept forever.
  sqlite
    .prepare('INSERT OR IGNORE INTO sync_state (id, client_id, cursor, next_mutation_id) VALUES (1, ?, 0, 1)')
    .run(randomUUID());
  return { db: db as ReplicaDb, sqlite, close: () => sqlite.close() };
}
