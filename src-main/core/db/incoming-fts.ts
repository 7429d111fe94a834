/**
 * Bulk indexing of confirmed documents during an initial sync (empty replica, cursor 0).
 *
 * Keeping `incoming_fts` in step row by row (triggers of migration 0002) makes each pulled document cost about four
 * times a plain insert; building the index once from `search_text` after the last page is far cheaper (see
 * bench/initial-sync.bench.ts). So the initial pull suspends the two insert triggers and restores them with a full
 * rebuild at the end. The restore is idempotent and also runs on every open: a core that died mid-sync comes back with
 * its triggers and a complete index. The trigger text below is exactly migration 0002's (a test compares them).
 */
import type Database from 'better-sqlite3';

export const INCOMING_FTS_INSERT_TRIGGERS: Record<string, string> = {
  incoming_fts_before_insert: `CREATE TRIGGER \`incoming_fts_before_insert\` BEFORE INSERT ON \`incoming_documents\` BEGIN
  DELETE FROM \`incoming_fts\` WHERE \`rowid\` = (SELECT \`rowid\` FROM \`incoming_documents\` WHERE \`id\` = new.\`id\`);
END`,
  incoming_fts_after_insert: `CREATE TRIGGER \`incoming_fts_after_insert\` AFTER INSERT ON \`incoming_documents\` BEGIN
  INSERT INTO \`incoming_fts\` (\`rowid\`, \`body\`) VALUES (new.\`rowid\`, new.\`search_text\`);
END`,
};

const present = (sqlite: Database.Database, name: string) =>
  sqlite.prepare("SELECT 1 FROM main.sqlite_master WHERE type = 'trigger' AND name = ?").get(name) !== undefined;

/** Stops indexing each inserted document; restoreIncomingFts must follow (it also runs on the next open). */
export function suspendIncomingFts(sqlite: Database.Database): void {
  sqlite.transaction(() => {
    for (const name of Object.keys(INCOMING_FTS_INSERT_TRIGGERS)) sqlite.exec(`DROP TRIGGER IF EXISTS main.${name}`);
  })();
}

/** Recreates missing insert triggers and, if any was missing, rebuilds the whole index in the same transaction. */
export function restoreIncomingFts(sqlite: Database.Database): boolean {
  const missing = Object.entries(INCOMING_FTS_INSERT_TRIGGERS).filter(([name]) => !present(sqlite, name));
  if (missing.length === 0) return false;
  sqlite.transaction(() => {
    sqlite.exec('DELETE FROM main.incoming_fts');
    sqlite.exec('INSERT INTO main.incoming_fts (rowid, body) SELECT rowid, search_text FROM main.incoming_documents');
    for (const [, ddl] of missing) sqlite.exec(ddl);
  })();
  return true;
}
