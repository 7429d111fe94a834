/**
 * Server appliers of the routing mutations (issue 6), dispatched from push.service.ts. Each runs inside the push's
 * transaction, checks the ROLE and the RELATION of the user to the subject, and refuses with a Vietnamese reason
 * (AppError → mutation_rejections) so the desktop shows why.
 */
import { AppError } from '../../src-shared/contract/errors';
import type { RoutingMutationArgs, RoutingMutationName } from '../../src-shared/sync/mutations-routing';
import type { Tx } from '../db/client';
import type { AuthUser } from '../auth/visibility';

export async function applyRoutingMutation<N extends RoutingMutationName>(
  _tx: Tx,
  _user: AuthUser,
  name: N,
  _args: RoutingMutationArgs<N>,
): Promise<void> {
  throw new AppError('FORBIDDEN', `Máy chủ chưa hỗ trợ thao tác ${name}. Vui lòng cập nhật máy chủ.`);
}
