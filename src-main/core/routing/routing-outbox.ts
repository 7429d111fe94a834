/**
 * Routing mutations in the outbox (issue 6): queued in the caller's transaction like every user action, and read back
 * as the pending overlay the views show until the pull brings the confirmed rows.
 */
import type Database from 'better-sqlite3';
import { ROUTING_MUTATION_NAMES, type RoutingMutationArgs, type RoutingMutationName } from '../../../src-shared/sync/mutations-routing';
import { parseMutationArgs } from '../../../src-shared/sync/mutations';

export type PendingRoutingMutation = {
  [N in RoutingMutationName]: {
    id: number;
    name: N;
    args: RoutingMutationArgs<N>;
    status: 'pending' | 'rejected';
    rejectReason: string | null;
    userId: string;
    createdAt: string;
  };
}[RoutingMutationName];

/** Validates, appends to the outbox and queues the files for upload; call inside a transaction with other writes. */
export function enqueueRouting<N extends RoutingMutationName>(
  sqlite: Database.Database,
  userId: string,
  name: N,
  args: RoutingMutationArgs<N>,
  now: Date,
): number {
  const checked = parseMutationArgs(name, args);
  const id = sqlite.prepare('SELECT next_mutation_id FROM sync_state WHERE id = 1').pluck().get() as number;
  sqlite.prepare('UPDATE sync_state SET next_mutation_id = ? WHERE id = 1').run(id + 1);
  const createdAt = now.toISOString();
  sqlite
    .prepare("INSERT INTO outbox (id, name, args, status, user_id, created_at) VALUES (?, ?, ?, 'pending', ?, ?)")
    .run(id, name, JSON.stringify(checked), userId, createdAt);
  const files = (checked as { files?: { sha256: string; size: number }[] }).files ?? [];
  const queue = sqlite.prepare('INSERT OR IGNORE INTO blob_queue (sha256, size, created_at, next_attempt_at) VALUES (?, ?, ?, ?)');
  for (const f of files) queue.run(f.sha256, f.size, createdAt, createdAt);
  return id;
}

const NAMES = new Set<string>(ROUTING_MUTATION_NAMES);

export function pendingRoutingMutations(sqlite: Database.Database): PendingRoutingMutation[] {
  const rows = sqlite
    .prepare('SELECT id, name, args, status, error_message, user_id, created_at FROM outbox ORDER BY id')
    .all() as { id: number; name: string; args: string; status: 'pending' | 'rejected'; error_message: string | null; user_id: string; created_at: string }[];
  return rows
    .filter((r) => NAMES.has(r.name))
    .map((r) => ({
      id: r.id,
      name: r.name as RoutingMutationName,
      args: JSON.parse(r.args) as never,
      status: r.status,
      rejectReason: r.status === 'rejected' ? r.error_message : null,
      userId: r.user_id,
      createdAt: r.created_at,
    }));
}

/** Name, type and size of a file attached to a confirmed opinion (files.read of results and drafts). */
export function routingFileMeta(sqlite: Database.Database, sha256: string): { name: string; mime: string; size: number; pageCount: number | null } | null {
  const row = sqlite.prepare('SELECT data FROM opinions WHERE instr(data, ?) > 0 LIMIT 1').pluck().get(sha256) as string | undefined;
  const file = row ? (JSON.parse(row) as { files: { sha256: string; name: string; mime: string; size: number }[] }).files.find((f) => f.sha256 === sha256) : undefined;
  return file ? { name: file.name, mime: file.mime, size: file.size, pageCount: null } : null;
}
