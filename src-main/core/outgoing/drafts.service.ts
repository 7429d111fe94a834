/**
 * Dự thảo on the desktop: create with versions (PDF, DOCX alongside, appendices), submit, approve/return at each stage,
 * the leader's approval signature in a batch. Each use case writes its outbox entry (and file uploads) in ONE SQLite
 * transaction; the rules are checked here first (answer offline) and again by the server.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/contract/errors';
import type { DraftDetail, DraftListItem, OUTGOING_METHODS } from '../../../src-shared/contract/methods-outgoing';
import type { z } from 'zod';
import type { User } from '../../../src-shared/domain/entities';
import { isSecret } from '../../../src-shared/domain/enums';
import { foldVietnamese } from '../../../src-shared/domain/text-fold';
import {
  OUTGOING_MANAGERS,
  whyCannotDecide,
  whyCannotEdit,
  whyCannotIssue,
  type DraftFacts,
  type OutgoingDocument,
  type OutgoingFileRef,
} from '../../../src-shared/domain/outgoing';
import { draftViews, stepsOf, toListItem, versionsOf, type DraftView } from './draft-view';
import { enqueue, fileRef, queueUploads, rowOf, userName } from './outgoing.repo';

type P<M extends keyof typeof OUTGOING_METHODS> = z.output<(typeof OUTGOING_METHODS)[M]['params']>;

/** One PIN, several files: the core's signing.signFiles (approval appearance for drafts). */
export type SignFilesFn = (p: {
  files: { sha256: string; name: string }[];
  certificateId: string;
  pin: string;
  confirmFinalTry: boolean;
  appearance: 'approval' | 'seal' | 'attachmentStamp' | 'copyStamp';
  imageBase64?: string;
  numberAndSymbol?: string;
  reason?: string;
  fillIn?: { numberAndSymbol: string; issueDate: string; place?: string };
}) => Promise<{
  warning: string | null;
  results: { sha256: string; name: string; ok: boolean; signed: { sha256: string; name: string } | null; error: { code: string; message: string } | null }[];
}>;

export type DraftsDeps = {
  sqlite: Database.Database;
  requireUser: () => User;
  onQueued: () => void;
  signFiles: SignFilesFn;
  now?: () => Date;
};

const facts = (v: DraftView): DraftFacts => ({
  status: v.draft.status, createdBy: v.draft.createdBy, unitId: v.draft.unitId, signerId: v.draft.signerId,
});

export type DraftsService = ReturnType<typeof createDraftsService>;

export function createDraftsService(deps: DraftsDeps) {
  const { sqlite } = deps;
  const now = deps.now ?? (() => new Date());

  function view(user: User, id: string): DraftView {
    const v = draftViews(sqlite, user).get(id);
    if (!v) throw new AppError('NOT_FOUND', 'Không tìm thấy dự thảo. Có thể dự thảo chưa được đồng bộ hoặc bạn không còn quyền xem.');
    return v;
  }
  function refuse(reason: string | null): void {
    if (reason) throw new AppError('FORBIDDEN', reason);
  }
  function files(p: { pdf: { sha256: string; name: string }; docx: { sha256: string; name: string } | null; attachments: { sha256: string; name: string }[] }) {
    const pdf = fileRef(sqlite, p.pdf, 'pdf');
    const docx = p.docx ? fileRef(sqlite, p.docx, 'docx') : null;
    const attachments = p.attachments.map((a) => fileRef(sqlite, a, 'any'));
    return { pdf, docx, attachments, all: [pdf, ...(docx ? [docx] : []), ...attachments] as OutgoingFileRef[] };
  }
  function queued<T>(fn: (at: string) => T): T {
    const at = now().toISOString();
    const result = sqlite.transaction(() => fn(at))();
    deps.onQueued();
    return result;
  }

  return {
    list(q: P<'outgoing.listDrafts'>): { items: DraftListItem[]; total: number } {
      const user = deps.requireUser();
      const needle = q.search ? foldVietnamese(q.search) : null;
      const all = [...draftViews(sqlite, user).values()].filter((v) => {
        const d = v.draft;
        if (q.status && d.status !== q.status) return false;
        if (needle && !foldVietnamese(`${d.subject} ${d.notation}`).includes(needle)) return false;
        switch (q.scope) {
          case 'mine': return d.createdBy === user.id;
          case 'toSign': return d.status === 'awaitingSignature' && d.signerId === user.id;
          case 'toIssue': return d.status === 'signed' && OUTGOING_MANAGERS.has(user.role);
          case 'review':
            return (['content', 'format', 'signature'] as const).some((stage) => whyCannotDecide(user, facts(v), stage) === null);
          default: return true;
        }
      });
      all.sort((a, b) => b.draft.updatedAt.localeCompare(a.draft.updatedAt));
      return { items: all.slice(q.offset, q.offset + q.limit).map((v) => toListItem(sqlite, v)), total: all.length };
    },

    get(id: string): DraftDetail {
      const user = deps.requireUser();
      const v = view(user, id);
      const f = facts(v);
      const outgoing = rowOf<OutgoingDocument>(sqlite, 'outgoingDocument', id);
      const manager = OUTGOING_MANAGERS.has(user.role);
      return {
        ...toListItem(sqlite, v),
        versions: versionsOf(sqlite, v, user).map((x) => ({ ...x, createdByName: userName(sqlite, x.createdBy) ?? '' })),
        history: stepsOf(sqlite, id).map((s) => ({ ...s, actorName: userName(sqlite, s.actorId) ?? '' })),
        pendingActions: v.pending.map((p) => ({ mutation: p.name, state: p.state, rejectReason: p.rejectReason, queuedAt: p.queuedAt })),
        outgoing,
        can: {
          edit: whyCannotEdit(user, f) === null,
          submit: whyCannotEdit(user, f) === null,
          decideContent: whyCannotDecide(user, f, 'content') === null,
          decideFormat: whyCannotDecide(user, f, 'format') === null,
          sign: whyCannotDecide(user, f, 'signature') === null,
          issue: whyCannotIssue(user, f) === null,
          finishIssuance: manager && outgoing !== null && outgoing.status === 'issued' && outgoing.issuedPdf === null,
          dispatch: manager && outgoing !== null && outgoing.status === 'issued' && outgoing.issuedPdf !== null,
          revoke: manager && outgoing !== null && outgoing.status === 'issued',
        },
      };
    },

    create(p: P<'outgoing.createDraft'>): { id: string; queued: true } {
      const user = deps.requireUser();
      if (isSecret(p.metadata.secrecy)) {
        throw new AppError(
          'SECRET_FILE_FORBIDDEN',
          'Văn bản mật không được soạn thảo và lưu tệp trên hệ thống nối mạng. Hãy soạn trên máy tính không nối mạng và chỉ vào sổ phần thông tin.',
        );
      }
      const f = files(p);
      const draftId = randomUUID();
      return queued((at) => {
        enqueue(sqlite, user.id, 'outgoing.createDraft', {
          draftId, versionId: randomUUID(), stepId: randomUUID(), metadata: p.metadata, pdf: f.pdf, docx: f.docx, attachments: f.attachments, note: p.note,
        }, at);
        queueUploads(sqlite, f.all, at);
        return { id: draftId, queued: true as const };
      });
    },

    addVersion(p: P<'outgoing.addVersion'>): { id: string; queued: true } {
      const user = deps.requireUser();
      refuse(whyCannotEdit(user, facts(view(user, p.draftId))));
      if (p.metadata && isSecret(p.metadata.secrecy)) throw new AppError('SECRET_FILE_FORBIDDEN', 'Văn bản mật không được soạn thảo trên hệ thống nối mạng.');
      const f = files(p);
      const versionId = randomUUID();
      return queued((at) => {
        enqueue(sqlite, user.id, 'outgoing.addVersion', {
          draftId: p.draftId, versionId, stepId: randomUUID(), ...(p.metadata ? { metadata: p.metadata } : {}), pdf: f.pdf, docx: f.docx,
          attachments: f.attachments, note: p.note,
        }, at);
        queueUploads(sqlite, f.all, at);
        return { id: versionId, queued: true as const };
      });
    },

    submit(p: P<'outgoing.submit'>): { id: string; queued: true } {
      const user = deps.requireUser();
      refuse(whyCannotEdit(user, facts(view(user, p.draftId))));
      const signer = sqlite.prepare('SELECT role, active FROM users WHERE id = ?').get(p.signerId) as { role: string; active: number } | undefined;
      if (!signer || signer.role !== 'leader' || !signer.active) {
        throw new AppError('INVALID_INPUT', 'Người ký phải là lãnh đạo cơ quan đang làm việc. Vui lòng chọn lại người ký.');
      }
      return queued((at) => {
        enqueue(sqlite, user.id, 'outgoing.submit', { draftId: p.draftId, stepId: randomUUID(), signerId: p.signerId, comment: p.comment }, at);
        return { id: p.draftId, queued: true as const };
      });
    },

    decide(p: P<'outgoing.decide'>): { id: string; queued: true } {
      const user = deps.requireUser();
      refuse(whyCannotDecide(user, facts(view(user, p.draftId)), p.stage));
      if (p.decision === 'approve' && p.stage === 'signature') {
        throw new AppError('INVALID_INPUT', 'Lãnh đạo đồng ý bằng cách ký số dự thảo (nút "Ký duyệt").');
      }
      if (p.decision === 'return' && !p.comment.trim()) {
        throw new AppError('INVALID_INPUT', 'Khi trả lại dự thảo, vui lòng ghi ý kiến để người soạn thảo biết cần sửa gì.');
      }
      return queued((at) => {
        enqueue(sqlite, user.id, 'outgoing.decide', { draftId: p.draftId, stepId: randomUUID(), stage: p.stage, decision: p.decision, comment: p.comment.trim() }, at);
        return { id: p.draftId, queued: true as const };
      });
    },

    /** The chosen leader signs each draft's current PDF with the token (one PIN for the batch) and records the signed version. */
    async sign(p: P<'outgoing.sign'>) {
      const user = deps.requireUser();
      const views = p.draftIds.map((id) => view(user, id));
      for (const v of views) refuse(whyCannotDecide(user, facts(v), 'signature'));
      const pdfs = views.map((v) => {
        const current = versionsOf(sqlite, v, user).find((x) => x.id === v.draft.currentVersionId);
        if (!current) throw new AppError('FILE_UNAVAILABLE_OFFLINE', 'Chưa có bản dự thảo trên máy này. Hãy đồng bộ rồi ký lại.');
        return current.pdf;
      });
      const signed = await deps.signFiles({
        files: pdfs.map((f) => ({ sha256: f.sha256, name: f.name })), certificateId: p.certificateId, pin: p.pin,
        confirmFinalTry: p.confirmFinalTry, appearance: 'approval', reason: 'Ký duyệt văn bản',
        ...(p.imageBase64 ? { imageBase64: p.imageBase64 } : {}),
      });
      const results = views.map((v, i) => {
        const r = signed.results.find((x) => x.sha256 === pdfs[i]!.sha256);
        if (!r?.ok || !r.signed) return { draftId: v.draft.id, ok: false, signed: null, error: r?.error ?? { code: 'INTERNAL', message: 'Không ký được dự thảo này.' } };
        const ref = fileRef(sqlite, { sha256: r.signed.sha256, name: r.signed.name }, 'pdf');
        queued((at) => {
          enqueue(sqlite, user.id, 'outgoing.sign', { draftId: v.draft.id, stepId: randomUUID(), versionId: randomUUID(), signedPdf: ref, comment: p.comment }, at);
          queueUploads(sqlite, [ref], at);
        });
        return { draftId: v.draft.id, ok: true, signed: { sha256: ref.sha256, name: ref.name }, error: null };
      });
      return { warning: signed.warning, results };
    },
  };
}
