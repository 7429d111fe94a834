/**
 * The văn bản đi part of a pull page (see pull.service.ts for the paging invariant): each table read with
 * `version in the window ORDER BY version LIMIT take` under the read rules of auth/visibility-outgoing.ts.
 */
import { and, asc, or, sql } from 'drizzle-orm';
import type { DocTypeCode } from '../../src-shared/domain/doc-types';
import type { Secrecy, Urgency } from '../../src-shared/domain/enums';
import type {
  DraftAction,
  DraftStatus,
  OutgoingStatus,
  RecipientChannel,
  RecipientStatus,
} from '../../src-shared/domain/outgoing';
import type { Change } from '../../src-shared/sync/protocol';
import { addressedTo, visibleDraft, visibleOutgoing } from '../auth/visibility-outgoing';
import type { Tx } from '../db/client';
import { draftSteps, draftVersions, outgoingDocuments, outgoingDrafts, outgoingRecipients, postalEntries } from '../db/schema-outgoing';
import { inWindow, type VersionWindow } from './pull-window';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const isoNN = (d: Date): string => d.toISOString();

export async function pullOutgoing(tx: Tx, u: Parameters<typeof visibleDraft>[0], window: VersionWindow, take: number): Promise<Change[]> {
  const [drafts, versions, steps, docs, recipients, postal] = [
    await tx.select().from(outgoingDrafts)
      .where(and(inWindow(outgoingDrafts.version, window), visibleDraft(u, sql`${outgoingDrafts.id}`)))
      .orderBy(asc(outgoingDrafts.version)).limit(take),
    await tx.select().from(draftVersions)
      .where(and(inWindow(draftVersions.version, window), visibleDraft(u, sql`${draftVersions.draftId}`)))
      .orderBy(asc(draftVersions.version)).limit(take),
    await tx.select().from(draftSteps)
      .where(and(inWindow(draftSteps.version, window), visibleDraft(u, sql`${draftSteps.draftId}`)))
      .orderBy(asc(draftSteps.version)).limit(take),
    await tx.select().from(outgoingDocuments)
      .where(and(inWindow(outgoingDocuments.version, window), visibleOutgoing(u, sql`${outgoingDocuments.id}`)))
      .orderBy(asc(outgoingDocuments.version)).limit(take),
    await tx.select().from(outgoingRecipients)
      .where(and(inWindow(outgoingRecipients.version, window), or(visibleDraft(u, sql`${outgoingRecipients.outgoingId}`), addressedTo(u, 'outgoing_recipients'))))
      .orderBy(asc(outgoingRecipients.version)).limit(take),
    await tx.select().from(postalEntries)
      .where(and(inWindow(postalEntries.version, window), visibleDraft(u, sql`${postalEntries.outgoingId}`)))
      .orderBy(asc(postalEntries.version)).limit(take),
  ];
  const base = (id: string, version: number) => ({ id, version, deleted: false });
  return [
    ...drafts.map((r): Change => ({
      entity: 'outgoingDraft', ...base(r.id, r.version),
      data: {
        id: r.id, status: r.status as DraftStatus, docType: r.docType as DocTypeCode, subject: r.subject, urgency: r.urgency as Urgency,
        secrecy: r.secrecy as Secrecy, notation: r.notation, recipientsText: r.recipientsText, dueDate: r.dueDate, language: r.language,
        pageAmount: r.pageAmount, description: r.description, issuedAmount: r.issuedAmount, unitId: r.unitId, createdBy: r.createdBy,
        signerId: r.signerId, currentVersionId: r.currentVersionId, createdAt: isoNN(r.createdAt), updatedAt: isoNN(r.updatedAt),
      },
    })),
    ...versions.map((r): Change => ({
      entity: 'draftVersion', ...base(r.id, r.version),
      data: {
        id: r.id, draftId: r.draftId, versionNo: r.versionNo, kind: r.kind as 'draft' | 'signed', pdf: r.pdf, docx: r.docx ?? null,
        attachments: r.attachments, note: r.note, createdBy: r.createdBy, createdAt: isoNN(r.createdAt),
      },
    })),
    ...steps.map((r): Change => ({
      entity: 'draftStep', ...base(r.id, r.version),
      data: {
        id: r.id, draftId: r.draftId, action: r.action as DraftAction, fromStatus: r.fromStatus as DraftStatus | null,
        toStatus: r.toStatus as DraftStatus, actorId: r.actorId, comment: r.comment, at: isoNN(r.at),
      },
    })),
    ...docs.map((r): Change => ({
      entity: 'outgoingDocument', ...base(r.id, r.version),
      data: {
        id: r.id, registerId: r.registerId, year: r.year, number: r.number, numberText: r.number < 10 ? `0${r.number}` : String(r.number),
        notation: r.notation, issuedDate: r.issuedDate, docType: r.docType as DocTypeCode, subject: r.subject, urgency: r.urgency as Urgency,
        secrecy: r.secrecy as Secrecy, signerName: r.signerName, signerPosition: r.signerPosition, recipientsText: r.recipientsText,
        keptBy: r.keptBy, issuedAmount: r.issuedAmount, note: r.note, status: r.status as OutgoingStatus, signedPdf: r.signedPdf,
        issuedPdf: r.issuedPdf ?? null, issuedAttachments: r.issuedAttachments, revokedAt: iso(r.revokedAt), revokeReason: r.revokeReason,
        replacedById: r.replacedById, replacesId: r.replacesId, dispatchedAt: iso(r.dispatchedAt), issuedBy: r.issuedBy,
        issuedAt: isoNN(r.issuedAt), provisionalNumber: r.provisionalNumber,
      },
    })),
    ...recipients.map((r): Change => ({
      entity: 'outgoingRecipient', ...base(r.id, r.version),
      data: {
        id: r.id, outgoingId: r.outgoingId, channel: r.channel as RecipientChannel, unitId: r.unitId, userId: r.userId, organId: r.organId,
        name: r.name, email: r.email, address: r.address, status: r.status as RecipientStatus, statusCode: r.statusCode, note: r.note,
        sentAt: iso(r.sentAt), readAt: iso(r.readAt),
      },
    })),
    ...postal.map((r): Change => ({
      entity: 'postalEntry', ...base(r.id, r.version),
      data: {
        id: r.id, outgoingId: r.outgoingId, year: r.year, date: r.date, recipientName: r.recipientName, envelopes: r.envelopes,
        receipt: r.receipt, note: r.note, createdBy: r.createdBy,
      },
    })),
  ];
}
