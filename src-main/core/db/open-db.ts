/**
 * Opens the desktop's two SQLite files on ONE connection: the replica (`replica.db`, main schema: confirmed server state
 * and the pull cursor) and the local state (`local.db`, ATTACHed as `local`: outbox, overlays, queues, client id,
 * mutation counter, auth cache). WAL, synchronous=NORMAL, foreign keys on, committed migrations applied at open.
 *
 * Why two files and not a durable copy: the replica can then be thrown away and rebuilt from the server at any time
 * (damaged, deleted, restored from an old backup) while everything only this desktop knows stays untouched, and no
 * second write path has to be kept in step. Why one connection with ATTACH: services keep writing an overlay row and
 * its outbox entry in one transaction with unqualified table names. In WAL mode a transaction over both files is
 * atomic per file, not across them; the writers are ordered so that this never loses work (see apply-pull.ts and
 * replica-reset.ts) and the one harmless leftover (an overlay row whose confirmed row landed) is removed here.
 *
 * A damaged replica (not a database, `PRAGMA quick_check` fails, SQLITE_CORRUPT while migrating) is moved aside as
 * `replica.damaged-<time>.db` and recreated; a missing one is recreated. Either way the pull starts again from 0.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { restoreIncomingFts } from './incoming-fts';
import * as replicaSchema from './schema';
import * as localSchema from './schema-local';

const schema = { ...replicaSchema, ...localSchema };
export type ReplicaDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** Set when the replica had to be recreated on open while local state (a signed-in user, maybe an outbox) existed. */
export type ReplicaRebuild = { reason: 'damaged' | 'missing'; movedTo: string | null; detail: string };
export type Replica = { db: ReplicaDb; sqlite: Database.Database; rebuilt: ReplicaRebuild | null; close(): void };
export type OpenReplicaOptions = { localFile?: string; localMigrationsFolder?: string };

export const DEFAULT_MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));
export const DEFAULT_LOCAL_MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations-local', import.meta.url));
const LOCAL_MIGRATIONS_TABLE = '__drizzle_migrations_local';

function setPragmas(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 32 MB page cache: searching 100,000 documents touches thousands of rows; the 2 MB default re-reads them each time.
  sqlite.pragma('cache_size = -32768');
}

/** Migrates local.db on its own connection (its migrations table lives in that file) and makes sure its one state row exists. */
function prepareLocal(localFile: string, migrationsFolder: string): { hadUser: boolean } {
  const sqlite = new Database(localFile);
  try {
    setPragmas(sqlite);
    migrate(drizzle(sqlite), { migrationsFolder, migrationsTable: LOCAL_MIGRATIONS_TABLE });
    // The client id identifies this installation's outbox on the server; created once, kept forever. Replica migration
    // 0004 overwrites this row with the one of an existing data dir.
    sqlite.prepare('INSERT OR IGNORE INTO sync_state (id, client_id, next_mutation_id) VALUES (1, ?, 1)').run(randomUUID());
    return { hadUser: sqlite.prepare('SELECT user_id FROM sync_state WHERE id = 1').pluck().get() != null };
  } finally {
    sqlite.close();
  }
}

const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX']);

class ReplicaDamagedError extends Error {}

function isDamage(err: unknown): boolean {
  if (err instanceof ReplicaDamagedError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && DAMAGE_CODES.has(code)) return true;
  // drizzle wraps driver errors; the original is the cause.
  const cause = (err as { cause?: unknown } | null)?.cause;
  return cause !== undefined && cause !== err && isDamage(cause);
}

function openAttached(file: string, localFile: string, migrationsFolder: string, check: boolean): Database.Database {
  const sqlite = new Database(file);
  try {
    setPragmas(sqlite);
    if (check) {
      const result = sqlite.pragma('quick_check', { simple: true });
      if (result !== 'ok') throw new ReplicaDamagedError(`quick_check: ${String(result)}`);
    }
    sqlite.prepare('ATTACH DATABASE ? AS local').run(localFile);
    sqlite.pragma('local.synchronous = NORMAL');
    migrate(drizzle(sqlite, { schema }), { migrationsFolder });
    return sqlite;
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

function moveAside(file: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const name = basename(file).replace(/(\.[^.]*)?$/, (ext) => `.damaged-${stamp}${ext || '.db'}`);
  const target = join(dirname(file), name);
  renameSync(file, target);
  // The WAL and shared-memory files belong to the damaged file: never replay them into the new one.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  return target;
}

export function openReplica(file: string, migrationsFolder = DEFAULT_MIGRATIONS_FOLDER, opts: OpenReplicaOptions = {}): Replica {
  const localFile = opts.localFile ?? join(dirname(file), 'local.db');
  const { hadUser } = prepareLocal(localFile, opts.localMigrationsFolder ?? DEFAULT_LOCAL_MIGRATIONS_FOLDER);
  let rebuilt: ReplicaRebuild | null = null;
  let sqlite: Database.Database;
  if (existsSync(file)) {
    try {
      sqlite = openAttached(file, localFile, migrationsFolder, true);
    } catch (err) {
      if (!isDamage(err)) throw err;
      const movedTo = moveAside(file);
      rebuilt = { reason: 'damaged', movedTo, detail: err instanceof Error ? err.message : String(err) };
      sqlite = openAttached(file, localFile, migrationsFolder, false);
    }
  } else {
    // Leftover WAL/SHM files of a deleted replica must not be replayed into the new one.
    for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
    if (hadUser) rebuilt = { reason: 'missing', movedTo: null, detail: 'replica file missing' };
    sqlite = openAttached(file, localFile, migrationsFolder, false);
  }
  // (pull_state is missing only when a test opens with an older migrations folder.)
  if (sqlite.prepare("SELECT 1 FROM main.sqlite_master WHERE name = 'pull_state'").get()) {
    sqlite.prepare('INSERT OR IGNORE INTO pull_state (id, cursor) VALUES (1, 0)').run();
    // A crash between the two files' commits of a pull page can leave an overlay row whose confirmed row landed.
    sqlite.prepare('DELETE FROM pending_incoming WHERE id IN (SELECT id FROM incoming_documents)').run();
    // A core that died during an initial sync left the search index suspended: rebuild it now.
    restoreIncomingFts(sqlite);
  }
  const db = drizzle(sqlite, { schema });
  return { db: db as ReplicaDb, sqlite, rebuilt, close: () => sqlite.close() };
}
