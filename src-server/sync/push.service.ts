/**
 * Push: applies a client's mutations in order, each in its own transaction, exactly once.
 *
 * Invariant: `client_mutations.last_mutation_id` moves in the same transaction as the mutation's effects (or as
 * its rejection row), so a lost response followed by a re-push applies nothing twice, and a refused mutation
 * never blocks the ones queued behind it.
 */
import { and, eq, sql } from 'drizzle-orm';
import { AppError, DEFAULT_MESSAGES } from '../../src-shared/contract/errors';
import { parseMutationArgs, type MutationArgs, type MutationEnvelope } from '../../src-shared/sync/mutations';
import type { MutationResult, PushRequest, PushResponse } from '../../src-shared/sync/protocol';
import type { Db, Tx } from '../db/client';
import { clientMutations, mutationRejections } from '../db/schema';
import { lockVersionWriters } from '../db/versions';
import type { AuthUser } from '../auth/visibility';
import { applyRegisterIncoming } from './incoming-register.mutation';
import { applyCreateRegister } from './register-create.mutation';
import { isOutgoingMutationName } from '../../src-shared/sync/mutations-outgoing';
import { applyOutgoingMutation } from './outgoing.mutations';
import { isRoutingMutationName } from '../../src-shared/sync/mutations-routing';
import { applyRoutingMutation } from './routing.mutations';

async function lastMutationIdForUpdate(tx: Tx, clientId: string, userId: string): Promise<number> {
  await tx.insert(clientMutations).values({ clientId, userId, lastMutationId: 0 }).onConflictDoNothing();
  const [row] = await tx
    .select({ last: clientMutations.lastMutationId })
    .from(clientMutations)
    .where(eq(clientMutations.clientId, clientId))
    .for('update');
  return row?.last ?? 0;
}

async function advance(tx: Tx, clientId: string, userId: string, id: number): Promise<void> {
  await tx
    .update(clientMutations)
    .set({ lastMutationId: id, userId, updatedAt: sql`now()` })
    .where(eq(clientMutations.clientId, clientId));
}

async function earlierRejection(tx: Tx, clientId: string, id: number): Promise<{ code: string; message: string } | null> {
  const [row] = await tx
    .select({ code: mutationRejections.code, message: mutationRejections.message })
    .from(mutationRejections)
    .where(and(eq(mutationRejections.clientId, clientId), eq(mutationRejections.mutationId, id)));
  return row ?? null;
}

async function applyOne(tx: Tx, user: AuthUser, m: MutationEnvelope): Promise<void> {
  let args;
  try {
    args = parseMutationArgs(m.name, m.args);
  } catch (err) {
    const issue = (err as { issues?: { path: PropertyKey[] }[] }).issues?.[0];
    const where = issue ? ` (trường ${issue.path.map(String).join('.')})` : '';
    throw new AppError('INVALID_INPUT', `${DEFAULT_MESSAGES.INVALID_INPUT}${where}`);
  }
  if (isOutgoingMutationName(m.name)) return applyOutgoingMutation(tx, user, m.name, args as MutationArgs<typeof m.name>);
  if (isRoutingMutationName(m.name)) return applyRoutingMutation(tx, user, m.name, args as MutationArgs<typeof m.name>);
  switch (m.name) {
    case 'incoming.register':
      return applyRegisterIncoming(tx, user, args as MutationArgs<'incoming.register'>);
    case 'register.create':
      return applyCreateRegister(tx, user, args as MutationArgs<'register.create'>);
    default: {
      const missing: never = m.name;
      throw new Error(`mutation without handler: ${String(missing)}`);
    }
  }
}

export type PushOutcome = PushResponse & { changed: boolean };

export async function push(db: Db, user: AuthUser, req: PushRequest): Promise<PushOutcome> {
  const results: MutationResult[] = [];
  let changed = false;
  for (const m of req.mutations) {
    let rejection: AppError | null = null;
    const outcome = await db
      .transaction(async (tx) => {
        // Taken first: serializes version writers (see db/versions.ts) and orders pushes of one client.
        await lockVersionWriters(tx);
        const last = await lastMutationIdForUpdate(tx, req.clientId, user.id);
        if (m.id <= last) return { skipped: true, last, earlier: await earlierRejection(tx, req.clientId, m.id) };
        await applyOne(tx, user, m);
        await advance(tx, req.clientId, user.id, m.id);
        return { skipped: false, last: m.id, earlier: null };
      })
      .catch((err: unknown) => {
        if (err instanceof AppError) {
          rejection = err;
          return null;
        }
        throw err;
      });
    if (outcome) {
      if (!outcome.skipped) changed = true;
      // A re-pushed mutation that was refused before is reported refused again, with the same reason.
      results.push(outcome.earlier ? { id: m.id, status: 'rejected', error: outcome.earlier } : { id: m.id, status: 'applied' });
      continue;
    }
    const reason = rejection as unknown as AppError;
    // The effects rolled back; record the refusal and move past it in one transaction.
    const error = await db.transaction(async (tx) => {
      const last = await lastMutationIdForUpdate(tx, req.clientId, user.id);
      // A concurrent push of the same batch got there first: report what it recorded.
      if (m.id <= last) return earlierRejection(tx, req.clientId, m.id);
      await tx
        .insert(mutationRejections)
        .values({ clientId: req.clientId, mutationId: m.id, name: m.name, code: reason.code, message: reason.message })
        .onConflictDoNothing();
      await advance(tx, req.clientId, user.id, m.id);
      return { code: reason.code, message: reason.message };
    });
    results.push(error ? { id: m.id, status: 'rejected', error } : { id: m.id, status: 'applied' });
  }
  const [row] = await db
    .select({ last: clientMutations.lastMutationId })
    .from(clientMutations)
    .where(eq(clientMutations.clientId, req.clientId));
  return { results, lastMutationId: row?.last ?? 0, changed };
}
