/** Handlers of the routing reports (methods-routing-reports.ts), spread into core-handlers.ts. */
import type { Handlers } from '../../../src-shared/contract/handlers';
import type { ROUTING_REPORT_METHODS } from '../../../src-shared/contract/methods-routing-reports';
import type { CoreContext } from '../core-context';

export function createRoutingReportsHandlers(): Pick<Handlers<CoreContext>, keyof typeof ROUTING_REPORT_METHODS> {
  return {
    'reports.handlingRegister': (p, ctx) => ctx.routingReports.exportRegister(p),
    'reports.handlingStats': (p, ctx) => ctx.routingReports.stats(p),
    'reports.exportHandlingStats': (p, ctx) => ctx.routingReports.exportStats(p),
  };
}
