/**
 * Issuance and after: the clerk issues a signed draft (the server allocates the number from the outgoing register of
 * the year, gapless and unique, exactly like arrival numbers), attaches the sealed PDF, dispatches, revokes; the
 * postal register; recipients' status. Internal recipients (units, people) get their delivery when dispatched: the
 * recipient row is what makes the issued document appear in their "Văn bản đến nội bộ" list.
 */
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { AppError } from '../../src-shared/contract/errors';
import { OUTGOING_MANAGERS, whyCannotIssue } from '../../src-shared/domain/outgoing';
import type { OutgoingMutationArgs, OutgoingRecipientInput } from '../../src-shared/sync/mutations-outgoing';
import type { AuthUser } from '../auth/visibility';
import type { Tx } from '../db/client';
import { units, users } from '../db/schema';
import { draftVersions, outgoingDocuments, outgoingDrafts, outgoingRecipients, postalEntries } from '../db/schema-outgoing';
import { allocateNumber } from './incoming-register.mutation';
import { factsOf, loadDraft, recordStep, requireUploaded, stepExists } from './outgoing-draft.mutations';

const bump = { version: sql`nextval('change_version')` };

function requireClerk(user: AuthUser, what: string): void {
  if (!OUTGOING_MANAGERS.has(user.role)) throw new AppError('FORBIDDEN', `Chỉ văn thư được ${what}. Vui lòng chuyển cho văn thư.`);
}

async function loadOutgoing(tx: Tx, id: string) {
  const [doc] = await tx.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, id)).for('update');
  if (!doc) throw new AppError('NOT_FOUND', 'Không tìm thấy văn bản đi. Có thể việc phát hành chưa được đồng bộ; vui lòng thử lại sau.');
  return doc;
}

type RecipientIn = OutgoingRecipientInput & { recipientId: string };

/** Checks a recipient and fills its display name from the directory. */
async function recipientRow(tx: Tx, outgoingId: string, r: RecipientIn) {
  let name = r.name ?? '';
  switch (r.channel) {
    case 'unit': {
      const [u] = r.unitId ? await tx.select({ name: units.name }).from(units).where(eq(units.id, r.unitId)) : [];
      if (!u) throw new AppError('INVALID_INPUT', 'Đơn vị nhận không có trong danh sách đơn vị. Vui lòng chọn lại nơi nhận.');
      name ||= u.name;
      break;
    }
    case 'user': {
      const [u] = r.userId ? await tx.select({ name: users.fullName }).from(users).where(eq(users.id, r.userId)) : [];
      if (!u) throw new AppError('INVALID_INPUT', 'Người nhận không có trong danh sách cán bộ. Vui lòng chọn lại nơi nhận.');
      name ||= u.name;
      break;
    }
    case 'organ':
      if (!r.organId || !name) throw new AppError('INVALID_INPUT', 'Cơ quan nhận qua trục liên thông cần mã định danh và tên cơ quan.');
      break;
    case 'email':
      if (!r.email) throw new AppError('INVALID_INPUT', 'Nơi nhận qua thư điện tử cần địa chỉ thư điện tử.');
      name ||= r.email;
      break;
    case 'paper':
      if (!name) throw new AppError('INVALID_INPUT', 'Nơi nhận bản giấy cần tên nơi nhận.');
      break;
  }
  return {
    id: r.recipientId, outgoingId, channel: r.channel, unitId: r.channel === 'unit' ? r.unitId ?? null : null,
    userId: r.channel === 'user' ? r.userId ?? null : null, organId: r.organId ?? null, name, email: r.email ?? null,
    address: r.address ?? null, status: 'pending', note: '',
  };
}

async function addRecipients(tx: Tx, outgoingId: string, list: RecipientIn[]): Promise<void> {
  if (list.length === 0) return;
  const known = new Set(
    (await tx.select({ id: outgoingRecipients.id }).from(outgoingRecipients).where(inArray(outgoingRecipients.id, list.map((r) => r.recipientId)))).map((r) => r.id),
  );
  const rows = [];
  for (const r of list) if (!known.has(r.recipientId)) rows.push(await recipientRow(tx, outgoingId, r));
  if (rows.length) await tx.insert(outgoingRecipients).values(rows);
}

export async function applyIssue(tx: Tx, user: AuthUser, a: OutgoingMutationArgs<'outgoing.issue'>): Promise<void> {
  const [already] = await tx.select({ id: outgoingDocuments.id }).from(outgoingDocuments).where(eq(outgoingDocuments.id, a.draftId));
  if (already) return; // a re-push: the number was allocated once
  const draft = await loadDraft(tx, a.draftId);
  const reason = whyCannotIssue(user, factsOf(draft));
  if (reason) throw new AppError(draft.status === 'issued' ? 'CONFLICT' : 'FORBIDDEN', reason);
  const [signed] = await tx.select().from(draftVersions).where(eq(draftVersions.id, draft.currentVersionId));
  if (!signed || signed.kind !== 'signed') throw new AppError('CONFLICT', 'Dự thảo chưa có bản đã ký duyệt của lãnh đạo.');
  const [unit] = draft.unitId ? await tx.select({ name: units.name }).from(units).where(eq(units.id, draft.unitId)) : [];
  const [signer] = draft.signerId
    ? await tx.select({ name: users.fullName, position: users.position }).from(users).where(eq(users.id, draft.signerId))
    : [];
  let replaced = null;
  if (a.replacesId) {
    replaced = await loadOutgoing(tx, a.replacesId);
    if (replaced.status !== 'issued') throw new AppError('CONFLICT', 'Văn bản được thay thế đã bị thu hồi hoặc thay thế trước đó.');
  }
  const { registerId, number } = await allocateNumber(tx, 'outgoing', a.year);
  await tx.insert(outgoingDocuments).values({
    id: a.draftId, registerId, year: a.year, number, notation: draft.notation, issuedDate: a.issuedDate, docType: draft.docType,
    subject: draft.subject, urgency: draft.urgency, secrecy: draft.secrecy, signerName: a.signerName || signer?.name || '',
    signerPosition: a.signerPosition || signer?.position || '', recipientsText: draft.recipientsText, keptBy: unit?.name ?? '',
    issuedAmount: draft.issuedAmount, note: a.note, status: 'issued', signedPdf: signed.pdf, issuedPdf: null,
    issuedAttachments: [], replacesId: a.replacesId, issuedBy: user.id, provisionalNumber: a.provisionalNumber,
  });
  await tx.update(outgoingDrafts).set({ status: 'issued', ...bump, updatedAt: sql`now()` }).where(eq(outgoingDrafts.id, a.draftId));
  await recordStep(tx, { id: a.stepId, draftId: a.draftId, action: 'issue', from: 'signed', to: 'issued', actorId: user.id, comment: a.note });
  await addRecipients(tx, a.draftId, a.recipients);
  if (replaced) {
    await tx
      .update(outgoingDocuments)
      .set({ status: 'replaced', replacedById: a.draftId, revokedAt: sql`now()`, revokeReason: a.note || 'Thay thế bằng văn bản mới', ...bump })
      .where(eq(outgoingDocuments.id, replaced.id));
    await revokeInternalDeliveries(tx, replaced.id);
  }
}

export async function applyAttachIssued(tx: Tx, user: AuthUser, a: OutgoingMutationArgs<'outgoing.attachIssued'>): Promise<void> {
  requireClerk(user, 'đóng dấu số văn bản phát hành');
  const doc = await loadOutgoing(tx, a.outgoingId);
  if (doc.status !== 'issued') throw new AppError('CONFLICT', 'Văn bản đã bị thu hồi hoặc thay thế nên không đóng dấu được nữa.');
  await requireUploaded(tx, [a.issuedPdf, ...a.issuedAttachments]);
  await tx
    .update(outgoingDocuments)
    .set({ issuedPdf: a.issuedPdf, issuedAttachments: a.issuedAttachments, ...bump })
    .where(eq(outgoingDocuments.id, a.outgoingId));
}

export async function applyDispatch(tx: Tx, user: AuthUser, a: OutgoingMutationArgs<'outgoing.dispatch'>): Promise<void> {
  requireClerk(user, 'phát hành văn bản');
  const doc = await loadOutgoing(tx, a.outgoingId);
  if (doc.status !== 'issued') throw new AppError('CONFLICT', 'Văn bản đã bị thu hồi hoặc thay thế nên không phát hành được.');
  if (!doc.issuedPdf) {
    throw new AppError('CONFLICT', 'Văn bản chưa được ghi số, ngày và ký số của cơ quan. Hãy hoàn tất phát hành (đóng dấu số) trước khi gửi.');
  }
  await addRecipients(tx, a.outgoingId, a.addRecipients);
  // Internal recipients receive it now: their row turns `delivered`, which lists it in their incoming (nội bộ) list.
  await tx
    .update(outgoingRecipients)
    .set({ status: 'delivered', sentAt: sql`now()`, ...bump })
    .where(
      and(
        eq(outgoingRecipients.outgoingId, a.outgoingId),
        eq(outgoingRecipients.status, 'pending'),
        inArray(outgoingRecipients.channel, ['unit', 'user']),
      ),
    );
  if (!doc.dispatchedAt) await tx.update(outgoingDocuments).set({ dispatchedAt: sql`now()`, ...bump }).where(eq(outgoingDocuments.id, doc.id));
}

export async function applyRecipientStatus(tx: Tx, user: AuthUser, a: OutgoingMutationArgs<'outgoing.recipientStatus'>): Promise<void> {
  requireClerk(user, 'cập nhật tình trạng gửi văn bản');
  const [row] = await tx.select({ id: outgoingRecipients.id }).from(outgoingRecipients).where(eq(outgoingRecipients.id, a.recipientId));
  if (!row) throw new AppError('NOT_FOUND', 'Không tìm thấy nơi nhận này.');
  await tx
    .update(outgoingRecipients)
    .set({
      status: a.status, statusCode: a.statusCode, note: a.note, ...bump,
      ...(a.status === 'sent' ? { sentAt: sql`coalesce(${outgoingRecipients.sentAt}, now())` } : {}),
    })
    .where(eq(outgoingRecipients.id, a.recipientId));
}

async function revokeInternalDeliveries(tx: Tx, outgoingId: string): Promise<void> {
  await tx
    .update(outgoingRecipients)
    .set({ status: 'revoked', ...bump })
    .where(and(eq(outgoingRecipients.outgoingId, outgoingId), inArray(outgoingRecipients.channel, ['unit', 'user'])));
}

export async function applyRevoke(tx: Tx, user: AuthUser, a: OutgoingMutationArgs<'outgoing.revoke'>): Promise<void> {
  if (await stepExists(tx, a.stepId)) return;
  requireClerk(user, 'thu hồi văn bản đã phát hành');
  const doc = await loadOutgoing(tx, a.outgoingId);
  if (doc.status !== 'issued') throw new AppError('CONFLICT', 'Văn bản này đã bị thu hồi hoặc thay thế trước đó.');
  await tx
    .update(outgoingDocuments)
    .set({ status: 'revoked', revokedAt: sql`now()`, revokeReason: a.reason, ...bump })
    .where(eq(outgoingDocuments.id, a.outgoingId));
  await revokeInternalDeliveries(tx, a.outgoingId);
  await recordStep(tx, { id: a.stepId, draftId: a.outgoingId, action: 'revoke', from: 'issued', to: 'issued', actorId: user.id, comment: a.reason });
}

export async function applyPostal(tx: Tx, user: AuthUser, a: OutgoingMutationArgs<'outgoing.postal'>): Promise<void> {
  requireClerk(user, 'vào sổ chuyển giao bưu chính');
  const [known] = await tx.select({ id: postalEntries.id }).from(postalEntries).where(eq(postalEntries.id, a.entryId));
  if (known) return;
  const doc = await loadOutgoing(tx, a.outgoingId);
  await tx.insert(postalEntries).values({
    id: a.entryId, outgoingId: doc.id, year: Number(a.date.slice(0, 4)), date: a.date, recipientName: a.recipientName,
    envelopes: a.envelopes, receipt: a.receipt, note: a.note, createdBy: user.id,
  });
}

export async function applyMarkRead(tx: Tx, user: AuthUser, a: OutgoingMutationArgs<'outgoing.markRead'>): Promise<void> {
  const mine = user.unitId
    ? or(eq(outgoingRecipients.userId, user.id), eq(outgoingRecipients.unitId, user.unitId))
    : eq(outgoingRecipients.userId, user.id);
  await tx
    .update(outgoingRecipients)
    .set({ readAt: sql`now()`, ...bump })
    .where(and(eq(outgoingRecipients.id, a.recipientId), isNull(outgoingRecipients.readAt), mine));
}
