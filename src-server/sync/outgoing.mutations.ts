/**
 * Server appliers of the văn bản đi mutations (src-shared/sync/mutations-outgoing.ts): the one entry point for push.service.
 */
import type { OutgoingMutationArgs, OutgoingMutationName } from '../../src-shared/sync/mutations-outgoing';
import type { AuthUser } from '../auth/visibility';
import type { Tx } from '../db/client';
import { applyAddVersion, applyCreateDraft, applyDecide, applySign, applySubmit } from './outgoing-draft.mutations';
import {
  applyAttachIssued,
  applyDispatch,
  applyIssue,
  applyMarkRead,
  applyPostal,
  applyRecipientStatus,
  applyRevoke,
} from './outgoing-issue.mutations';

type Appliers = { [N in OutgoingMutationName]: (tx: Tx, user: AuthUser, args: OutgoingMutationArgs<N>) => Promise<void> };

const APPLIERS: Appliers = {
  'outgoing.createDraft': applyCreateDraft,
  'outgoing.addVersion': applyAddVersion,
  'outgoing.submit': applySubmit,
  'outgoing.decide': applyDecide,
  'outgoing.sign': applySign,
  'outgoing.issue': applyIssue,
  'outgoing.attachIssued': applyAttachIssued,
  'outgoing.dispatch': applyDispatch,
  'outgoing.recipientStatus': applyRecipientStatus,
  'outgoing.revoke': applyRevoke,
  'outgoing.postal': applyPostal,
  'outgoing.markRead': applyMarkRead,
};

export async function applyOutgoingMutation<N extends OutgoingMutationName>(
  tx: Tx,
  user: AuthUser,
  name: N,
  args: OutgoingMutationArgs<N>,
): Promise<void> {
  return (APPLIERS[name] as (tx: Tx, user: AuthUser, args: OutgoingMutationArgs<N>) => Promise<void>)(tx, user, args);
}
