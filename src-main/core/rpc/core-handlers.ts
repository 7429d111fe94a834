/** The contract's handler map, implemented by the core's services. Every method of METHODS is here. */
import type { Handlers } from '../../../src-shared/contract/handlers';
import { PROTOCOL_VERSION } from '../../../src-shared/sync/protocol';
import type { CoreContext } from '../core-context';
import { setDocumentOffline } from '../sync/download-blobs';
import { createOutgoingHandlers } from './outgoing.handlers';
import { createRoutingHandlers } from './routing-handlers';
import { createSigningHandlers } from './signing-handlers';
import { createRoutingReportsHandlers } from './routing-reports.handlers';

export function createCoreHandlers(): Handlers<CoreContext> {
  return {
    'app.info': (_p, ctx) => ({
      version: ctx.appVersion,
      protocolVersion: PROTOCOL_VERSION,
      platform: process.platform,
      host: ctx.host,
    }),
    'auth.session': (_p, ctx) => ctx.auth.session(),
    'auth.login': async (p, ctx) => {
      const session = await ctx.auth.login(p.username, p.password);
      ctx.sync.sessionChanged();
      return session;
    },
    'auth.logout': async (_p, ctx) => {
      const session = await ctx.auth.logout();
      ctx.sync.sessionChanged();
      return session;
    },
    'auth.setServerUrl': (p, ctx) => ctx.setServerUrl(p.serverUrl),
    'directory.units': (_p, ctx) => ctx.directory.units(),
    'directory.users': (_p, ctx) => ctx.directory.users(),
    'directory.issuers': (p, ctx) => ctx.directory.issuers(p.query, p.limit),
    'registers.list': (p, ctx) => ctx.directory.registers(p.year),
    'registers.create': (p, ctx) => ctx.registers.create(p),
    'registers.exportIncoming': (p, ctx) => {
      ctx.auth.requireUser();
      return ctx.reports.exportIncoming(p);
    },
    'documents.listIncoming': (p, ctx) => ctx.incoming.list(p),
    'documents.getIncoming': (p, ctx) => ctx.incoming.get(p.id),
    'documents.checkDuplicate': (p, ctx) => ctx.incoming.checkDuplicate(p),
    'documents.registerIncoming': (p, ctx) => ctx.incoming.registerIncoming(p),
    'intake.stageFile': (p, ctx) => ctx.intake.stageFile(p),
    'intake.stageImages': (p, ctx) => ctx.intake.stageImages(p),
    'intake.getScanFolder': (_p, ctx) => {
      ctx.auth.requireUser();
      return ctx.scanFolder.status();
    },
    'intake.setScanFolder': (p, ctx) => {
      ctx.auth.requireUser();
      return ctx.scanFolder.setFolder(p.path);
    },
    'intake.listArrived': (p, ctx) => {
      ctx.auth.requireUser();
      return ctx.scanFolder.listArrived(p.limit);
    },
    'files.read': (p, ctx) => ctx.files.read(p.sha256),
    'documents.setOffline': (p, ctx) => {
      ctx.auth.requireUser();
      const kept = setDocumentOffline(ctx.replica.sqlite, p.id, p.keep);
      ctx.sync.trigger('offline');
      return kept;
    },
    'sync.status': (_p, ctx) => ctx.sync.status(),
    'sync.now': (_p, ctx) => ctx.sync.runNow(),
    'signing.listModules': (_p, ctx) => ctx.signing.listModules(),
    'signing.setModulePath': (p, ctx) => ctx.signing.setModulePath(p.path),
    'signing.listTokens': (_p, ctx) => ctx.signing.listTokens(),
    'signing.signFiles': (p, ctx) => ctx.signing.signFiles(p),
    'signing.verify': (p, ctx) => ctx.signing.verify(p.sha256),
    ...createSigningHandlers(),
    ...createOutgoingHandlers(),
    ...createRoutingHandlers(),
    ...createRoutingReportsHandlers(),
  };
}
