/**
 * Phát hành on the desktop: the clerk issues a signed draft (the server allocates the number; offline the issuance
 * waits in the queue and the clerk is told so), finishes it online with the organization's token (number and date
 * written into the PDF, seal, signed appendices), revokes; the outgoing list, internal inbox and postal register.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import type { InternalInboxItem, OUTGOING_METHODS, OutgoingDetail, OutgoingListItem } from '../../../src-shared/contract/methods-outgoing';
import { registerYearOf, todayInVietnam } from '../../../src-shared/domain/dates';
import type { Organization, User } from '../../../src-shared/domain/entities';
import { formatDocNumber, formatNumberNotation } from '../../../src-shared/domain/notation';
import { foldVietnamese } from '../../../src-shared/domain/text-fold';
import {
  whyCannotIssue,
  type DraftVersion,
  type OutgoingDocument,
  type OutgoingFileRef,
  type OutgoingRecipient,
  type PostalEntry,
} from '../../../src-shared/domain/outgoing';
import type { MutationArgs } from '../../../src-shared/sync/mutations';
import { draftViews } from './draft-view';
import type { SignFilesFn } from './drafts.service';
import { enqueue, fileRef, pendingOutgoing, queueUploads, requireManager, rowOf, rowsOf } from './outgoing.repo';

type P<M extends keyof typeof OUTGOING_METHODS> = z.output<(typeof OUTGOING_METHODS)[M]['params']>;

export type IssuanceDeps = {
  sqlite: Database.Database;
  requireUser: () => User;
  organization: () => Organization;
  onQueued: () => void;
  /** Runs a sync now (push then pull) and resolves when it finished or failed. */
  syncNow: () => Promise<unknown>;
  signFiles: SignFilesFn;
  emitNumberAllocated: (e: { outgoingId: string; number: number; numberNotation: string; provisionalNumber: number | null }) => void;
  now?: () => Date;
};

export const OFFLINE_ISSUE_MESSAGE =
  'Chưa kết nối được máy chủ nên chưa cấp số chính thức. Yêu cầu cấp số đang chờ trong hàng đợi và sẽ tự gửi khi có mạng; ' +
  'số tạm thời có thể thay đổi. Khi có số chính thức, hãy hoàn tất phát hành (ghi số, ngày và ký số của cơ quan).';

export const numberNotationOf = (d: Pick<OutgoingDocument, 'numberText' | 'notation'>) => formatNumberNotation(d.numberText, d.notation);

export type IssuanceService = ReturnType<typeof createIssuanceService>;

export function createIssuanceService(deps: IssuanceDeps) {
  const { sqlite } = deps;
  const now = deps.now ?? (() => new Date());
  /** Issuances queued here whose number has not arrived yet (to announce it once it does). */
  const awaitingNumber = new Set<string>();

  const requireClerk = (what: string): User => requireManager(deps.requireUser(), what);
  function confirmed(id: string): OutgoingDocument {
    const doc = rowOf<OutgoingDocument>(sqlite, 'outgoingDocument', id);
    if (!doc) {
      throw new AppError('CONFLICT', 'Văn bản chưa có số chính thức từ máy chủ (việc cấp số còn chờ trong hàng đợi). Hãy kết nối mạng, đồng bộ rồi thử lại.');
    }
    return doc;
  }
  function pendingIssues() {
    return pendingOutgoing(sqlite).filter((m) => m.name === 'outgoing.issue' && !rowOf(sqlite, 'outgoingDocument', m.args.draftId as string));
  }
  function provisionalNumber(year: number): number {
    const fromRegister = sqlite.prepare("SELECT coalesce(max(last_number), 0) FROM registers WHERE kind = 'outgoing' AND year = ?").pluck().get(year) as number;
    const issued = rowsOf<OutgoingDocument>(sqlite, 'outgoingDocument').filter((d) => d.year === year).map((d) => d.number);
    const pending = pendingIssues().map((m) => (m.args.year === year ? Number(m.args.provisionalNumber ?? 0) : 0));
    return Math.max(fromRegister, ...issued, ...pending, 0) + 1;
  }
  /** A confirmed document with a revocation, dispatch or seal of this desktop still queued (or refused) is not synced yet. */
  function stateOf(id: string): OutgoingListItem['syncState'] {
    const mine = pendingOutgoing(sqlite).filter((m) => m.args.outgoingId === id);
    return mine.some((m) => m.state === 'rejected') ? 'rejected' : mine.length ? 'pending' : 'synced';
  }
  function toItem(d: OutgoingDocument, syncState: OutgoingListItem['syncState']): OutgoingListItem {
    const recipientCount = sqlite.prepare("SELECT count(*) FROM outgoing_rows WHERE entity = 'outgoingRecipient' AND parent_id = ?").pluck().get(d.id) as number;
    return { ...d, numberNotation: numberNotationOf(d), recipientCount, syncState, provisional: false };
  }
  /** A queued issuance shown with its provisional number until the server's arrives. */
  function pendingItem(user: User, m: ReturnType<typeof pendingIssues>[number]): OutgoingListItem | null {
    const a = m.args as MutationArgs<'outgoing.issue'>;
    const view = draftViews(sqlite, user).get(a.draftId);
    if (!view) return null;
    const d = view.draft;
    const version = rowOf<DraftVersion>(sqlite, 'draftVersion', d.currentVersionId);
    const n = a.provisionalNumber ?? 1;
    const doc: OutgoingDocument = {
      id: d.id, registerId: d.id, year: a.year, number: n, numberText: formatDocNumber(n), notation: d.notation, issuedDate: a.issuedDate,
      docType: d.docType, subject: d.subject, urgency: d.urgency, secrecy: d.secrecy, signerName: a.signerName, signerPosition: a.signerPosition,
      recipientsText: d.recipientsText, keptBy: '', issuedAmount: d.issuedAmount, note: a.note, status: 'issued',
      signedPdf: version?.pdf ?? { sha256: '0'.repeat(64), name: 'du-thao.pdf', size: 1, mime: 'application/pdf', pageCount: null },
      issuedPdf: null, issuedAttachments: [], revokedAt: null, revokeReason: null, replacedById: null, replacesId: a.replacesId,
      dispatchedAt: null, issuedBy: user.id, issuedAt: m.queuedAt, provisionalNumber: a.provisionalNumber,
    };
    return { ...toItem(doc, m.state === 'rejected' ? 'rejected' : 'pending'), recipientCount: a.recipients.length, provisional: true };
  }

  return {
    async issue(p: P<'outgoing.issue'>) {
      const user = requireClerk('cấp số và phát hành văn bản');
      const view = draftViews(sqlite, user).get(p.draftId);
      if (!view) throw new AppError('NOT_FOUND', 'Không tìm thấy dự thảo. Hãy đồng bộ rồi thử lại.');
      const reason = whyCannotIssue(user, { status: view.draft.status, createdBy: view.draft.createdBy, unitId: view.draft.unitId, signerId: view.draft.signerId });
      if (reason) throw new AppError('FORBIDDEN', reason);
      const year = registerYearOf(now());
      const signer = view.draft.signerId
        ? (sqlite.prepare('SELECT full_name AS name, position FROM users WHERE id = ?').get(view.draft.signerId) as { name: string; position: string } | undefined)
        : undefined;
      const provisional = provisionalNumber(year);
      const outboxId = sqlite.transaction(() =>
        enqueue(sqlite, user.id, 'outgoing.issue', {
          draftId: p.draftId, stepId: randomUUID(), year, issuedDate: p.issuedDate ?? todayInVietnam(now()), signerName: signer?.name ?? '',
          signerPosition: signer?.position ?? '', recipients: p.recipients.map((r) => ({ ...r, recipientId: randomUUID() })), note: p.note,
          provisionalNumber: provisional, replacesId: p.replacesId,
        }, now().toISOString()),
      )();
      awaitingNumber.add(p.draftId);
      deps.onQueued();
      await deps.syncNow().catch(() => undefined);
      const doc = rowOf<OutgoingDocument>(sqlite, 'outgoingDocument', p.draftId);
      if (doc) return { id: doc.id, provisional: false, number: doc.number, numberNotation: numberNotationOf(doc), message: `Đã cấp số ${numberNotationOf(doc)}.` };
      const refused = sqlite.prepare("SELECT error_message FROM outbox WHERE id = ? AND status = 'rejected'").pluck().get(outboxId) as string | undefined;
      if (refused) throw new AppError('CONFLICT', refused);
      const text = formatNumberNotation(formatDocNumber(provisional), view.draft.notation);
      return { id: p.draftId, provisional: true, number: provisional, numberNotation: text, message: OFFLINE_ISSUE_MESSAGE };
    },

    /** Called after each pull: announces numbers that arrived for issuances queued on this desktop. */
    onPulled(): void {
      for (const id of [...awaitingNumber]) {
        const doc = rowOf<OutgoingDocument>(sqlite, 'outgoingDocument', id);
        if (!doc) continue;
        awaitingNumber.delete(id);
        deps.emitNumberAllocated({ outgoingId: id, number: doc.number, numberNotation: numberNotationOf(doc), provisionalNumber: doc.provisionalNumber });
      }
    },

    async finishIssuance(p: P<'outgoing.finishIssuance'>) {
      const user = requireClerk('đóng dấu số văn bản phát hành');
      const doc = confirmed(p.outgoingId);
      if (doc.status !== 'issued') throw new AppError('CONFLICT', 'Văn bản đã bị thu hồi hoặc thay thế nên không đóng dấu được nữa.');
      const numberAndSymbol = numberNotationOf(doc);
      const sign = { certificateId: p.certificateId, pin: p.pin, confirmFinalTry: p.confirmFinalTry };
      const main = await deps.signFiles({
        ...sign, files: [{ sha256: doc.signedPdf.sha256, name: doc.signedPdf.name }], appearance: 'seal', reason: 'Phát hành văn bản',
        ...(p.sealImageBase64 ? { imageBase64: p.sealImageBase64 } : {}),
        fillIn: { numberAndSymbol, issueDate: doc.issuedDate, place: deps.organization().place },
      });
      const r = main.results[0];
      if (!r?.ok || !r.signed) throw new AppError((r?.error?.code as 'INTERNAL') ?? 'INTERNAL', r?.error?.message ?? 'Không ký số được văn bản phát hành.');
      const issuedPdf = fileRef(sqlite, { sha256: r.signed.sha256, name: `${numberAndSymbol.replaceAll('/', '-')}.pdf` }, 'pdf');
      const draftVersion = rowOf<DraftVersion>(sqlite, 'draftVersion', rowOf<{ currentVersionId: string }>(sqlite, 'outgoingDraft', doc.id)?.currentVersionId ?? '');
      const appendices = draftVersion?.attachments.filter((a) => a.mime === 'application/pdf') ?? [];
      let attachments: OutgoingFileRef[] = [];
      if (appendices.length > 0) {
        const stamped = await deps.signFiles({ ...sign, files: appendices.map((a) => ({ sha256: a.sha256, name: a.name })), appearance: 'attachmentStamp', numberAndSymbol });
        attachments = stamped.results.map((x, i) => {
          if (!x.ok || !x.signed) throw new AppError('INTERNAL', `Không ký số được phụ lục "${appendices[i]?.name}": ${x.error?.message ?? ''}`);
          return fileRef(sqlite, { sha256: x.signed.sha256, name: appendices[i]!.name }, 'pdf');
        });
      }
      const at = now().toISOString();
      sqlite.transaction(() => {
        enqueue(sqlite, user.id, 'outgoing.attachIssued', { outgoingId: doc.id, issuedPdf, issuedAttachments: attachments }, at);
        queueUploads(sqlite, [issuedPdf, ...attachments], at);
      })();
      deps.onQueued();
      return { issuedPdf: { sha256: issuedPdf.sha256, name: issuedPdf.name }, attachments: attachments.map((a) => ({ sha256: a.sha256, name: a.name })) };
    },

    revoke(p: P<'outgoing.revoke'>): { id: string; queued: true } {
      const user = requireClerk('thu hồi văn bản đã phát hành');
      const doc = confirmed(p.outgoingId);
      if (doc.status !== 'issued') throw new AppError('CONFLICT', 'Văn bản này đã bị thu hồi hoặc thay thế trước đó.');
      sqlite.transaction(() => enqueue(sqlite, user.id, 'outgoing.revoke', { outgoingId: doc.id, stepId: randomUUID(), reason: p.reason }, now().toISOString()))();
      deps.onQueued();
      return { id: doc.id, queued: true };
    },

    list(q: P<'outgoing.listIssued'>): { items: OutgoingListItem[]; total: number } {
      const user = deps.requireUser();
      const needle = q.search ? foldVietnamese(q.search) : null;
      const items = [
        ...rowsOf<OutgoingDocument>(sqlite, 'outgoingDocument').map((d) => toItem(d, stateOf(d.id))),
        ...pendingIssues().map((m) => pendingItem(user, m)).filter((x): x is OutgoingListItem => x !== null),
      ].filter((d) =>
        (q.year === undefined || d.year === q.year) && (!q.status || d.status === q.status) &&
        (!q.from || d.issuedDate >= q.from) && (!q.to || d.issuedDate <= q.to) &&
        (!needle || foldVietnamese(`${d.subject} ${d.numberNotation}`).includes(needle)));
      items.sort((a, b) => b.year - a.year || b.number - a.number);
      return { items: items.slice(q.offset, q.offset + q.limit), total: items.length };
    },

    get(id: string): OutgoingDetail {
      deps.requireUser();
      const doc = confirmed(id);
      return {
        ...toItem(doc, stateOf(id)),
        recipients: rowsOf<OutgoingRecipient>(sqlite, 'outgoingRecipient', id),
        postal: rowsOf<PostalEntry>(sqlite, 'postalEntry', id),
      };
    },

    listInbox(q: P<'outgoing.listInbox'>): { items: InternalInboxItem[]; total: number } {
      const user = deps.requireUser();
      const mine = rowsOf<OutgoingRecipient>(sqlite, 'outgoingRecipient').filter(
        (r) => (r.userId === user.id || (r.unitId !== null && r.unitId === user.unitId)) && (r.status === 'delivered' || r.status === 'revoked'),
      );
      const items = mine
        .map((r): InternalInboxItem | null => {
          const d = rowOf<OutgoingDocument>(sqlite, 'outgoingDocument', r.outgoingId);
          if (!d) return null;
          const pdf = d.issuedPdf ?? d.signedPdf;
          return {
            recipientId: r.id, outgoingId: d.id, numberNotation: numberNotationOf(d), issuedDate: d.issuedDate, docType: d.docType,
            subject: d.subject, urgency: d.urgency, signerName: d.signerName, addressedTo: r.name, status: r.status,
            outgoingStatus: d.status, readAt: r.readAt, pdf: { sha256: pdf.sha256, name: pdf.name },
          };
        })
        .filter((x): x is InternalInboxItem => x !== null)
        .sort((a, b) => b.issuedDate.localeCompare(a.issuedDate));
      return { items: items.slice(q.offset, q.offset + q.limit), total: items.length };
    },

    markRead(recipientId: string): { recipientId: string } {
      const user = deps.requireUser();
      sqlite.transaction(() => enqueue(sqlite, user.id, 'outgoing.markRead', { recipientId }, now().toISOString()))();
      deps.onQueued();
      return { recipientId };
    },

    addPostal(p: P<'outgoing.addPostal'>): { id: string; queued: true } {
      const user = requireClerk('vào sổ chuyển giao bưu chính');
      confirmed(p.outgoingId);
      const entryId = randomUUID();
      sqlite.transaction(() =>
        enqueue(sqlite, user.id, 'outgoing.postal', {
          entryId, outgoingId: p.outgoingId, date: p.date ?? todayInVietnam(now()), recipientName: p.recipientName, envelopes: p.envelopes,
          receipt: p.receipt, note: p.note,
        }, now().toISOString()),
      )();
      deps.onQueued();
      return { id: entryId, queued: true };
    },

    listPostal(q: P<'outgoing.listPostal'>): (PostalEntry & { numberNotation: string })[] {
      deps.requireUser();
      return rowsOf<PostalEntry>(sqlite, 'postalEntry')
        .filter((e) => (!q.from || e.date >= q.from) && (!q.to || e.date <= q.to))
        .map((e) => {
          const d = rowOf<OutgoingDocument>(sqlite, 'outgoingDocument', e.outgoingId);
          return { ...e, numberNotation: d ? numberNotationOf(d) : '' };
        })
        .sort((a, b) => a.date.localeCompare(b.date));
    },

  };
}
