/**
 * The server-wide change version. Every replicated row takes `nextval('change_version')` on insert/update.
 *
 * Why a lock: sequence values are drawn at statement time but become visible at commit time. Two concurrent
 * writers could commit versions 11 then 10, and a client that pulled up to 11 would never see 10. Every
 * transaction that draws versions first takes ONE transaction-scoped advisory lock, so writers that produce
 * versions commit in version order and a pull cursor is a true checkpoint. Writes here are small (a register
 * entry is a few rows), so serializing them costs little.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { queryRows } from './client';
import { ROUTING_MAX_VERSIONS } from './routing-versions';
import { OUTGOING_MAX_VERSIONS } from './outgoing-versions';

const VERSION_WRITER_LOCK_KEY = 740_202;

export async function lockVersionWriters(tx: Tx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${VERSION_WRITER_LOCK_KEY})`);
}

/** Highest committed version over every replicated table (0 on an empty database). */
export async function maxCommittedVersion(db: Db | Tx): Promise<number> {
  const rows = await queryRows<{ v: string | number | null }>(
    db,
    sql`SELECT GREATEST(
      (SELECT max(version) FROM units), (SELECT max(version) FROM users), (SELECT max(version) FROM registers),
      (SELECT max(version) FROM incoming_documents), (SELECT max(version) FROM document_files),
      ${ROUTING_MAX_VERSIONS}, ${OUTGOING_MAX_VERSIONS}) AS v`,
  );
  return Number(rows[0]?.v ?? 0);
}
