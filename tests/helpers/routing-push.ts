/** Test helpers for routing mutations straight over HTTP (issue 6): one mutation counter per session. */
import type { RoutingMutationArgs, RoutingMutationName } from '../../src-shared/sync/mutations-routing';
import { api, pullAll, type Session } from './server-process';

const counters = new WeakMap<Session, number>();

export type PushOutcome = { status: 'applied' } | { status: 'rejected'; error: { code: string; message: string } };

export async function pushOne<N extends RoutingMutationName>(s: Session, name: N, args: RoutingMutationArgs<N>): Promise<PushOutcome> {
  const id = (counters.get(s) ?? 0) + 1;
  counters.set(s, id);
  const res = await api<{ results: ({ id: number } & PushOutcome)[] }>(s, 'POST', '/api/sync/push', {
    clientId: s.clientId,
    mutations: [{ id, name, args, clientTime: new Date().toISOString() }],
  });
  if (res.status !== 200) throw new Error(`push ${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const r = res.body.results[0]!;
  return r.status === 'applied' ? { status: 'applied' } : { status: 'rejected', error: r.error };
}

/** The ids of one entity a user sees now (pulled from 0, tombstones applied). */
export async function visibleIds(s: Session, entity: string): Promise<Set<string>> {
  const { changes } = await pullAll(s);
  const ids = new Set<string>();
  for (const c of changes) {
    if (c.entity !== entity) continue;
    if (c.deleted) ids.delete(c.id);
    else ids.add(c.id);
  }
  return ids;
}

export const uid = () => crypto.randomUUID();
