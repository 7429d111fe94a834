/** Handlers of the routing contract (issue 6): methods-routing.ts, spread into core-handlers.ts. */
import type { Handlers } from '../../../src-shared/contract/handlers';
import type { ROUTING_METHODS } from '../../../src-shared/contract/methods-routing';
import type { CoreContext } from '../core-context';

type RoutingHandlers = Pick<Handlers<CoreContext>, keyof typeof ROUTING_METHODS>;

export function createRoutingHandlers(): RoutingHandlers {
  return {
    'routing.leaderInbox': (p, ctx) => ctx.routing.leaderInbox(p.includeAssigned),
    'routing.myDocuments': (p, ctx) => ctx.routing.myDocuments(p.role, p.state),
    'routing.getDocument': (p, ctx) => ctx.routing.getDocument(p.documentId),
    'routing.submit': (p, ctx) => ctx.routing.submit(p),
    'routing.assign': (p, ctx) => ctx.routing.assign(p),
    'routing.reassign': (p, ctx) => ctx.routing.reassign(p),
    'routing.addOpinion': (p, ctx) => ctx.routing.addOpinion(p),
    'routing.complete': (p, ctx) => ctx.routing.complete(p),
    'routing.return': (p, ctx) => ctx.routing.returnAssignment(p),
    'tasks.list': (p, ctx) => ctx.routing.listTasks(p.scope, p.filter),
    'tasks.get': (p, ctx) => ctx.routing.getTask(p.taskId),
    'tasks.create': (p, ctx) => ctx.routing.createTask(p),
    'tasks.report': (p, ctx) => ctx.routing.report(p),
    'tasks.requestExtension': (p, ctx) => ctx.routing.requestExtension(p),
    'tasks.decideExtension': (p, ctx) => ctx.routing.decideExtension(p),
    'tasks.extensionRequests': (p, ctx) => ctx.routing.extensionRequests(p.scope),
    'tasks.reminders': (_p, ctx) => ctx.routing.reminders(),
    'holidays.list': (p, ctx) => ctx.routing.holidays(p.year),
    'holidays.set': (p, ctx) => ctx.routing.setHoliday(p),
    'deadlines.compute': (p, ctx) => ctx.routing.computeDeadline(p),
    'workfiles.list': (p, ctx) => ctx.routing.listWorkFiles(p.year, p.status),
    'workfiles.get': (p, ctx) => ctx.routing.getWorkFile(p.id),
    'workfiles.create': (p, ctx) => ctx.routing.createWorkFile(p),
    'workfiles.addDocument': (p, ctx) => ctx.routing.addToWorkFile(p),
    'workfiles.close': (p, ctx) => ctx.routing.closeWorkFile(p),
    'reports.usage': (p, ctx) => ctx.routing.usage(p),
  };
}
