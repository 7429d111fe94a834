/** The văn bản đi part of the handler map (src-shared/contract/methods-outgoing.ts). */
import { AppError } from '../../../src-shared/contract/errors';
import type { Handlers } from '../../../src-shared/contract/handlers';
import type { OUTGOING_METHODS } from '../../../src-shared/contract/methods-outgoing';
import type { CoreContext } from '../core-context';

type OutgoingHandlers = Pick<Handlers<CoreContext>, keyof typeof OUTGOING_METHODS>;

const notYet = () => {
  throw new AppError('UNKNOWN_METHOD', 'Chức năng văn bản đi chưa có trong phiên bản này.');
};

export function createOutgoingHandlers(): OutgoingHandlers {
  return {
    'outgoing.listDrafts': notYet,
    'outgoing.getDraft': notYet,
    'outgoing.createDraft': notYet,
    'outgoing.addVersion': notYet,
    'outgoing.submit': notYet,
    'outgoing.decide': notYet,
    'outgoing.sign': notYet,
    'outgoing.issue': notYet,
    'outgoing.finishIssuance': notYet,
    'outgoing.listIssued': notYet,
    'outgoing.getIssued': notYet,
    'outgoing.dispatch': notYet,
    'outgoing.revoke': notYet,
    'outgoing.listInbox': notYet,
    'outgoing.markRead': notYet,
    'outgoing.addPostal': notYet,
    'outgoing.listPostal': notYet,
    'registers.exportOutgoing': notYet,
    'registers.exportPostal': notYet,
    'edxml.export': notYet,
    'edxml.import': notYet,
    'edxml.statusMessage': notYet,
    'outgoing.getSmtp': notYet,
    'outgoing.setSmtp': notYet,
  };
}
