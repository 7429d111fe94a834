/**
 * Contract calls and events of văn bản đi (issue 7), spread into METHODS / EVENTS of ./methods.ts.
 * The core implements them in src-main/core/services/outgoing*.service.ts; the UI calls them through the client.
 *
 * Flow: outgoing.createDraft → outgoing.submit (chosen leader) → outgoing.decide content (unit head) → outgoing.decide
 * format (clerk) → outgoing.sign (leader's token, batch) → outgoing.issue (clerk; number from the server, queued
 * offline) → outgoing.finishIssuance (number/date written into the PDF, seal, signed appendices; online) →
 * outgoing.dispatch (internal deliveries, edXML packages, e-mail, postal register). Every step can return the draft.
 */
import { z } from 'zod';
import { isoDate, sha256Hex, uuid } from '../domain/entities';
import {
  DRAFT_STATUSES,
  OUTGOING_STATUSES,
  RECIPIENT_CHANNELS,
  REVIEW_STAGES,
  draftStepSchema,
  draftVersionSchema,
  outgoingDocumentSchema,
  outgoingDraftSchema,
  outgoingMetadataSchema,
  outgoingRecipientSchema,
  postalEntrySchema,
} from '../domain/outgoing';

const method = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R) => ({ params, result });
const empty = z.object({}).strict();

/** A file already staged on this desktop (intake.stageFile) to use in a draft. */
const stagedRef = z.object({ sha256: sha256Hex, name: z.string().min(1).max(255) });

/** Sync state of a row: confirmed by the server, waiting in the outbox, or refused (reason in rejectReason). */
const syncState = z.enum(['synced', 'pending', 'rejected']);

/** Actions waiting in this desktop's outbox for a draft (shown as "đang chờ đồng bộ"). */
const pendingActionSchema = z.object({
  mutation: z.string(),
  state: z.enum(['pending', 'rejected']),
  /** Vietnamese reason when the server refused it. */
  rejectReason: z.string().nullable(),
  queuedAt: z.string(),
});

export const draftListItemSchema = outgoingDraftSchema.extend({
  createdByName: z.string(),
  signerName: z.string().nullable(),
  unitName: z.string().nullable(),
  versionCount: z.number().int(),
  /** Số, ký hiệu once issued ("05/QĐ-SNV"), else null. */
  numberNotation: z.string().nullable(),
  syncState,
  rejectReason: z.string().nullable(),
  /** The last return's comment while the draft is returned. */
  lastComment: z.string().nullable(),
});
export type DraftListItem = z.infer<typeof draftListItemSchema>;

export const draftDetailSchema = draftListItemSchema.extend({
  versions: z.array(draftVersionSchema.extend({ createdByName: z.string() })),
  history: z.array(draftStepSchema.extend({ actorName: z.string() })),
  pendingActions: z.array(pendingActionSchema),
  /** The issued document once the server allocated the number. */
  outgoing: outgoingDocumentSchema.nullable(),
  /** What the current user may do now (the server checks again). */
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    decideContent: z.boolean(),
    decideFormat: z.boolean(),
    sign: z.boolean(),
    issue: z.boolean(),
    finishIssuance: z.boolean(),
    dispatch: z.boolean(),
    revoke: z.boolean(),
  }),
});
export type DraftDetail = z.infer<typeof draftDetailSchema>;

export const outgoingListItemSchema = outgoingDocumentSchema.extend({
  numberNotation: z.string(),
  recipientCount: z.number().int(),
  syncState,
  /** True while outgoing.issue waits in this desktop's outbox: `number` is provisional. */
  provisional: z.boolean(),
});
export type OutgoingListItem = z.infer<typeof outgoingListItemSchema>;

export const outgoingDetailSchema = outgoingListItemSchema.extend({
  recipients: z.array(outgoingRecipientSchema),
  postal: z.array(postalEntrySchema),
});
export type OutgoingDetail = z.infer<typeof outgoingDetailSchema>;

/** A document an internal unit or person received ("Văn bản đến nội bộ"). */
export const internalInboxItemSchema = z.object({
  recipientId: uuid,
  outgoingId: uuid,
  numberNotation: z.string(),
  issuedDate: isoDate,
  docType: outgoingDocumentSchema.shape.docType,
  subject: z.string(),
  urgency: outgoingDocumentSchema.shape.urgency,
  signerName: z.string(),
  /** Unit or person it was addressed to. */
  addressedTo: z.string(),
  status: outgoingRecipientSchema.shape.status,
  outgoingStatus: z.enum(OUTGOING_STATUSES),
  readAt: z.string().nullable(),
  /** The issued PDF (or the signed one while the clerk has not finished issuance). */
  pdf: z.object({ sha256: sha256Hex, name: z.string() }).nullable(),
});
export type InternalInboxItem = z.infer<typeof internalInboxItemSchema>;

export const recipientInputSchema = z.object({
  channel: z.enum(RECIPIENT_CHANNELS),
  unitId: uuid.nullable().default(null),
  userId: uuid.nullable().default(null),
  organId: z.string().trim().max(13).nullable().default(null),
  name: z.string().trim().max(200).default(''),
  email: z.string().trim().email('Địa chỉ thư điện tử không hợp lệ').max(254).nullable().default(null),
  address: z.string().trim().max(500).nullable().default(null),
});
export type RecipientInput = z.input<typeof recipientInputSchema>;

const fileOut = z.object({ fileName: z.string(), mime: z.string(), contentBase64: z.string() });

/** What happened to one recipient at dispatch. */
export const dispatchResultSchema = z.object({
  recipientId: uuid,
  channel: z.enum(RECIPIENT_CHANNELS),
  name: z.string(),
  ok: z.boolean(),
  /** Vietnamese: what happened / what to do ("Đã gửi thư", "Đã tạo gói edXML", "Không kết nối được máy chủ thư …"). */
  message: z.string(),
  /** The edXML package for an `organ` recipient (to hand to the exchange platform). */
  edxml: fileOut.nullable(),
});
export type DispatchResult = z.infer<typeof dispatchResultSchema>;

export const edxmlOrganSchema = z.object({
  organId: z.string().max(13),
  organName: z.string().max(200),
  organizationInCharge: z.string().max(200).default(''),
  organAdd: z.string().max(300).default(''),
  email: z.string().max(254).default(''),
  telephone: z.string().max(50).default(''),
  fax: z.string().max(50).default(''),
  website: z.string().max(200).default(''),
});
export type EdxmlOrgan = z.infer<typeof edxmlOrganSchema>;

/** An imported edXML package, as the clerk previews it before registering it as incoming. */
export const edxmlImportSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('document'),
    documentId: z.string(),
    from: edxmlOrganSchema,
    codeNumber: z.string(),
    codeNotation: z.string(),
    issuedDate: isoDate.nullable(),
    place: z.string(),
    subject: z.string(),
    typeName: z.string(),
    signerName: z.string(),
    signerPosition: z.string(),
    priority: z.number().int(),
    dueDate: isoDate.nullable(),
    /** 0 new, 1 revoke, 2 update, 3 replace. */
    businessType: z.number().int(),
    businessReason: z.string(),
    /** Attachments staged on this desktop (ready for documents.registerIncoming). */
    files: z.array(z.object({ sha256: sha256Hex, name: z.string(), mime: z.string(), size: z.number().int() })),
  }),
  z.object({
    kind: z.literal('status'),
    documentId: z.string(),
    from: edxmlOrganSchema,
    statusCode: z.string(),
    description: z.string(),
    timestamp: z.string(),
    /** The recipient row of ours this status answers (updated through outgoing.recipientStatus), when found. */
    recipientId: uuid.nullable(),
  }),
]);
export type EdxmlImport = z.infer<typeof edxmlImportSchema>;

export const smtpSettingsSchema = z.object({
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().default(false),
  user: z.string().max(255).default(''),
  /** Write-only: never returned by outgoing.getSmtp. */
  password: z.string().max(255).optional(),
  from: z.string().trim().min(3).max(255),
});
export type SmtpSettings = z.input<typeof smtpSettingsSchema>;

const registerExport = z.object({ from: isoDate, to: isoDate, format: z.enum(['pdf', 'xlsx']) });
const queued = z.object({ id: uuid, queued: z.literal(true) });

export const OUTGOING_METHODS = {
  /** Drafts the user works on. scope: mine (created by me), review (waiting for my decision), all (that I may see). */
  'outgoing.listDrafts': method(
    z.object({
      scope: z.enum(['mine', 'review', 'toSign', 'toIssue', 'all']).default('all'),
      status: z.enum(DRAFT_STATUSES).optional(),
      search: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    z.object({ items: z.array(draftListItemSchema), total: z.number().int() }),
  ),
  'outgoing.getDraft': method(z.object({ id: uuid }), draftDetailSchema),
  /** New draft from staged files: the PDF (required), the DOCX kept alongside (optional), appendices. */
  'outgoing.createDraft': method(
    z.object({
      metadata: outgoingMetadataSchema,
      pdf: stagedRef,
      docx: stagedRef.nullable().default(null),
      attachments: z.array(stagedRef).max(50).default([]),
      note: z.string().max(500).default(''),
    }),
    queued,
  ),
  'outgoing.addVersion': method(
    z.object({
      draftId: uuid,
      metadata: outgoingMetadataSchema.optional(),
      pdf: stagedRef,
      docx: stagedRef.nullable().default(null),
      attachments: z.array(stagedRef).max(50).default([]),
      note: z.string().max(500).default(''),
    }),
    queued,
  ),
  'outgoing.submit': method(z.object({ draftId: uuid, signerId: uuid, comment: z.string().max(2000).default('') }), queued),
  /** Approve or return at a stage; a return needs a comment. */
  'outgoing.decide': method(
    z.object({
      draftId: uuid,
      stage: z.enum(REVIEW_STAGES),
      decision: z.enum(['approve', 'return']),
      comment: z.string().max(2000).default(''),
    }),
    queued,
  ),
  /** The chosen leader signs one or several drafts with the token (one PIN); each gets its result. */
  'outgoing.sign': method(
    z.object({
      draftIds: z.array(uuid).min(1).max(100),
      certificateId: z.string().min(1).max(2000),
      pin: z.string().min(1).max(64),
      confirmFinalTry: z.boolean().default(false),
      /** PNG of the leader's handwritten signature. */
      imageBase64: z.string().max(2_000_000).optional(),
      comment: z.string().max(2000).default(''),
    }),
    z.object({
      warning: z.string().nullable(),
      results: z.array(
        z.object({
          draftId: uuid,
          ok: z.boolean(),
          /** The signed PDF (new version of the draft). */
          signed: z.object({ sha256: sha256Hex, name: z.string() }).nullable(),
          error: z.object({ code: z.string(), message: z.string() }).nullable(),
        }),
      ),
    }),
  ),
  /**
   * The clerk issues a signed draft. Online: the number comes back at once (`provisional: false`). Offline: it waits in
   * the queue (`provisional: true`, `message` says so) and the number arrives with the next sync.
   */
  'outgoing.issue': method(
    z.object({
      draftId: uuid,
      issuedDate: isoDate.optional(),
      recipients: z.array(recipientInputSchema).max(500).default([]),
      note: z.string().max(500).default(''),
      replacesId: uuid.nullable().default(null),
    }),
    z.object({
      id: uuid,
      provisional: z.boolean(),
      number: z.number().int(),
      numberNotation: z.string(),
      message: z.string(),
    }),
  ),
  /** Online, once the number is confirmed: writes number and date into the PDF, applies the seal, signs the appendices. */
  'outgoing.finishIssuance': method(
    z.object({
      outgoingId: uuid,
      certificateId: z.string().min(1).max(2000),
      pin: z.string().min(1).max(64),
      confirmFinalTry: z.boolean().default(false),
      /** PNG of the organization's seal. */
      sealImageBase64: z.string().max(2_000_000).optional(),
    }),
    z.object({ issuedPdf: z.object({ sha256: sha256Hex, name: z.string() }), attachments: z.array(z.object({ sha256: sha256Hex, name: z.string() })) }),
  ),
  'outgoing.listIssued': method(
    z.object({
      year: z.number().int().optional(),
      status: z.enum(OUTGOING_STATUSES).optional(),
      search: z.string().max(200).optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    z.object({ items: z.array(outgoingListItemSchema), total: z.number().int() }),
  ),
  'outgoing.getIssued': method(z.object({ id: uuid }), outgoingDetailSchema),
  /** Sends an issued document to its recipients (plus any added here); results per recipient. */
  'outgoing.dispatch': method(
    z.object({ outgoingId: uuid, addRecipients: z.array(recipientInputSchema).max(500).default([]) }),
    z.object({ results: z.array(dispatchResultSchema) }),
  ),
  /** Revocation (thu hồi) of an issued document; internal recipients see it revoked, organ recipients get edXML type 1. */
  'outgoing.revoke': method(z.object({ outgoingId: uuid, reason: z.string().trim().min(1, 'Nhập lý do thu hồi').max(500) }), queued),
  /** Văn bản đến nội bộ: documents addressed to me or my unit. */
  'outgoing.listInbox': method(
    z.object({ limit: z.number().int().min(1).max(500).default(100), offset: z.number().int().min(0).default(0) }),
    z.object({ items: z.array(internalInboxItemSchema), total: z.number().int() }),
  ),
  'outgoing.markRead': method(z.object({ recipientId: uuid }), z.object({ recipientId: uuid })),
  /** Paper dispatch: add an entry to the postal register. */
  'outgoing.addPostal': method(
    z.object({
      outgoingId: uuid,
      date: isoDate.optional(),
      recipientName: z.string().trim().min(1, 'Nhập nơi nhận').max(200),
      envelopes: z.number().int().min(1).max(1000).default(1),
      receipt: z.string().max(200).default(''),
      note: z.string().max(500).default(''),
    }),
    queued,
  ),
  'outgoing.listPostal': method(z.object({ from: isoDate.optional(), to: isoDate.optional() }), z.array(postalEntrySchema.extend({ numberNotation: z.string() }))),
  /** The outgoing register (ND30 appendix IV, 10 columns) for an issue-date range. */
  'registers.exportOutgoing': method(registerExport, fileOut),
  /** The postal dispatch register for a date range. */
  'registers.exportPostal': method(registerExport, fileOut),
  /** An edXML (QCVN 102) package of an issued document for another agency; businessType 1 revoke, 3 replace. */
  'edxml.export': method(
    z.object({ outgoingId: uuid, to: z.array(edxmlOrganSchema).min(1).max(100), businessType: z.number().int().min(0).max(3).default(0) }),
    fileOut,
  ),
  /** Reads an edXML document or status message: attachments are staged, a status updates our recipient row. */
  'edxml.import': method(z.object({ contentBase64: z.string().min(1) }), edxmlImportSchema),
  /** A status message (01 arrived … 06 done, 15/16 revoke answers) answering a received edXML document. */
  'edxml.statusMessage': method(
    z.object({ documentId: z.string().min(1).max(200), to: edxmlOrganSchema, statusCode: z.string().regex(/^\d{2}$/), description: z.string().max(500).default('') }),
    fileOut,
  ),
  /** SMTP server used to send documents to recipients that have only an e-mail address. */
  'outgoing.getSmtp': method(empty, smtpSettingsSchema.omit({ password: true }).extend({ hasPassword: z.boolean() }).nullable()),
  'outgoing.setSmtp': method(smtpSettingsSchema, z.object({ ok: z.literal(true) })),
} as const;

export const OUTGOING_EVENTS = {
  /** The server allocated the number of an issuance queued on this desktop: the clerk can finish issuance. */
  'outgoing.numberAllocated': z.object({ outgoingId: uuid, number: z.number().int(), numberNotation: z.string(), provisionalNumber: z.number().int().nullable() }),
} as const;
