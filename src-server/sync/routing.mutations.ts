/**
 * Server appliers of the routing mutations (issue 6), dispatched from push.service.ts. Each runs inside the push's
 * transaction, checks the ROLE and the RELATION of the user to the subject, and refuses with a Vietnamese reason
 * (AppError → mutation_rejections) so the desktop shows why.
 */
import type { RoutingMutationArgs, RoutingMutationName } from '../../src-shared/sync/mutations-routing';
import type { Tx } from '../db/client';
import type { AuthUser } from '../auth/visibility';
import { addOpinion, assignDocument, completeAssignment, reassign, returnAssignment, submitDocument } from './routing-document.mutation';
import { createTask, decideExtension, reportTask, requestExtension } from './routing-task.mutation';
import { addWorkFileDocument, closeWorkFile, createWorkFile, setHoliday } from './routing-workfile.mutation';

type Appliers = { [N in RoutingMutationName]: (tx: Tx, user: AuthUser, args: RoutingMutationArgs<N>) => Promise<void> };

const APPLIERS: Appliers = {
  'document.submit': submitDocument,
  'document.assign': assignDocument,
  'assignment.reassign': reassign,
  'opinion.add': addOpinion,
  'assignment.complete': completeAssignment,
  'assignment.return': returnAssignment,
  'task.create': createTask,
  'task.report': reportTask,
  'task.requestExtension': (tx, user, args) => requestExtension(tx, user, args),
  'task.decideExtension': decideExtension,
  'holiday.set': setHoliday,
  'workfile.create': createWorkFile,
  'workfile.addDocument': addWorkFileDocument,
  'workfile.close': closeWorkFile,
};

export async function applyRoutingMutation<N extends RoutingMutationName>(
  tx: Tx,
  user: AuthUser,
  name: N,
  args: RoutingMutationArgs<N>,
): Promise<void> {
  return (APPLIERS[name] as (tx: Tx, user: AuthUser, args: RoutingMutationArgs<N>) => Promise<void>)(tx, user, args);
}
