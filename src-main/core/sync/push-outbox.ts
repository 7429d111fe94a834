/**
 * Pushes pending mutations in id order. A mutation goes up only once all its files are uploaded; the push stops
 * at the first one still waiting for a file, so the server sees mutations in the order the user made them.
 * Applied: the outbox entry goes (the overlay stays until the pull brings the confirmed row).
 * Rejected: kept with the server's reason and never retried; later mutations continue.
 */
import type Database from 'better-sqlite3';
import type { MutationEnvelope, MutationFile } from '../../../src-shared/sync/mutations';
import type { ServerApi } from './server-api';

type OutboxRow = { id: number; name: string; args: string; created_at: string };

const BATCH = 100;

/** Returns true when something changed locally (for data.changed). */
export async function pushOutbox(deps: { sqlite: Database.Database; api: ServerApi }): Promise<boolean> {
  const { sqlite, api } = deps;
  const clientId = sqlite.prepare('SELECT client_id FROM sync_state WHERE id = 1').pluck().get() as string;
  const fileQueued = sqlite.prepare('SELECT 1 FROM blob_queue WHERE sha256 = ?').pluck();
  let changed = false;
  for (;;) {
    const rows = sqlite
      .prepare("SELECT id, name, args, created_at FROM outbox WHERE status = 'pending' ORDER BY id LIMIT ?")
      .all(BATCH) as OutboxRow[];
    const ready: OutboxRow[] = [];
    for (const row of rows) {
      const args = JSON.parse(row.args) as { files?: MutationFile[] };
      if ((args.files ?? []).some((f) => fileQueued.get(f.sha256) !== undefined)) break;
      ready.push(row);
    }
    if (ready.length === 0) return changed;
    const mutations: MutationEnvelope[] = ready.map((r) => ({
      id: r.id,
      name: r.name as MutationEnvelope['name'],
      args: JSON.parse(r.args),
      clientTime: r.created_at,
    }));
    const res = await api.push({ clientId, mutations });
    const results = new Map(res.results.map((r) => [r.id, r]));
    sqlite.transaction(() => {
      for (const m of mutations) {
        const r = results.get(m.id);
        if (r?.status === 'rejected') {
          sqlite
            .prepare("UPDATE outbox SET status = 'rejected', error_code = ?, error_message = ? WHERE id = ?")
            .run(r.error.code, r.error.message, m.id);
        } else if (r?.status === 'applied' || m.id <= res.lastMutationId) {
          // Applied now, or by an earlier request whose response was lost.
          sqlite.prepare('DELETE FROM outbox WHERE id = ?').run(m.id);
        }
      }
      // If the server has seen higher ids than we will hand out (replica rebuilt), jump past them.
      sqlite
        .prepare('UPDATE sync_state SET next_mutation_id = max(next_mutation_id, ?) WHERE id = 1')
        .run(res.lastMutationId + 1);
    })();
    changed = true;
    const progressed = mutations.some((m) => results.has(m.id) || m.id <= res.lastMutationId);
    // Nothing processed: try again next run. Blocked on a file: the next upload pass unblocks it.
    if (!progressed || ready.length < rows.length) return changed;
  }
}
