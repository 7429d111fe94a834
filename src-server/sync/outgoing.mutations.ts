/**
 * Server appliers of the văn bản đi mutations (src-shared/sync/mutations-outgoing.ts): one entry point for push.service.
 */
import { AppError } from '../../src-shared/contract/errors';
import type { OutgoingMutationArgs, OutgoingMutationName } from '../../src-shared/sync/mutations-outgoing';
import type { AuthUser } from '../auth/visibility';
import type { Tx } from '../db/client';

export async function applyOutgoingMutation(
  _tx: Tx,
  _user: AuthUser,
  _name: OutgoingMutationName,
  _args: OutgoingMutationArgs<OutgoingMutationName>,
): Promise<void> {
  throw new AppError('UNKNOWN_METHOD', 'Máy chủ chưa hỗ trợ văn bản đi. Vui lòng cập nhật máy chủ.');
}
