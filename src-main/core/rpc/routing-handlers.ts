/** Handlers of the routing contract (issue 6): methods-routing.ts, spread into core-handlers.ts. */
import { AppError } from '../../../src-shared/contract/errors';
import type { Handlers } from '../../../src-shared/contract/handlers';
import type { ROUTING_METHODS } from '../../../src-shared/contract/methods-routing';
import type { CoreContext } from '../core-context';

type RoutingHandlers = Pick<Handlers<CoreContext>, keyof typeof ROUTING_METHODS>;

const notYet = (): never => {
  throw new AppError('UNKNOWN_METHOD', 'Chức năng này đang được hoàn thiện. Vui lòng cập nhật phần mềm sau.');
};

export function createRoutingHandlers(): RoutingHandlers {
  return {
    'routing.leaderInbox': notYet,
    'routing.myDocuments': notYet,
    'routing.getDocument': notYet,
    'routing.submit': notYet,
    'routing.assign': notYet,
    'routing.reassign': notYet,
    'routing.addOpinion': notYet,
    'routing.complete': notYet,
    'routing.return': notYet,
    'tasks.list': notYet,
    'tasks.get': notYet,
    'tasks.create': notYet,
    'tasks.report': notYet,
    'tasks.requestExtension': notYet,
    'tasks.decideExtension': notYet,
    'tasks.extensionRequests': notYet,
    'tasks.reminders': notYet,
    'holidays.list': notYet,
    'holidays.set': notYet,
    'deadlines.compute': notYet,
    'workfiles.list': notYet,
    'workfiles.get': notYet,
    'workfiles.create': notYet,
    'workfiles.addDocument': notYet,
    'workfiles.close': notYet,
    'reports.usage': notYet,
  };
}
