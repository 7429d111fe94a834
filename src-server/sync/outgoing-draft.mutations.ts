/**
 * Drafts of văn bản đi: create, new version, submit, approve/return at each stage, the leader's approval signature.
 * Role and state rules are the shared ones (src-shared/domain/outgoing.ts); every refusal is a Vietnamese AppError.
 * Re-pushes are recognised by the client-generated step id and are no-ops.
 */
import { eq, sql } from 'drizzle-orm';
import { AppError } from '../../src-shared/contract/errors';
import { isSecret } from '../../src-shared/domain/enums';
import {
  NEXT_STATUS,
  STAGE_STATUS,
  statusAfterSubmit,
  whyCannotDecide,
  whyCannotEdit,
  type DraftAction,
  type DraftFacts,
  type DraftStatus,
  type OutgoingFileRef,
} from '../../src-shared/domain/outgoing';
import type { OutgoingMutationArgs } from '../../src-shared/sync/mutations-outgoing';
import type { AuthUser } from '../auth/visibility';
import type { Tx } from '../db/client';
import { users } from '../db/schema';
import { requireUploadedBlobs } from './blob-check';
import { draftSteps, draftVersions, outgoingDrafts } from '../db/schema-outgoing';

const bump = { version: sql`nextval('change_version')`, updatedAt: sql`now()` };

/** Every file must be fully uploaded before the server accepts a mutation that refers to it. */
export function requireUploaded(tx: Tx, files: OutgoingFileRef[]): Promise<void> {
  return requireUploadedBlobs(tx, files, 'thử lại');
}

export async function stepExists(tx: Tx, stepId: string): Promise<boolean> {
  const [row] = await tx.select({ id: draftSteps.id }).from(draftSteps).where(eq(draftSteps.id, stepId));
  return Boolean(row);
}

export async function loadDraft(tx: Tx, draftId: string) {
  const [draft] = await tx.select().from(outgoingDrafts).where(eq(outgoingDrafts.id, draftId)).for('update');
  if (!draft) throw new AppError('NOT_FOUND', 'Không tìm thấy dự thảo. Có thể dự thảo chưa được đồng bộ lên máy chủ; vui lòng thử lại sau.');
  return draft;
}

export function factsOf(d: { status: string; createdBy: string; unitId: string | null; signerId: string | null }): DraftFacts {
  return { status: d.status as DraftStatus, createdBy: d.createdBy, unitId: d.unitId, signerId: d.signerId };
}

export async function recordStep(
  tx: Tx,
  s: { id: string; draftId: string; action: DraftAction; from: DraftStatus | null; to: DraftStatus; actorId: string; comment: string },
): Promise<void> {
  await tx.insert(draftSteps).values({
    id: s.id, draftId: s.draftId, action: s.action, fromStatus: s.from, toStatus: s.to, actorId: s.actorId, comment: s.comment,
  });
}

async function nextVersionNo(tx: Tx, draftId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${draftVersions.versionNo}), 0)` })
    .from(draftVersions)
    .where(eq(draftVersions.draftId, draftId));
  return Number(row?.n ?? 0) + 1;
}

function refuse(reason: string | null): void {
  if (reason) throw new AppError('FORBIDDEN', reason);
}

export async function applyCreateDraft(tx: Tx, user: AuthUser, a: OutgoingMutationArgs<'outgoing.createDraft'>): Promise<void> {
  const [existing] = await tx.select({ id: outgoingDrafts.id }).from(outgoingDrafts).where(eq(outgoingDrafts.id, a.draftId));
  if (existing) return;
  if (isSecret(a.metadata.secrecy)) {
    throw new AppError(
      'SECRET_FILE_FORBIDDEN',
      'Văn bản mật không được soạn thảo và lưu tệp trên hệ thống nối mạng. Hãy soạn trên máy tính không nối mạng và chỉ vào sổ phần thông tin.',
    );
  }
  await requireUploaded(tx, [a.pdf, ...(a.docx ? [a.docx] : []), ...a.attachments]);
  await tx.insert(outgoingDrafts).values({
    id: a.draftId,
    status: 'drafting',
    ...a.metadata,
    unitId: user.unitId,
    createdBy: user.id,
    signerId: null,
    currentVersionId: a.versionId,
  });
  await tx.insert(draftVersions).values({
    id: a.versionId, draftId: a.draftId, versionNo: 1, kind: 'draft', pdf: a.pdf, pdfSha256: a.pdf.sha256, docx: a.docx,
    attachments: a.attachments, note: a.note, createdBy: user.id,
  });
  await recordStep(tx, { id: a.stepId, draftId: a.draftId, action: 'create', from: null, to: 'drafting', actorId: user.id, comment: a.note });
}

export async function applyAddVersion(tx: Tx, user: AuthUser, a: OutgoingMutationArgs<'outgoing.addVersion'>): Promise<void> {
  if (await stepExists(tx, a.stepId)) return;
  const draft = await loadDraft(tx, a.draftId);
  refuse(whyCannotEdit(user, factsOf(draft)));
  if (a.metadata && isSecret(a.metadata.secrecy)) {
    throw new AppError('SECRET_FILE_FORBIDDEN', 'Văn bản mật không được soạn thảo trên hệ thống nối mạng.');
  }
  await requireUploaded(tx, [a.pdf, ...(a.docx ? [a.docx] : []), ...a.attachments]);
  await tx.insert(draftVersions).values({
    id: a.versionId, draftId: a.draftId, versionNo: await nextVersionNo(tx, a.draftId), kind: 'draft', pdf: a.pdf,
    pdfSha256: a.pdf.sha256, docx: a.docx, attachments: a.attachments, note: a.note, createdBy: user.id,
  });
  await tx
    .update(outgoingDrafts)
    .set({ ...(a.metadata ?? {}), currentVersionId: a.versionId, ...bump })
    .where(eq(outgoingDrafts.id, a.draftId));
  const status = draft.status as DraftStatus;
  await recordStep(tx, { id: a.stepId, draftId: a.draftId, action: 'newVersion', from: status, to: status, actorId: user.id, comment: a.note });
}

export async function applySubmit(tx: Tx, user: AuthUser, a: OutgoingMutationArgs<'outgoing.submit'>): Promise<void> {
  if (await stepExists(tx, a.stepId)) return;
  const draft = await loadDraft(tx, a.draftId);
  refuse(whyCannotEdit(user, factsOf(draft)));
  const [signer] = await tx.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, a.signerId));
  if (!signer || signer.role !== 'leader' || !signer.active) {
    throw new AppError('INVALID_INPUT', 'Người ký phải là lãnh đạo cơ quan đang làm việc. Vui lòng chọn lại người ký.');
  }
  const to = statusAfterSubmit(user);
  await tx.update(outgoingDrafts).set({ status: to, signerId: a.signerId, ...bump }).where(eq(outgoingDrafts.id, a.draftId));
  await recordStep(tx, { id: a.stepId, draftId: a.draftId, action: 'submit', from: draft.status as DraftStatus, to, actorId: user.id, comment: a.comment });
}

export async function applyDecide(tx: Tx, user: AuthUser, a: OutgoingMutationArgs<'outgoing.decide'>): Promise<void> {
  if (await stepExists(tx, a.stepId)) return;
  const draft = await loadDraft(tx, a.draftId);
  refuse(whyCannotDecide(user, factsOf(draft), a.stage));
  if (a.decision === 'approve' && a.stage === 'signature') {
    throw new AppError('INVALID_INPUT', 'Lãnh đạo đồng ý bằng cách ký số dự thảo (nút "Ký duyệt"), không phải bằng nút duyệt.');
  }
  if (a.decision === 'return' && !a.comment) {
    throw new AppError('INVALID_INPUT', 'Khi trả lại dự thảo, vui lòng ghi ý kiến để người soạn thảo biết cần sửa gì.');
  }
  const from = STAGE_STATUS[a.stage];
  const to: DraftStatus = a.decision === 'return' ? 'returned' : NEXT_STATUS[a.stage as 'content' | 'format'];
  await tx.update(outgoingDrafts).set({ status: to, ...bump }).where(eq(outgoingDrafts.id, a.draftId));
  const action: DraftAction = a.decision === 'return' ? 'return' : a.stage === 'content' ? 'approveContent' : 'approveFormat';
  await recordStep(tx, { id: a.stepId, draftId: a.draftId, action, from, to, actorId: user.id, comment: a.comment });
}

export async function applySign(tx: Tx, user: AuthUser, a: OutgoingMutationArgs<'outgoing.sign'>): Promise<void> {
  if (await stepExists(tx, a.stepId)) return;
  const draft = await loadDraft(tx, a.draftId);
  refuse(whyCannotDecide(user, factsOf(draft), 'signature'));
  await requireUploaded(tx, [a.signedPdf]);
  const [current] = await tx.select().from(draftVersions).where(eq(draftVersions.id, draft.currentVersionId));
  await tx.insert(draftVersions).values({
    id: a.versionId, draftId: a.draftId, versionNo: await nextVersionNo(tx, a.draftId), kind: 'signed', pdf: a.signedPdf,
    pdfSha256: a.signedPdf.sha256, docx: current?.docx ?? null, attachments: current?.attachments ?? [], note: a.comment, createdBy: user.id,
  });
  await tx.update(outgoingDrafts).set({ status: 'signed', currentVersionId: a.versionId, ...bump }).where(eq(outgoingDrafts.id, a.draftId));
  await recordStep(tx, { id: a.stepId, draftId: a.draftId, action: 'sign', from: 'awaitingSignature', to: 'signed', actorId: user.id, comment: a.comment });
}
