/**
 * Drafts as this desktop shows them: the confirmed rows with this desktop's pending outgoing.* mutations applied on
 * top (optimistic), using the same transition rules the server applies (src-shared/domain/outgoing.ts).
 */
import type Database from 'better-sqlite3';
import type { DraftListItem } from '../../../src-shared/contract/methods-outgoing';
import type { User } from '../../../src-shared/domain/entities';
import {
  NEXT_STATUS,
  statusAfterSubmit,
  type DraftStatus,
  type DraftVersion,
  type OutgoingDocument,
  type OutgoingDraft,
  type DraftStep,
} from '../../../src-shared/domain/outgoing';
import type { MutationArgs } from '../../../src-shared/sync/mutations';
import { formatNumberNotation } from '../../../src-shared/domain/notation';
import { pendingOutgoing, rowOf, rowsOf, unitName, userName, type PendingMutation } from './outgoing.repo';

export type DraftView = { draft: OutgoingDraft; pending: PendingMutation[]; confirmed: boolean };

/** Confirmed drafts plus pending creations, each with its pending actions applied. */
export function draftViews(sqlite: Database.Database, user: User): Map<string, DraftView> {
  const views = new Map<string, DraftView>();
  for (const d of rowsOf<OutgoingDraft>(sqlite, 'outgoingDraft')) views.set(d.id, { draft: { ...d }, pending: [], confirmed: true });
  for (const m of pendingOutgoing(sqlite)) {
    const draftId = (m.args.draftId ?? m.args.outgoingId) as string | undefined;
    if (!draftId) continue;
    if (m.name === 'outgoing.createDraft' && !views.has(draftId)) {
      const a = m.args as MutationArgs<'outgoing.createDraft'>;
      views.set(draftId, {
        draft: {
          ...a.metadata, id: draftId, status: 'drafting', unitId: user.unitId, createdBy: user.id, signerId: null,
          currentVersionId: a.versionId, createdAt: m.queuedAt, updatedAt: m.queuedAt,
        },
        pending: [],
        confirmed: false,
      });
    }
    const view = views.get(draftId);
    if (!view) continue;
    view.pending.push(m);
    if (m.state === 'pending') applyPending(view.draft, m, user);
  }
  return views;
}

function applyPending(d: OutgoingDraft, m: PendingMutation, user: User): void {
  switch (m.name) {
    case 'outgoing.addVersion': {
      const a = m.args as MutationArgs<'outgoing.addVersion'>;
      Object.assign(d, a.metadata ?? {}, { currentVersionId: a.versionId });
      return;
    }
    case 'outgoing.submit': {
      const a = m.args as MutationArgs<'outgoing.submit'>;
      if (d.status === 'drafting' || d.status === 'returned') Object.assign(d, { status: statusAfterSubmit(user), signerId: a.signerId });
      return;
    }
    case 'outgoing.decide': {
      const a = m.args as MutationArgs<'outgoing.decide'>;
      const next: DraftStatus = a.decision === 'return' ? 'returned' : a.stage === 'signature' ? d.status : NEXT_STATUS[a.stage];
      d.status = next;
      return;
    }
    case 'outgoing.sign':
      d.status = 'signed';
      d.currentVersionId = (m.args as MutationArgs<'outgoing.sign'>).versionId;
      return;
    case 'outgoing.issue':
      d.status = 'issued';
      return;
    default:
      return;
  }
}

/** Versions: confirmed ones and those this desktop queued (create, new version, signature). */
export function versionsOf(sqlite: Database.Database, view: DraftView, user: User): DraftVersion[] {
  const list = rowsOf<DraftVersion>(sqlite, 'draftVersion', view.draft.id);
  const known = new Set(list.map((v) => v.id));
  let n = list.reduce((max, v) => Math.max(max, v.versionNo), 0);
  for (const m of view.pending) {
    const a = m.args as { versionId?: string; pdf?: DraftVersion['pdf']; signedPdf?: DraftVersion['pdf']; docx?: DraftVersion['docx']; attachments?: DraftVersion['attachments']; note?: string; comment?: string };
    if (!a.versionId || known.has(a.versionId) || m.state !== 'pending') continue;
    const prev = list.at(-1);
    list.push({
      id: a.versionId, draftId: view.draft.id, versionNo: ++n, kind: m.name === 'outgoing.sign' ? 'signed' : 'draft',
      pdf: (a.pdf ?? a.signedPdf)!, docx: a.docx ?? prev?.docx ?? null, attachments: a.attachments ?? prev?.attachments ?? [],
      note: a.note ?? a.comment ?? '', createdBy: user.id, createdAt: m.queuedAt,
    });
  }
  return list.sort((a, b) => a.versionNo - b.versionNo);
}

export function stepsOf(sqlite: Database.Database, draftId: string): DraftStep[] {
  return rowsOf<DraftStep>(sqlite, 'draftStep', draftId).sort((a, b) => a.at.localeCompare(b.at));
}

export function toListItem(sqlite: Database.Database, view: DraftView): DraftListItem {
  const d = view.draft;
  const outgoing = rowOf<OutgoingDocument>(sqlite, 'outgoingDocument', d.id);
  const rejected = view.pending.find((p) => p.state === 'rejected');
  const steps = d.status === 'returned' ? stepsOf(sqlite, d.id).filter((s) => s.action === 'return') : [];
  return {
    ...d,
    createdByName: userName(sqlite, d.createdBy) ?? '',
    signerName: userName(sqlite, d.signerId),
    unitName: unitName(sqlite, d.unitId),
    versionCount: sqlite.prepare("SELECT count(*) FROM outgoing_rows WHERE entity = 'draftVersion' AND parent_id = ?").pluck().get(d.id) as number,
    numberNotation: outgoing ? formatNumberNotation(outgoing.numberText, outgoing.notation) : null,
    syncState: rejected ? 'rejected' : view.pending.some((p) => p.state === 'pending') ? 'pending' : 'synced',
    rejectReason: rejected?.rejectReason ?? null,
    lastComment: steps.at(-1)?.comment ?? null,
  };
}
