/** The văn bản đi part of the handler map (src-shared/contract/methods-outgoing.ts), served by ctx.outgoing. */
import { AppError } from '../../../src-shared/contract/errors';
import type { Handlers } from '../../../src-shared/contract/handlers';
import type { OUTGOING_METHODS } from '../../../src-shared/contract/methods-outgoing';
import type { CoreContext } from '../core-context';

type OutgoingHandlers = Pick<Handlers<CoreContext>, keyof typeof OUTGOING_METHODS>;

export function createOutgoingHandlers(): OutgoingHandlers {
  return {
    'outgoing.listDrafts': (p, ctx) => ctx.outgoing.drafts.list(p),
    'outgoing.getDraft': (p, ctx) => ctx.outgoing.drafts.get(p.id),
    'outgoing.createDraft': (p, ctx) => ctx.outgoing.drafts.create(p),
    'outgoing.addVersion': (p, ctx) => ctx.outgoing.drafts.addVersion(p),
    'outgoing.submit': (p, ctx) => ctx.outgoing.drafts.submit(p),
    'outgoing.decide': (p, ctx) => ctx.outgoing.drafts.decide(p),
    'outgoing.sign': (p, ctx) => ctx.outgoing.drafts.sign(p),
    'outgoing.issue': (p, ctx) => ctx.outgoing.issuance.issue(p),
    'outgoing.finishIssuance': (p, ctx) => ctx.outgoing.issuance.finishIssuance(p),
    'outgoing.listIssued': (p, ctx) => ctx.outgoing.issuance.list(p),
    'outgoing.getIssued': (p, ctx) => ctx.outgoing.issuance.get(p.id),
    'outgoing.dispatch': (p, ctx) => ctx.outgoing.dispatch.dispatch(p),
    'outgoing.revoke': (p, ctx) => ctx.outgoing.issuance.revoke(p),
    'outgoing.listInbox': (p, ctx) => ctx.outgoing.issuance.listInbox(p),
    'outgoing.markRead': (p, ctx) => ctx.outgoing.issuance.markRead(p.recipientId),
    'outgoing.addPostal': (p, ctx) => ctx.outgoing.issuance.addPostal(p),
    'outgoing.listPostal': (p, ctx) => ctx.outgoing.issuance.listPostal(p),
    'registers.exportOutgoing': (p, ctx) => ctx.outgoing.exportRegister('outgoing', p),
    'registers.exportPostal': (p, ctx) => ctx.outgoing.exportRegister('postal', p),
    'edxml.export': (p, ctx) => ctx.outgoing.dispatch.exportEdxml(p),
    'edxml.import': (p, ctx) => ctx.outgoing.dispatch.importEdxml(p),
    'edxml.statusMessage': (p, ctx) => ctx.outgoing.dispatch.statusMessage(p),
    'outgoing.getSmtp': async (_p, ctx) => {
      ctx.auth.requireUser();
      return ctx.outgoing.smtp.get();
    },
    'outgoing.setSmtp': async (p, ctx) => {
      const user = ctx.auth.requireUser();
      if (user.role !== 'clerk' && user.role !== 'admin') {
        throw new AppError('FORBIDDEN', 'Chỉ văn thư hoặc quản trị được cấu hình máy chủ thư điện tử.');
      }
      await ctx.outgoing.smtp.set(p);
      return { ok: true as const };
    },
  };
}
