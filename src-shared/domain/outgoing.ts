/**
 * Văn bản đi (outgoing documents): drafts and their workflow, issued documents, recipients, postal register.
 * Entities as they travel between server, replica and UI, and the pure workflow rules every layer shares
 * (the server enforces them; the desktop checks them first so the user gets the answer offline too).
 */
import { z } from 'zod';
import { DOC_TYPE_CODES } from './doc-types';
import { SECRECIES, URGENCIES, type Role } from './enums';
import { isoDate, isoDateTime, sha256Hex, uuid } from './entities';

/**
 * Where a draft (dự thảo) is. `returned` = sent back to the drafter with comments (from any step).
 * After the leader's approval signature it is `signed`; the clerk's issuance makes it `issued`.
 */
export const DRAFT_STATUSES = ['drafting', 'contentReview', 'formatCheck', 'awaitingSignature', 'returned', 'signed', 'issued'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];
export const DRAFT_STATUS_LABELS: Record<DraftStatus, string> = {
  drafting: 'Đang soạn thảo',
  contentReview: 'Chờ kiểm tra nội dung',
  formatCheck: 'Chờ kiểm tra thể thức',
  awaitingSignature: 'Chờ lãnh đạo ký',
  returned: 'Bị trả lại',
  signed: 'Đã ký duyệt, chờ phát hành',
  issued: 'Đã phát hành',
};

/** Every recorded step of the draft's history (who did what, with the comment). */
export const DRAFT_ACTIONS = [
  'create', 'newVersion', 'submit', 'approveContent', 'approveFormat', 'return', 'sign', 'issue', 'revoke', 'replace',
] as const;
export type DraftAction = (typeof DRAFT_ACTIONS)[number];
export const DRAFT_ACTION_LABELS: Record<DraftAction, string> = {
  create: 'Tạo dự thảo',
  newVersion: 'Cập nhật phiên bản',
  submit: 'Trình kiểm tra nội dung',
  approveContent: 'Đồng ý nội dung',
  approveFormat: 'Đạt thể thức',
  return: 'Trả lại',
  sign: 'Ký duyệt',
  issue: 'Phát hành',
  revoke: 'Thu hồi',
  replace: 'Thay thế',
};

/** The review stage a decision (approve/return) is taken at. */
export const REVIEW_STAGES = ['content', 'format', 'signature'] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];
export const STAGE_STATUS: Record<ReviewStage, DraftStatus> = {
  content: 'contentReview',
  format: 'formatCheck',
  signature: 'awaitingSignature',
};

export const OUTGOING_STATUSES = ['issued', 'revoked', 'replaced'] as const;
export type OutgoingStatus = (typeof OUTGOING_STATUSES)[number];
export const OUTGOING_STATUS_LABELS: Record<OutgoingStatus, string> = {
  issued: 'Đã phát hành',
  revoked: 'Đã thu hồi',
  replaced: 'Đã bị thay thế',
};

/**
 * How a recipient gets the document: internal `unit`/`user` (appears in their "Văn bản đến nội bộ" list),
 * `organ` (another agency, edXML package), `email` (SMTP, for recipients without an exchange address), `paper` (postal register).
 */
export const RECIPIENT_CHANNELS = ['unit', 'user', 'organ', 'email', 'paper'] as const;
export type RecipientChannel = (typeof RECIPIENT_CHANNELS)[number];
export const RECIPIENT_CHANNEL_LABELS: Record<RecipientChannel, string> = {
  unit: 'Đơn vị nội bộ',
  user: 'Cá nhân nội bộ',
  organ: 'Cơ quan khác (edXML)',
  email: 'Thư điện tử',
  paper: 'Bản giấy (bưu chính)',
};

export const RECIPIENT_STATUSES = ['pending', 'delivered', 'sent', 'failed', 'arrived', 'accepted', 'refused', 'revoked'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];
export const RECIPIENT_STATUS_LABELS: Record<RecipientStatus, string> = {
  pending: 'Chờ gửi',
  delivered: 'Đã chuyển (nội bộ)',
  sent: 'Đã gửi',
  failed: 'Gửi lỗi',
  arrived: 'Nơi nhận đã nhận',
  accepted: 'Nơi nhận đã tiếp nhận',
  refused: 'Nơi nhận từ chối',
  revoked: 'Đã thu hồi',
};

/** Metadata of appendix VI an outgoing draft carries (the system fills number, date, ordinal, organ id). */
export const outgoingMetadataSchema = z.object({
  docType: z.enum(DOC_TYPE_CODES),
  /** Trích yếu (Subject). */
  subject: z.string().trim().min(1, 'Nhập trích yếu').max(500),
  urgency: z.enum(URGENCIES),
  secrecy: z.enum(SECRECIES),
  /** Ký hiệu without the number, e.g. "QĐ-SNV" or "SNV-VP" (CodeNotation). */
  notation: z.string().trim().min(1, 'Nhập ký hiệu').max(30),
  /** Nơi nhận as printed on the document (free text; the dispatch list is separate). */
  recipientsText: z.string().max(500).default(''),
  dueDate: isoDate.nullable().default(null),
  language: z.string().max(20).default('vi'),
  pageAmount: z.number().int().min(0).nullable().default(null),
  /** Ghi chú (Description). */
  description: z.string().max(500).default(''),
  /** Số lượng bản (IssuedAmount). */
  issuedAmount: z.number().int().min(1).max(10000).default(1),
});
export type OutgoingMetadata = z.infer<typeof outgoingMetadataSchema>;

export const outgoingFileRefSchema = z.object({
  sha256: sha256Hex,
  name: z.string().min(1).max(255),
  size: z.number().int().min(1),
  mime: z.string().min(1).max(100),
  pageCount: z.number().int().min(0).nullable(),
});
export type OutgoingFileRef = z.infer<typeof outgoingFileRefSchema>;

/** Dự thảo, as the server confirms it. */
export const outgoingDraftSchema = outgoingMetadataSchema.extend({
  id: uuid,
  status: z.enum(DRAFT_STATUSES),
  /** Drafting unit (the unit head of this unit checks the content). */
  unitId: uuid.nullable(),
  createdBy: uuid,
  /** The leader chosen to sign (set at submission). */
  signerId: uuid.nullable(),
  currentVersionId: uuid,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type OutgoingDraft = z.infer<typeof outgoingDraftSchema>;

/** A version of a draft: the PDF (DOCX kept alongside when given) and appendix files. */
export const draftVersionSchema = z.object({
  id: uuid,
  draftId: uuid,
  versionNo: z.number().int().min(1),
  /** `draft` uploaded by the drafter, `signed` carries the leader's approval signature. */
  kind: z.enum(['draft', 'signed']),
  pdf: outgoingFileRefSchema,
  docx: outgoingFileRefSchema.nullable(),
  attachments: z.array(outgoingFileRefSchema),
  note: z.string().max(500),
  createdBy: uuid,
  createdAt: isoDateTime,
});
export type DraftVersion = z.infer<typeof draftVersionSchema>;

export const draftStepSchema = z.object({
  id: uuid,
  draftId: uuid,
  action: z.enum(DRAFT_ACTIONS),
  /** Status before and after the step. */
  fromStatus: z.enum(DRAFT_STATUSES).nullable(),
  toStatus: z.enum(DRAFT_STATUSES),
  actorId: uuid,
  comment: z.string().max(2000),
  at: isoDateTime,
});
export type DraftStep = z.infer<typeof draftStepSchema>;

/** Văn bản đi: an issued document in the outgoing register. `id` equals the draft's id. */
export const outgoingDocumentSchema = z.object({
  id: uuid,
  registerId: uuid,
  year: z.number().int(),
  /** Số, allocated by the server from the outgoing register of the year (gapless, unique). */
  number: z.number().int().min(1),
  /** "05" style number as written on the document. */
  numberText: z.string(),
  notation: z.string().max(30),
  issuedDate: isoDate,
  docType: z.enum(DOC_TYPE_CODES),
  subject: z.string().max(500),
  urgency: z.enum(URGENCIES),
  secrecy: z.enum(SECRECIES),
  signerName: z.string().max(200),
  signerPosition: z.string().max(200),
  recipientsText: z.string().max(500),
  /** Đơn vị, người nhận bản lưu: the drafting unit's name. */
  keptBy: z.string().max(200),
  issuedAmount: z.number().int().min(1),
  note: z.string().max(500),
  status: z.enum(OUTGOING_STATUSES),
  /** The signed draft the number was allocated for. */
  signedPdf: outgoingFileRefSchema,
  /** The PDF with number, date and seal (null until the clerk finished issuance with the organization's token). */
  issuedPdf: outgoingFileRefSchema.nullable(),
  /** Appendix files with the organization's signature (number/symbol and time). */
  issuedAttachments: z.array(outgoingFileRefSchema),
  /** Set when revoked or replaced. */
  revokedAt: isoDateTime.nullable(),
  revokeReason: z.string().max(500).nullable(),
  replacedById: uuid.nullable(),
  /** The document this one replaces (edXML business type 3). */
  replacesId: uuid.nullable(),
  dispatchedAt: isoDateTime.nullable(),
  issuedBy: uuid,
  issuedAt: isoDateTime,
  provisionalNumber: z.number().int().nullable(),
});
export type OutgoingDocument = z.infer<typeof outgoingDocumentSchema>;

export const outgoingRecipientSchema = z.object({
  id: uuid,
  outgoingId: uuid,
  channel: z.enum(RECIPIENT_CHANNELS),
  unitId: uuid.nullable(),
  userId: uuid.nullable(),
  /** Mã định danh of another agency (edXML To/OrganId). */
  organId: z.string().max(13).nullable(),
  /** Display name: unit, person, agency or e-mail recipient name. */
  name: z.string().max(200),
  email: z.string().max(254).nullable(),
  address: z.string().max(500).nullable(),
  status: z.enum(RECIPIENT_STATUSES),
  /** Last edXML status code answered by the recipient (01 arrived … 06 done), when any. */
  statusCode: z.string().max(2).nullable(),
  note: z.string().max(500),
  sentAt: isoDateTime.nullable(),
  /** Internal recipient has opened it. */
  readAt: isoDateTime.nullable(),
});
export type OutgoingRecipient = z.infer<typeof outgoingRecipientSchema>;

/** Sổ chuyển giao văn bản qua bưu chính: ngày chuyển, số ký hiệu, nơi nhận, số lượng bì, ký nhận, ghi chú. */
export const postalEntrySchema = z.object({
  id: uuid,
  outgoingId: uuid,
  year: z.number().int(),
  date: isoDate,
  recipientName: z.string().max(200),
  envelopes: z.number().int().min(1).max(1000),
  /** Tracking number or postal receipt (Ký nhận column). */
  receipt: z.string().max(200),
  note: z.string().max(500),
  createdBy: uuid,
});
export type PostalEntry = z.infer<typeof postalEntrySchema>;

/** Roles that may act on outgoing work beyond their own drafts. */
export const OUTGOING_MANAGERS: ReadonlySet<Role> = new Set(['clerk', 'admin']);

export type DraftActor = { id: string; role: Role; unitId: string | null };
export type DraftFacts = { status: DraftStatus; createdBy: string; unitId: string | null; signerId: string | null };

/**
 * Who may take a decision at a stage — the ONE rule both the server and the desktop apply.
 * Returns null when allowed, else the Vietnamese reason.
 */
export function whyCannotDecide(actor: DraftActor, draft: DraftFacts, stage: ReviewStage): string | null {
  if (draft.status !== STAGE_STATUS[stage]) {
    return `Dự thảo đang ở trạng thái "${DRAFT_STATUS_LABELS[draft.status]}", không ở bước này. Hãy tải lại danh sách.`;
  }
  switch (stage) {
    case 'content':
      if (actor.role === 'unitHead' && actor.unitId !== null && actor.unitId === draft.unitId) return null;
      return 'Chỉ trưởng đơn vị soạn thảo được kiểm tra nội dung dự thảo này.';
    case 'format':
      if (OUTGOING_MANAGERS.has(actor.role)) return null;
      return 'Chỉ văn thư được kiểm tra thể thức. Vui lòng chuyển cho văn thư.';
    case 'signature':
      if (actor.role === 'leader' && actor.id === draft.signerId) return null;
      return 'Chỉ lãnh đạo được chọn ký mới được ký hoặc trả lại dự thảo này.';
  }
}

/** The drafter (or an admin) edits and submits while the draft is theirs to change. */
export function whyCannotEdit(actor: DraftActor, draft: DraftFacts): string | null {
  if (draft.status !== 'drafting' && draft.status !== 'returned') {
    return `Dự thảo đang ở trạng thái "${DRAFT_STATUS_LABELS[draft.status]}" nên không sửa được. Hãy đề nghị người đang giữ dự thảo trả lại.`;
  }
  if (actor.id !== draft.createdBy && actor.role !== 'admin') return 'Chỉ người soạn thảo được sửa hoặc trình dự thảo này.';
  return null;
}

export function whyCannotIssue(actor: DraftActor, draft: DraftFacts): string | null {
  if (!OUTGOING_MANAGERS.has(actor.role)) return 'Chỉ văn thư được cấp số và phát hành văn bản. Vui lòng chuyển cho văn thư.';
  if (draft.status === 'issued') return 'Văn bản này đã được phát hành (đã cấp số).';
  if (draft.status !== 'signed') return 'Dự thảo chưa được lãnh đạo ký duyệt nên chưa phát hành được.';
  return null;
}

/** The status after content approval: a draft submitted by a unit head skips its own content check. */
export function statusAfterSubmit(actor: DraftActor): DraftStatus {
  return actor.role === 'unitHead' ? 'formatCheck' : 'contentReview';
}

/** The next status when a stage approves. */
export const NEXT_STATUS: Record<Exclude<ReviewStage, 'signature'>, DraftStatus> = {
  content: 'formatCheck',
  format: 'awaitingSignature',
};
